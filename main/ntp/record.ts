/**
 * How NTP poller events become event-record rows: `ntp` events for exchanges and
 * rejections, `clock` events for steps and slews, each with the estimate and (where the
 * lab knows it) the truth side by side. The runtime adds the stamps (wall, mono, Lamport…).
 */
import { referenceIdText } from '../../shared/ntp';
import type { NtpPollerEvent } from './poller';

/** The kind/label/data part of a LabEvent. */
export interface NtpRecord {
  kind: 'ntp' | 'clock';
  label: string;
  data: Record<string, unknown>;
}

/** Map a poller event to its record. */
export function ntpEventRecord(e: NtpPollerEvent): NtpRecord {
  switch (e.kind) {
    case 'exchange': {
      const s = e.sample;
      return {
        kind: 'ntp',
        label: `exchange ${s.source}: offset ${s.offsetMs.toFixed(3)} ms, delay ${s.delayMs.toFixed(3)} ms`,
        data: {
          source: s.source, offset_ms: s.offsetMs, delay_ms: s.delayMs, dispersion_ms: s.dispersionMs, stratum: s.stratum, refid: referenceIdText(s.referenceId),
          t1_ms: s.t1Ms, t2_ms: s.t2Ms, t3_ms: s.t3Ms, t4_ms: s.t4Ms, chosen: e.chosen, falsetickers: e.falsetickers, true_offset_ms: e.trueOffsetMs,
        },
      };
    }
    case 'rejected':
      return { kind: 'ntp', label: `rejected ${e.rejection.source}: ${e.rejection.reason}`, data: { source: e.rejection.source, rejected: e.rejection.kind, reason: e.rejection.reason, true_offset_ms: e.trueOffsetMs ?? null } };
    case 'step':
    case 'slew': {
      const a = e.action;
      const base = { offset_ms: a.offsetMs, freq_ppm: a.freqPpm, drift_ppm: a.driftPpm, true_offset_ms: e.trueOffsetMs };
      return a.kind === 'step'
        ? { kind: 'clock', label: `step ${a.stepMs.toFixed(3)} ms`, data: { action: 'step', step_ms: a.stepMs, ...base } }
        : { kind: 'clock', label: `slew ${a.offsetMs.toFixed(3)} ms at ${a.slewPpm} ppm`, data: { action: 'slew', slew_ppm: a.slewPpm, slew_duration_ms: a.slewDurationMs, ...base } };
    }
  }
}
