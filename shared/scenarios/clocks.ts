/**
 * Scenario `clocks` (issue 5): the chapter's physical-clock claims on real clocks.
 * Nodes carry injected offsets and drifts (`--offset`, `--drift`, `--step`) and NTP on
 * or off per node (`--ntp lab`, `--ntp n2=lab`, …: the runtime disciplines the wall
 * clock and records `ntp`/`clock` events). Each node sends its wall-clock reading to
 * the next node every `clockMsgMs`; the receiver records both readings, so a message
 * received at an earlier wall time than it was sent (a wall-clock ordering anomaly)
 * is visible on the event itself. Every tick the core compares consecutive readings:
 * when the wall clock went backwards (an NTP step of a clock that was ahead) it records
 * how far, next to how far the monotonic clock advanced meanwhile (never backwards).
 *
 * Options: `clockMsgMs` (default 100), `tickMs` (default 10).
 */
import { numberOption } from './options';
import type { CoreEvent, CoreInit, CoreOutput, CoreSend, NodeCore, NodeNow, ScenarioDef } from './types';

/** What clocks nodes send each other. */
export interface ClocksBody {
  /** The sender's wall clock when it sent, ms since the epoch. */
  sentWallMs: number;
  n: number;
}

function clocksCore(init: CoreInit): NodeCore {
  const everyMs = numberOption(init.options, 'clockMsgMs', 100, 1, 60_000);
  const peers = init.nodes.filter((n) => n !== init.node);
  let nextSendMs = 0;
  let sent = 0;
  let last: NodeNow | null = null;

  /** A backwards wall step seen between two readings, as an event (or none). */
  const watch = (now: NodeNow): CoreEvent[] => {
    const prev = last;
    last = now;
    if (!prev || now.wallMs >= prev.wallMs) return [];
    const backMs = prev.wallMs - now.wallMs;
    const monoMs = now.monoMs - prev.monoMs;
    return [{
      kind: 'local',
      label: `wall clock went back ${backMs.toFixed(3)} ms while the monotonic clock advanced ${monoMs.toFixed(3)} ms`,
      data: { wall_back_ms: backMs, mono_advance_ms: monoMs, wall_before_ms: prev.wallMs, wall_after_ms: now.wallMs },
    }];
  };

  return {
    start(now: NodeNow): CoreOutput {
      last = now;
      nextSendMs = now.monoMs + everyMs;
      return { events: [{ kind: 'local', label: `clocks: wall ${new Date(now.wallMs).toISOString()}, sending to ${peers.length} peers every ${everyMs} ms`, data: { wall_ms: now.wallMs, mono_ms: now.monoMs, clockMsgMs: everyMs } }] };
    },
    tick(now: NodeNow): CoreOutput {
      const events = watch(now);
      const sends: CoreSend[] = [];
      if (peers.length && now.monoMs >= nextSendMs) {
        nextSendMs = now.monoMs + everyMs;
        const to = peers[sent % peers.length];
        sent += 1;
        sends.push({ to, body: { sentWallMs: now.wallMs, n: sent } satisfies ClocksBody, label: `wall ${now.wallMs.toFixed(3)}`, data: { sent_wall_ms: now.wallMs } });
      }
      return { events, sends };
    },
    receive(from: string, body: unknown, now: NodeNow): CoreOutput {
      const events = watch(now);
      const b = body as Partial<ClocksBody> | null;
      if (!b || typeof b.sentWallMs !== 'number') return { events, receiveLabel: 'malformed clocks message' };
      const gapMs = now.wallMs - b.sentWallMs;
      const receiveLabel = gapMs < 0
        ? `from ${from}: received ${(-gapMs).toFixed(3)} ms BEFORE it was sent (wall clocks)`
        : `from ${from}: received ${gapMs.toFixed(3)} ms after it was sent (wall clocks)`;
      return { events, receiveLabel, receiveData: { sent_wall_ms: b.sentWallMs, recv_wall_ms: now.wallMs, wall_gap_ms: gapMs, inversion: gapMs < 0 } };
    },
  };
}

/** The `clocks` scenario. */
export const clocksScenario: ScenarioDef = {
  name: 'clocks',
  description: 'physical clocks: offsets, drift, NTP steps and slews, wall-clock ordering anomalies',
  tickMs: (options) => numberOption(options, 'tickMs', 10, 1, 1000),
  create: clocksCore,
};
