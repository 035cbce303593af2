/**
 * Partition geometry: which messages a set of groups cuts. A message is cut when
 * its ends sit in different groups; a one-way partition cuts only groups[0] →
 * groups[1]. Nodes named in no group form one implicit group together; a group
 * ['*'] takes every node not named in another group.
 */
import type { PartitionState } from './types';

/** The group index of `node` under `groups` (implicit group: groups.length). */
export function groupOf(groups: readonly (readonly string[])[], node: string): number {
  let star = -1;
  for (let i = 0; i < groups.length; i++) {
    if (groups[i].includes(node)) return i;
    if (groups[i].length === 1 && groups[i][0] === '*') star = i;
  }
  return star >= 0 ? star : groups.length;
}

/** Does this partition cut from → to (ignoring its time window)? */
export function cuts(p: Pick<PartitionState, 'groups' | 'oneWay'>, from: string, to: string): boolean {
  const a = groupOf(p.groups, from);
  const b = groupOf(p.groups, to);
  if (a === b) return false;
  return p.oneWay ? a === 0 && b === 1 : true;
}

/** Is a [fromMs, untilMs) window in force at nowMs? */
export function inWindow(w: { fromMs: number; untilMs: number | null }, nowMs: number): boolean {
  return nowMs >= w.fromMs && (w.untilMs === null || nowMs < w.untilMs);
}
