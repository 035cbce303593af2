/**
 * Which links are cut: partitions (also one-way) with the Experiment's group rules.
 * A message is cut when its ends sit in different groups (one-way: only from
 * groups[0] to groups[1]); nodes named in no group form one more group; a group
 * `['*']` is every node not named in another group.
 */

interface Partition {
  id: number;
  groupOf: Map<string, number>;
  oneWay: boolean;
}

/** The set of partitions in force. */
export class LinkState {
  private partitions: Partition[] = [];
  private nextId = 1;

  constructor(private readonly nodes: readonly string[]) {}

  /** Cut the network into `groups`; returns the partition's id. */
  partition(groups: readonly (readonly string[])[], oneWay = false): number {
    const groupOf = new Map<string, number>();
    const named = new Set(groups.flat().filter((n) => n !== '*'));
    const star = groups.findIndex((g) => g.includes('*'));
    groups.forEach((g, i) => g.forEach((n) => { if (n !== '*') groupOf.set(n, i); }));
    for (const n of this.nodes) if (!named.has(n)) groupOf.set(n, star >= 0 ? star : groups.length);
    const id = this.nextId++;
    this.partitions.push({ id, groupOf, oneWay });
    return id;
  }

  /** Cut one node off from all others. */
  isolate(node: string): number {
    return this.partition([[node]]);
  }

  /** Heal one partition by id, or all. */
  heal(id?: number): void {
    this.partitions = id === undefined ? [] : this.partitions.filter((p) => p.id !== id);
  }

  /** Is the link from → to cut? */
  isCut(from: string, to: string): boolean {
    for (const p of this.partitions) {
      const a = p.groupOf.get(from);
      const b = p.groupOf.get(to);
      if (a === b) continue;
      if (!p.oneWay || (a === 0 && b === 1)) return true;
    }
    return false;
  }
}
