/**
 * Validating the fault schedule: known kinds, known nodes (or `leader`), times
 * inside the run, and a schedule that makes sense (no restart under crash-stop,
 * no restart of a node that is up, partitions that cut something).
 */
import { ANY_NODE, LEADER, MAX_DELAY_MS, MAX_OFFSET_MS } from './limits';
import { Problems, isFiniteNumber, isRecord, show, showMs, showName, unknownFields } from './problems';
import type { Experiment, Fault } from './types';

const KINDS = ['crash', 'restart', 'pause', 'partition', 'clock-step', 'delay-spike', 'forge'] as const;
const FIELDS: Record<(typeof KINDS)[number], readonly string[]> = {
  crash: ['kind', 'node', 'atMs'],
  restart: ['kind', 'node', 'atMs'],
  pause: ['kind', 'node', 'atMs', 'forMs'],
  partition: ['kind', 'groups', 'atMs', 'untilMs', 'oneWay'],
  'clock-step': ['kind', 'node', 'atMs', 'byMs'],
  'delay-spike': ['kind', 'from', 'to', 'atMs', 'untilMs', 'extraMs'],
  forge: ['kind', 'to', 'atMs', 'claimFrom'],
};

interface Ctx {
  nodes: readonly string[] | null;
  durationMs: number;
  p: Problems;
}

/** Validate `raw` (a list of faults) at path `faults`. `nodes` null skips node-name checks. */
export function validateFaults(raw: unknown, nodes: readonly string[] | null, durationMs: number, failures: Experiment['failures'], p: Problems): Fault[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    p.add('faults', `must be a list of faults, got ${show(raw)}`);
    return [];
  }
  const ctx: Ctx = { nodes, durationMs, p };
  const out: Fault[] = [];
  raw.forEach((f: unknown, i) => {
    const path = `faults[${i}]`;
    const before = p.lines.length;
    const fault = validateFault(f, path, ctx);
    if (fault && fault.kind === 'restart' && failures === 'crash-stop') {
      p.add(path, `restart ${showName(fault.node)} under crash-stop failures (crashed nodes never come back); use failures crash-recovery`);
    }
    if (fault && p.lines.length === before) out.push(fault);
  });
  if (p.lines.length === 0) checkCrashOrder(out, p);
  return out;
}

function validateFault(f: unknown, path: string, ctx: Ctx): Fault | null {
  const { p } = ctx;
  if (!isRecord(f)) {
    p.add(path, `must be an object with a kind, got ${show(f)}`);
    return null;
  }
  const kind = f.kind as (typeof KINDS)[number];
  if (!KINDS.includes(kind)) {
    p.add(path, `unknown fault kind ${show(f.kind)}; use ${KINDS.join(', ')}`);
    return null;
  }
  unknownFields(f, FIELDS[kind], path, p);
  const atMs = runTime(f.atMs, kind, 'at', path, ctx);
  switch (kind) {
    case 'crash':
    case 'restart': {
      const node = nodeName(f.node, kind, path, ctx, false);
      return atMs !== null && node !== null ? { kind, node, atMs } : null;
    }
    case 'pause': {
      const node = nodeName(f.node, kind, path, ctx, false);
      const forMs = f.forMs;
      if (!isFiniteNumber(forMs) || forMs <= 0) p.add(path, `pause length must be above 0 ms, got ${showMs(forMs)}`);
      return atMs !== null && node !== null && isFiniteNumber(forMs) && forMs > 0 ? { kind, node, atMs, forMs } : null;
    }
    case 'clock-step': {
      const node = nodeName(f.node, kind, path, ctx, false);
      const byMs = f.byMs;
      const ok = isFiniteNumber(byMs) && byMs !== 0 && Math.abs(byMs) <= MAX_OFFSET_MS;
      if (!ok) p.add(path, `clock step must be a non-zero number of ms within ±${showMs(MAX_OFFSET_MS)}, got ${showMs(byMs)}`);
      return atMs !== null && node !== null && ok ? { kind, node, atMs, byMs: byMs as number } : null;
    }
    case 'forge': {
      const to = nodeName(f.to, kind, path, ctx, false);
      const claimFrom = nodeName(f.claimFrom, kind, path, ctx, false);
      return atMs !== null && to !== null && claimFrom !== null ? { kind, to, atMs, claimFrom } : null;
    }
    case 'delay-spike': {
      const from = nodeName(f.from, kind, path, ctx, true);
      const to = nodeName(f.to, kind, path, ctx, true);
      const untilMs = endTime(f.untilMs, atMs, kind, path, ctx);
      const extraMs = f.extraMs;
      const ok = isFiniteNumber(extraMs) && extraMs >= 0 && extraMs <= MAX_DELAY_MS;
      if (!ok) p.add(path, `extra delay must be 0..${showMs(MAX_DELAY_MS)}, got ${showMs(extraMs)}`);
      return atMs !== null && from !== null && to !== null && untilMs !== null && ok ? { kind, from, to, atMs, untilMs, extraMs: extraMs as number } : null;
    }
    case 'partition': {
      const groups = partitionGroups(f.groups, f.oneWay, path, ctx);
      const untilMs = f.untilMs === undefined || f.untilMs === null ? null : endTime(f.untilMs, atMs, kind, path, ctx);
      if (f.oneWay !== undefined && typeof f.oneWay !== 'boolean') p.add(path, `oneWay must be true or false, got ${show(f.oneWay)}`);
      if (atMs === null || groups === null || (f.untilMs !== undefined && f.untilMs !== null && untilMs === null)) return null;
      const fault: Fault = { kind, groups, atMs, untilMs };
      if (f.oneWay === true) fault.oneWay = true;
      return fault;
    }
  }
}

function runTime(x: unknown, kind: string, what: string, path: string, ctx: Ctx): number | null {
  if (!isFiniteNumber(x) || x < 0) {
    ctx.p.add(path, `${kind} ${what} must be a run time ≥ 0 ms, got ${showMs(x)}`);
    return null;
  }
  if (x > ctx.durationMs) {
    ctx.p.add(path, `${kind} at ${showMs(x)} is after the run ends at ${showMs(ctx.durationMs)}`);
    return null;
  }
  return x;
}

function endTime(x: unknown, atMs: number | null, kind: string, path: string, ctx: Ctx): number | null {
  if (!isFiniteNumber(x) || x < 0) {
    ctx.p.add(path, `${kind} end must be a run time ≥ 0 ms, got ${showMs(x)}`);
    return null;
  }
  if (atMs !== null && x <= atMs) {
    ctx.p.add(path, `${kind} ends at ${showMs(x)}, not after it starts at ${showMs(atMs)}`);
    return null;
  }
  return x; // an end after the run is fine: the run simply stops first
}

function nodeName(x: unknown, kind: string, path: string, ctx: Ctx, wildcard: boolean): string | null {
  if (typeof x !== 'string' || x === '') {
    ctx.p.add(path, `${kind} needs a node name, got ${show(x)}`);
    return null;
  }
  if (x === LEADER || (wildcard && x === ANY_NODE) || !ctx.nodes || ctx.nodes.includes(x)) return x;
  ctx.p.add(path, `${kind} names unknown node ${showName(x)}`);
  return null;
}

function partitionGroups(raw: unknown, oneWay: unknown, path: string, ctx: Ctx): string[][] | null {
  const { p } = ctx;
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((g) => Array.isArray(g) && g.length > 0)) {
    p.add(path, `partition groups must be a non-empty list of non-empty node lists, got ${show(raw)}`);
    return null;
  }
  const before = p.lines.length;
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const g of raw as unknown[][]) {
    const group: string[] = [];
    for (const n of g) {
      const name = nodeName(n, 'partition', path, { ...ctx }, true);
      if (name === null) continue;
      if (name === ANY_NODE && g.length > 1) p.add(path, `partition group ${show(g)}: * stands alone in its group`);
      if (seen.has(name)) p.add(path, `partition puts ${showName(name)} in two groups`);
      seen.add(name);
      group.push(name);
    }
    groups.push(group);
  }
  if (oneWay === true && groups.length !== 2) p.add(path, `one-way partition needs exactly two groups (from, to), got ${groups.length}`);
  if (p.lines.length !== before) return null;
  const named = [...seen];
  const symbolic = named.includes(LEADER) || named.includes(ANY_NODE);
  if (ctx.nodes && !symbolic) {
    const rest = ctx.nodes.filter((n) => !seen.has(n));
    if (groups.length + (rest.length > 0 ? 1 : 0) < 2) {
      p.add(path, 'partition cuts nothing: every node is in one group');
      return null;
    }
  }
  return groups;
}

/** A restart must find its node crashed; a crash must find it up (named nodes only). */
function checkCrashOrder(faults: readonly Fault[], p: Problems): void {
  if (faults.some((f) => (f.kind === 'crash' || f.kind === 'restart') && f.node === LEADER)) return;
  const order = faults.map((f, i) => ({ f, i })).filter((x) => x.f.kind === 'crash' || x.f.kind === 'restart');
  order.sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i);
  const down = new Set<string>();
  for (const { f, i } of order) {
    if (f.kind === 'crash') {
      if (down.has(f.node)) p.add(`faults[${i}]`, `crash ${f.node} at ${showMs(f.atMs)}, but ${f.node} is already crashed then`);
      down.add(f.node);
    } else if (f.kind === 'restart') {
      if (!down.has(f.node)) p.add(`faults[${i}]`, `restart ${f.node} at ${showMs(f.atMs)}, but ${f.node} is not crashed then`);
      down.delete(f.node);
    }
  }
}
