/**
 * The `lease` section of `coordlab analyze`: the three numbers DESIGN.md names
 * (`overlaps`, `stale_writes_accepted`, `stale_writes_rejected`), the details behind
 * them, and per node the time it believed it led against the time the store says it
 * did (the chapter's rule of thumb, in numbers).
 */
import { leaseDataOf } from '../lease/records';
import { analyzeLease, leaseSummary, type LeaseCheckEvent, type LeaseSummary } from './lease';

/** Believed against actual leadership of one node, in whole ms. */
export interface LeaseNodeTimeMs {
  node: string;
  believed_ms: number;
  actual_ms: number;
  /** Believed it led while the store said it did not. */
  believed_not_actual_ms: number;
}

/** `analyze --json` → `lease`. */
export interface LeaseSection extends LeaseSummary {
  /** Stale writes accepted on top of a newer token: data actually corrupted. */
  stale_writes_overwriting: number;
  overlaps_store: number;
  overlaps_belief: number;
  /** Total time two nodes believed they led at once, ms. */
  overlap_belief_ms: number;
  writes_accepted: number;
  writes_rejected: number;
  /** Lease-store calls that failed or timed out (and lost watches), as recorded. */
  store_errors: number;
  per_node: LeaseNodeTimeMs[];
}

/** The lease section of a run, or null if the run has no lease records. */
export function leaseSection(events: readonly LeaseCheckEvent[]): LeaseSection | null {
  let records = 0;
  let errors = 0;
  for (const e of events) {
    const d = leaseDataOf(e.data);
    if (!d) continue;
    records++;
    if (d.lease === 'error') errors++;
  }
  if (records === 0) return null;
  const r = analyzeLease(events);
  return {
    ...leaseSummary(r),
    stale_writes_overwriting: r.stale_writes_overwriting,
    overlaps_store: r.overlaps_store,
    overlaps_belief: r.overlaps_belief,
    overlap_belief_ms: Math.round(r.overlap_belief_ms),
    writes_accepted: r.writes_accepted,
    writes_rejected: r.writes_rejected,
    store_errors: errors,
    per_node: r.per_node.map((p) => ({
      node: p.node,
      believed_ms: Math.round(p.believed_ms),
      actual_ms: Math.round(p.actual_ms),
      believed_not_actual_ms: Math.round(p.believed_not_actual_ms),
    })),
  };
}

const pad = (s: string, n: number): string => s.padEnd(n);

/** The short human-readable lease section of `coordlab analyze`. */
export function describeLeaseSection(s: LeaseSection): string {
  const lines = [
    'lease',
    `  overlaps   ${s.overlaps} (store view ${s.overlaps_store}, beliefs ${s.overlaps_belief}: ${s.overlap_belief_ms} ms with two leaders believing)`,
    `  writes     ${s.writes_accepted} accepted, ${s.writes_rejected} rejected by fencing; stale accepted ${s.stale_writes_accepted}, of which ${s.stale_writes_overwriting} overwrote newer data`,
  ];
  if (s.store_errors) lines.push(`  errors     ${s.store_errors} lease-store calls failed or timed out`);
  lines.push(`  ${pad('NODE', 10)}${pad('BELIEVED', 12)}${pad('ACTUAL', 12)}BELIEVED-NOT-ACTUAL (ms)`);
  for (const p of s.per_node) lines.push(`  ${pad(p.node, 10)}${pad(String(p.believed_ms), 12)}${pad(String(p.actual_ms), 12)}${p.believed_not_actual_ms}`);
  return lines.join('\n');
}
