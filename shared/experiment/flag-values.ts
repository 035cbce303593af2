/**
 * Parsers for the string forms of the run flags. Each returns the parsed value
 * or throws a FlagError whose message is the rest of the one-line error (the
 * caller prefixes `--flag: `).
 */
import { parseDurationMs, parseSignedDurationMs } from './duration';
import type { DelayDist, TimingModel } from './types';

/** A bad flag value; the message explains it in one line. */
export class FlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagError';
  }
}

function fail(message: string): never {
  throw new FlagError(message);
}

const DURATION_HINT = 'e.g. 10s, 250ms, 1.5s, 2m';

/** `10s` → 10000; refuses signs and bare numbers. */
export function durationArg(text: string, what = 'duration'): number {
  const ms = parseDurationMs(text);
  if (ms === null) fail(`${what} ${JSON.stringify(text)} is not a duration (${DURATION_HINT})`);
  return ms;
}

/** `-250ms`, `+1.5s` → signed ms. */
export function signedDurationOrFail(text: string, what: string): number {
  const ms = parseSignedDurationMs(text);
  if (ms === null) fail(`${what} ${JSON.stringify(text)} is not a duration (e.g. -250ms, +1.5s)`);
  return ms;
}

/** A number as typed (no hex, no empty string). */
export function numberArg(text: string, what: string): number {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text.trim())) fail(`${what} ${JSON.stringify(text)} is not a number`);
  return Number(text);
}

/** `--nodes 5` → 5; `--nodes a,b,c` → ['a','b','c']. */
export function nodesArg(text: string): number | string[] {
  if (/^\d+$/.test(text.trim())) return Number(text);
  const names = listArg(text);
  if (names.length === 0) fail('give a node count (1-64) or node names a,b,c');
  return names;
}

/** A non-negative whole seed. */
export function seedArg(text: string): number {
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(Number(text))) fail(`seed ${JSON.stringify(text)} must be a non-negative whole number`);
  return Number(text);
}

/** `0.1` or `10%` → 0.1 (range checked by the validator). */
export function probabilityArg(text: string): number {
  const t = text.trim();
  if (t.endsWith('%')) return numberArg(t.slice(0, -1), 'percentage') / 100;
  return numberArg(t, 'probability');
}

/** `a,b, c` → ['a','b','c'] (empty items dropped). */
export function listArg(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** `on|off|true|false|yes|no` (or a boolean from a switch) → boolean. */
export function onOffArg(value: string | boolean): boolean {
  if (typeof value === 'boolean') return value;
  const t = value.trim().toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(t)) return true;
  if (['off', 'false', 'no', '0'].includes(t)) return false;
  return fail(`${JSON.stringify(value)} must be on or off`);
}

/** `NODE=VALUE` → [node, value]. */
export function assignArg(text: string, shape: string): [string, string] {
  const i = text.indexOf('=');
  if (i <= 0 || i === text.length - 1) fail(`${JSON.stringify(text)} must look like ${shape}`);
  return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
}

/** `+200ppm`, `-35.5ppm` or `200` → ppm. */
export function ppmArg(text: string): number {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(ppm)?$/i.exec(text.trim());
  if (!m) fail(`drift ${JSON.stringify(text)} is not a ppm value (e.g. +200ppm, -50ppm)`);
  return Number(m[1]);
}

/** `NODE@REST` → [node, rest]. */
function atArg(text: string, shape: string): [string, string] {
  const i = text.lastIndexOf('@');
  if (i <= 0 || i === text.length - 1) fail(`${JSON.stringify(text)} must look like ${shape}`);
  return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
}

/** `NODE@AT` → node and run time (`n1@3s`). */
export function nodeAtArg(text: string): { node: string; atMs: number } {
  const [node, at] = atArg(text, 'NODE@TIME (e.g. n1@3s)');
  return { node, atMs: durationArg(at, 'time') };
}

/** Split `AT±BY` at the sign after the first duration (`4s-1.5s` → ['4s', '-1.5s']). */
function splitSigned(text: string, whole: string, shape: string): [string, string] {
  const m = /^([^+-]+)([+-].+)$/.exec(text);
  if (!m) fail(`${JSON.stringify(whole)} must look like ${shape}`);
  return [m[1], m[2]];
}

/** `NODE@AT±BY` → a wall-clock step (`n1@4s-1.5s`). */
export function stepArg(text: string): { node: string; atMs: number; byMs: number } {
  const shape = 'NODE@TIME±STEP (e.g. n1@4s-1.5s)';
  const [node, rest] = atArg(text, shape);
  const [at, by] = splitSigned(rest, text, shape);
  return { node, atMs: durationArg(at, 'time'), byMs: signedDurationOrFail(by, 'step') };
}

/** `NODE@AT+FOR` → a pause (`n2@2s+1500ms`). */
export function pauseArg(text: string): { node: string; atMs: number; forMs: number } {
  const shape = 'NODE@TIME+LENGTH (e.g. n2@2s+1500ms)';
  const [node, rest] = atArg(text, shape);
  const [at, len] = splitSigned(rest, text, shape);
  if (!len.startsWith('+')) fail(`${JSON.stringify(text)} must look like ${shape}`);
  return { node, atMs: durationArg(at, 'time'), forMs: durationArg(len.slice(1), 'pause length') };
}

/** `2s..5s`, `2s+3s` (start and length), `2s` or `2s..` (open: until the run ends). */
export function windowArg(text: string): { atMs: number; untilMs: number | null } {
  const t = text.trim();
  const dots = t.indexOf('..');
  if (dots >= 0) {
    const atMs = durationArg(t.slice(0, dots), 'start');
    const end = t.slice(dots + 2);
    return { atMs, untilMs: end === '' ? null : durationArg(end, 'end') };
  }
  const plus = t.indexOf('+');
  if (plus > 0) {
    const atMs = durationArg(t.slice(0, plus), 'start');
    return { atMs, untilMs: atMs + durationArg(t.slice(plus + 1), 'length') };
  }
  return { atMs: durationArg(t, 'start'), untilMs: null };
}

/**
 * `n1,n2|n3,n4,n5@2s..5s` (symmetric), `n1@2s..5s` (isolate n1 from the rest),
 * `n1,n2>n3@2s..5s` (one-way: only n1,n2 → n3 is cut), `leader>*@3s` (`*` = the rest).
 */
export function partitionArg(text: string): { groups: string[][]; oneWay: boolean; atMs: number; untilMs: number | null } {
  const shape = 'GROUP|GROUP@START..END (e.g. n1,n2|n3,n4,n5@2s..5s; one-way n1>n2@2s..5s)';
  const [spec, when] = atArg(text, shape);
  const oneWay = spec.includes('>');
  if (oneWay && spec.includes('|')) fail(`${JSON.stringify(spec)} mixes | and >; a one-way partition is FROM>TO`);
  const parts = spec.split(oneWay ? '>' : '|');
  if (oneWay && parts.length !== 2) fail(`${JSON.stringify(spec)}: a one-way partition has exactly one >, FROM>TO`);
  const groups = parts.map(listArg);
  if (groups.some((g) => g.length === 0)) fail(`${JSON.stringify(spec)} has an empty group; ${shape}`);
  return { groups, oneWay, ...windowArg(when) };
}

/** `FROM>TO=+EXTRA@START..END` → a delay spike (`n1>*=+200ms@2s..4s`). */
export function spikeArg(text: string): { from: string; to: string; extraMs: number; atMs: number; untilMs: number } {
  const shape = 'FROM>TO=+EXTRA@START..END (e.g. n1>*=+200ms@2s..4s)';
  const [spec, when] = atArg(text, shape);
  const m = /^([^>=]+)>([^>=]+)=\+?(.+)$/.exec(spec);
  if (!m) fail(`${JSON.stringify(text)} must look like ${shape}`);
  const w = windowArg(when);
  if (w.untilMs === null) fail(`${JSON.stringify(text)} needs an end: ${shape}`);
  return { from: m[1].trim(), to: m[2].trim(), extraMs: durationArg(m[3], 'extra delay'), atMs: w.atMs, untilMs: w.untilMs };
}

/** `CLAIMED>TO@AT` → a forged message (`n1>n2@3s`: to n2, claiming to be from n1). */
export function forgeArg(text: string): { claimFrom: string; to: string; atMs: number } {
  const shape = 'CLAIMED>TO@TIME (e.g. n1>n2@3s)';
  const [spec, at] = atArg(text, shape);
  const m = /^([^>]+)>([^>]+)$/.exec(spec);
  if (!m) fail(`${JSON.stringify(text)} must look like ${shape}`);
  return { claimFrom: m[1].trim(), to: m[2].trim(), atMs: durationArg(at, 'time') };
}

const DELAY_HINT = 'constant:10ms, uniform:5ms..50ms, exp:20ms, normal:20ms,5ms or pareto:5ms,1.5';

/** `constant:10ms | uniform:5ms..50ms | exp:20ms | normal:20ms,5ms | pareto:5ms,1.5`. */
export function delayArg(text: string): DelayDist {
  const t = text.trim();
  const i = t.indexOf(':');
  const kind = i < 0 ? t : t.slice(0, i);
  const rest = i < 0 ? '' : t.slice(i + 1);
  const parts = (sep: string | null, n: number): string[] => {
    const ps = sep === null ? [rest] : rest.split(sep);
    if (ps.length !== n || ps.some((s) => s.trim() === '')) fail(`${JSON.stringify(text)}: use ${DELAY_HINT}`);
    return ps.map((s) => s.trim());
  };
  switch (kind) {
    case 'constant':
    case 'const':
      return { kind: 'constant', ms: signedDelay(parts(null, 1)[0]) };
    case 'uniform': {
      const [a, b] = parts('..', 2);
      return { kind: 'uniform', minMs: signedDelay(a), maxMs: signedDelay(b) };
    }
    case 'exp':
    case 'exponential':
      return { kind: 'exponential', meanMs: signedDelay(parts(null, 1)[0]) };
    case 'normal': {
      const [a, b] = parts(',', 2);
      return { kind: 'normal', meanMs: signedDelay(a), stdMs: signedDelay(b) };
    }
    case 'pareto': {
      const [a, b] = parts(',', 2);
      return { kind: 'pareto', scaleMs: signedDelay(a), shape: numberArg(b, 'pareto shape') };
    }
    default:
      return fail(`unknown distribution ${JSON.stringify(kind)}; use ${DELAY_HINT}`);
  }
}

/** Delays parse with a sign so that `-5ms` reaches the validator's "negative delay" line. */
function signedDelay(text: string): number {
  return signedDurationOrFail(text, 'delay');
}

const TIMING_HINT = 'sync:100ms, async or partial:gst=5s,bound=50ms';

/** `sync:100ms | async | partial:gst=5s,bound=50ms`. */
export function timingArg(text: string): TimingModel {
  const t = text.trim();
  if (t === 'async') return { kind: 'async' };
  if (t.startsWith('sync:')) return { kind: 'sync', boundMs: durationArg(t.slice(5), 'bound') };
  if (t.startsWith('partial:')) {
    const kv: Record<string, string> = {};
    for (const item of t.slice(8).split(',')) {
      const [k, val] = assignArg(item.trim(), 'gst=5s,bound=50ms');
      kv[k] = val;
    }
    const extra = Object.keys(kv).filter((k) => k !== 'gst' && k !== 'bound');
    if (extra.length > 0 || kv.gst === undefined || kv.bound === undefined) fail(`${JSON.stringify(text)}: partial needs exactly gst= and bound=, e.g. partial:gst=5s,bound=50ms`);
    return { kind: 'partial', gstMs: durationArg(kv.gst, 'gst'), boundMs: durationArg(kv.bound, 'bound') };
  }
  return fail(`unknown timing model ${JSON.stringify(text)}; use ${TIMING_HINT}`);
}

/** `150-300ms`, `150ms-300ms` or `150..300ms` → {minMs, maxMs}. */
export function rangeArg(text: string): { minMs: number; maxMs: number } {
  const m = /^\s*([\d.]+)\s*(ns|us|ms|s|m)?\s*(?:-|\.\.)\s*([\d.]+)\s*(ns|us|ms|s|m)\s*$/.exec(text);
  if (!m) fail(`${JSON.stringify(text)} must be a range like 150-300ms`);
  const unitA = m[2] ?? m[4];
  return { minMs: durationArg(`${m[1]}${unitA}`, 'minimum'), maxMs: durationArg(`${m[3]}${m[4]}`, 'maximum') };
}
