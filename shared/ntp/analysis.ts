/**
 * What `coordlab analyze` adds about a run's physical clocks (issue 5): each node's
 * drift estimate (its NTP discipline's frequency fit) against the injected drift. The
 * offset error over time (`clock_error_ms`) comes from shared/causality, from the
 * `data.true_ms` the runtime stamps on every event.
 */

/** The fields read here (a LabEvent is one). */
export interface ClockEvent {
  node: string;
  kind: string;
  data?: Record<string, unknown> | null;
}

/** A node's drift: injected (from the experiment) and estimated (by its NTP discipline). */
export interface DriftReport {
  injected: number;
  /** The discipline's last frequency estimate, ppm; null when the node ran no NTP fit. */
  estimated: number | null;
  /** estimated − injected, ppm; null without an estimate. */
  error: number | null;
}

/**
 * Per node drift figures: `injected` from the experiment's clock faults, `estimated`
 * from the last `clock` event's `drift_ppm` (the least-squares fit of the NTP raw
 * offsets). Null when the run has neither NTP clock events nor an injected drift.
 */
export function driftReport(events: readonly ClockEvent[], clocks: Readonly<Record<string, { driftPpm?: number }>>, nodes: readonly string[]): Record<string, DriftReport> | null {
  const estimated = new Map<string, number>();
  for (const e of events) {
    const d = e.data?.drift_ppm;
    if (e.kind === 'clock' && typeof d === 'number' && Number.isFinite(d)) estimated.set(e.node, d);
  }
  const anyInjected = nodes.some((n) => (clocks[n]?.driftPpm ?? 0) !== 0);
  if (!estimated.size && !anyInjected) return null;
  const out: Record<string, DriftReport> = {};
  for (const n of nodes) {
    const injected = clocks[n]?.driftPpm ?? 0;
    const est = estimated.get(n) ?? null;
    out[n] = { injected, estimated: est, error: est === null ? null : est - injected };
  }
  return out;
}

/** The drift table for `analyze`. */
export function describeDrift(report: Readonly<Record<string, DriftReport>>): string {
  const f = (x: number | null): string => (x === null ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(1)}`);
  const rows = Object.entries(report).map(([n, d]) => [n, f(d.injected), f(d.estimated), f(d.error)]);
  const cells = [['NODE', 'INJECTED PPM', 'ESTIMATED PPM', 'ERROR PPM'], ...rows];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return ['drift (ppm; estimated by the node\'s NTP discipline)', ...cells.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd())].join('\n');
}
