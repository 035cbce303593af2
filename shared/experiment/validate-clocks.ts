/**
 * Validating the per-node clock faults: offset, drift, steps and jitter within
 * their limits, and only for nodes of the run.
 */
import { perfectClock } from './defaults';
import { MAX_DRIFT_PPM, MAX_JITTER_MS, MAX_OFFSET_MS } from './limits';
import { Problems, fieldPath, isFiniteNumber, isRecord, show, showMs, showName, showNumber, unknownFields } from './problems';
import type { ClockFault } from './types';

const CLOCK_FIELDS = ['offsetMs', 'driftPpm', 'steps', 'jitterMs'] as const;

/**
 * Validate `raw` (node → partial ClockFault) at path `clocks`. `nodes` null skips
 * the node-name check (the node list itself was bad).
 */
export function validateClocks(raw: unknown, nodes: readonly string[] | null, p: Problems): Record<string, ClockFault> {
  const out: Record<string, ClockFault> = {};
  if (raw === undefined) return out;
  if (!isRecord(raw)) {
    p.add('clocks', `must be an object of node name → clock fault, got ${show(raw)}`);
    return out;
  }
  for (const [node, fault] of Object.entries(raw)) {
    const path = fieldPath('clocks', node);
    if (nodes && !nodes.includes(node)) {
      p.add(path, `unknown node ${showName(node)} (nodes: ${nodes.join(', ')})`);
      continue;
    }
    if (!isRecord(fault)) {
      p.add(path, `must be an object with ${CLOCK_FIELDS.join(', ')}, got ${show(fault)}`);
      continue;
    }
    unknownFields(fault, CLOCK_FIELDS, path, p);
    out[node] = validateClock(fault, path, p);
  }
  return out;
}

function validateClock(raw: Record<string, unknown>, path: string, p: Problems): ClockFault {
  const c = perfectClock();
  if (raw.offsetMs !== undefined) {
    const x = raw.offsetMs;
    if (!isFiniteNumber(x)) p.add(`${path}.offsetMs`, `must be a number of ms, got ${show(x)}`);
    else if (Math.abs(x) > MAX_OFFSET_MS) p.add(`${path}.offsetMs`, `${showMs(x)} is beyond ±${showMs(MAX_OFFSET_MS)}`);
    else c.offsetMs = x + 0;
  }
  if (raw.driftPpm !== undefined) {
    const x = raw.driftPpm;
    if (!isFiniteNumber(x)) p.add(`${path}.driftPpm`, `must be a number of ppm, got ${show(x)}`);
    else if (Math.abs(x) > MAX_DRIFT_PPM) p.add(`${path}.driftPpm`, `${showNumber(x)} ppm is beyond ±${MAX_DRIFT_PPM} ppm`);
    else c.driftPpm = x + 0;
  }
  if (raw.jitterMs !== undefined) {
    const x = raw.jitterMs;
    if (!isFiniteNumber(x) || x < 0) p.add(`${path}.jitterMs`, `must be a number of ms ≥ 0, got ${show(x)}`);
    else if (x > MAX_JITTER_MS) p.add(`${path}.jitterMs`, `${showMs(x)} is beyond ${showMs(MAX_JITTER_MS)}`);
    else c.jitterMs = x + 0;
  }
  if (raw.steps !== undefined) {
    if (!Array.isArray(raw.steps)) p.add(`${path}.steps`, `must be a list of {atMs, byMs}, got ${show(raw.steps)}`);
    else {
      raw.steps.forEach((s: unknown, i) => {
        const sp = `${path}.steps[${i}]`;
        if (!isRecord(s)) return p.add(sp, `must be {atMs, byMs}, got ${show(s)}`);
        unknownFields(s, ['atMs', 'byMs'], sp, p);
        if (!isFiniteNumber(s.atMs) || s.atMs < 0) return p.add(sp, `at must be a run time ≥ 0 ms, got ${showMs(s.atMs)}`);
        if (!isFiniteNumber(s.byMs) || Math.abs(s.byMs) > MAX_OFFSET_MS) return p.add(sp, `by must be a number of ms within ±${showMs(MAX_OFFSET_MS)}, got ${showMs(s.byMs)}`);
        c.steps.push({ atMs: s.atMs, byMs: s.byMs });
      });
      c.steps.sort((a, b) => a.atMs - b.atMs);
    }
  }
  return c;
}
