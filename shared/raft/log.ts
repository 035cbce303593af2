/** Pure helpers over a Raft log (1-based indexes, index 0 = the empty prefix). */
import type { Entry } from './types';

/** Index of the last entry, 0 for an empty log. */
export function lastIndex(log: readonly Entry[]): number {
  return log.length;
}

/** Term of the entry at `index`; 0 for index 0; undefined past the end. */
export function termAt(log: readonly Entry[], index: number): number | undefined {
  if (index === 0) return 0;
  if (index < 0 || index > log.length) return undefined;
  return log[index - 1].term;
}

/** Term of the last entry, 0 for an empty log. */
export function lastTerm(log: readonly Entry[]): number {
  return log.length === 0 ? 0 : log[log.length - 1].term;
}

/**
 * The election restriction (Raft §5.4.1): a candidate's log (`candLastTerm`,
 * `candLastIndex`) is at least as up to date as `log` if its last term is higher,
 * or equal with an index at least as large.
 */
export function isUpToDate(log: readonly Entry[], candLastIndex: number, candLastTerm: number): boolean {
  const t = lastTerm(log);
  return candLastTerm > t || (candLastTerm === t && candLastIndex >= lastIndex(log));
}

/**
 * Apply AppendEntries to `log` after a matching `prevLogIndex`: skip entries already
 * present with the same term, truncate at the first conflict, append the rest.
 * Returns the new log (same array if nothing changed).
 */
export function appendAfter(log: readonly Entry[], prevLogIndex: number, entries: readonly Entry[]): readonly Entry[] {
  for (let i = 0; i < entries.length; i++) {
    const index = prevLogIndex + 1 + i;
    const existing = termAt(log, index);
    if (existing === entries[i].term) continue;
    return [...log.slice(0, index - 1), ...entries.slice(i).map((e) => ({ ...e }))];
  }
  return log;
}
