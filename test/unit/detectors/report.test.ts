import { describe, expect, it } from 'vitest';
import { causeFlags, defaultCauseWindow, detectorReport, fdOptionProblems, parseCauses, seriesVariants, verdicts, type ReportEvent } from '../../../shared/detectors';

/** A small hand-made record: n1 watches n2 with heartbeat; n2 pauses 1000–1600, crashes at 3000 (truth in host ms). */
function record(): ReportEvent[] {
  const ev = (node: string, kind: string, t: number, data: Record<string, unknown> = {}): ReportEvent => ({ node, kind, ref_ms: t + 1, wall_ms: t, data: { ...data, true_ms: t } });
  return [
    ev('n1', 'local', 0, { detectors: ['heartbeat'] }),
    ev('n2', 'local', 0, { detectors: ['heartbeat'] }),
    ev('lab', 'pause', 1000, { node: 'n2' }),
    ev('n1', 'suspect', 1400, { detector: 'heartbeat', target: 'n2' }),
    ev('lab', 'resume', 1600, { node: 'n2' }),
    ev('n1', 'trust', 1610, { detector: 'heartbeat', target: 'n2' }),
    ev('lab', 'crash', 3000, { node: 'n2' }),
    ev('n1', 'suspect', 3350, { detector: 'heartbeat', target: 'n2' }),
    ev('n1', 'local', 5000),
  ].map((e) => (e.node === 'lab' ? { ...e, data: { ...e.data, true_ms: undefined } } : e));
}

describe('detectorReport', () => {
  it('detection time per crash, the pause suspicion as a mistake, suspected at the end', () => {
    const [hb] = detectorReport(record())!;
    expect(hb.name).toBe('heartbeat');
    // n1 watches n2 and n2 watches n1 (n2 never suspects: no mistake on that pair).
    expect(hb.pairs).toBe(2);
    expect(hb.detection_ms).toEqual([349]); // crash at ref 3001, suspicion at 3350
    expect(hb.mistakes).toBe(1);
    expect(hb.mistake_ms).toEqual([210]);
    expect(hb.suspected_at_end).toEqual(['n1>n2']);
    expect(detectorReport(record().filter((e) => e.kind !== 'local'))).toBeNull();
  });

  it('verdicts: suspected after the fault, and whether still at the end', () => {
    // Only the crash: drop the pause, its resume and the suspicion/trust around it.
    const events = record().filter((e) => !['pause', 'resume', 'trust'].includes(e.kind) && !(e.kind === 'suspect' && e.wall_ms! < 3000));
    const report = detectorReport(events)!;
    expect(verdicts(events, report, 'n2')).toEqual([{ detector: 'heartbeat', suspected_by: ['n1'], first_suspicion_ms: 349, suspected_at_end_by: ['n1'] }]);
  });
});

describe('fd series and options', () => {
  it('--cause flags: a delay spike, a crash-stop, a partition on the same window', () => {
    const w = defaultCauseWindow(4000);
    expect(w).toMatchObject({ target: 'n2', startMs: 1200, endMs: 2200 });
    expect(causeFlags({ crash: ['n3@3s'] }, 'crash', w)).toEqual({ crash: ['n3@3s', 'n2@1.2s'], failures: 'crash-stop' });
    expect(causeFlags({}, 'slow', w)).toEqual({ 'delay-spike': ['n2>*=+900ms@1.2s..2.2s'] });
    expect(causeFlags({}, 'partition', w)).toEqual({ partition: ['n2@1.2s..2.2s'] });
    expect(parseCauses('all')).toEqual(['slow', 'crash', 'partition']);
    expect(() => parseCauses('flood')).toThrow(/'flood' is not one of/);
    const v = seriesVariants({ seed: '3' }, { detectors: ['ping', 'phi'], causes: ['crash'], window: w });
    expect(v.map((x) => x.label)).toEqual(['cause=crash detector=ping', 'cause=crash detector=phi']);
    expect(v.every((x) => x.flags.seed === '3')).toBe(true);
  });

  it('detector options: nonsense is one line each, sensible or absent is none', () => {
    expect(fdOptionProblems({})).toEqual([]);
    expect(fdOptionProblems({ heartbeatMs: 50, fdTimeoutMs: 200, phiThreshold: 3, phiWindow: 10 })).toEqual([]);
    expect(fdOptionProblems({ heartbeatMs: 100, fdTimeoutMs: 90 })[0]).toMatch(/heartbeat detector: timeoutMs \(90\) must exceed intervalMs \(100\)/);
    expect(fdOptionProblems({ phiWindow: 0 })).toEqual(['phi detector: windowSize must be an integer ≥ 1, got 0']);
    expect(fdOptionProblems({ phiThreshold: -1 })).toEqual(['phi detector: threshold must be > 0, got -1']);
    expect(fdOptionProblems({ pingRetries: 1.5 })[0]).toMatch(/ping detector: retries/);
    expect(fdOptionProblems({ phiThreshold: 'high' })[0]).toMatch(/threshold must be > 0, got NaN/);
  });
});
