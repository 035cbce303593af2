/**
 * Validating the system model: link, loss, duplication, delay distribution,
 * timing model and reordering. Missing fields take the defaults.
 */
import { defaultSystemModel } from './defaults';
import { MAX_DELAY_MS } from './limits';
import { Problems, isFiniteNumber, isRecord, show, showMs, unknownFields } from './problems';
import type { DelayDist, LinkModel, SystemModel, TimingModel } from './types';

const LINKS: readonly LinkModel[] = ['fair-loss', 'reliable', 'authenticated'];
const MODEL_FIELDS = ['link', 'loss', 'dup', 'delay', 'timing', 'reorder'] as const;

/** Validate `raw` (a partial SystemModel or undefined) at path `model`. */
export function validateModel(raw: unknown, p: Problems): SystemModel {
  const model = defaultSystemModel();
  if (raw === undefined) return model;
  if (!isRecord(raw)) {
    p.add('model', `must be an object, got ${show(raw)}`);
    return model;
  }
  unknownFields(raw, MODEL_FIELDS, 'model', p);
  if (raw.link !== undefined) {
    if (LINKS.includes(raw.link as LinkModel)) model.link = raw.link as LinkModel;
    else p.add('model.link', `unknown link model ${show(raw.link)}; use ${LINKS.join(', ')}`);
  }
  if (raw.loss !== undefined) model.loss = probability(raw.loss, 'model.loss', p);
  if (raw.dup !== undefined) model.dup = probability(raw.dup, 'model.dup', p);
  if (raw.delay !== undefined) model.delay = validateDelay(raw.delay, 'model.delay', p) ?? model.delay;
  if (raw.timing !== undefined) model.timing = validateTiming(raw.timing, 'model.timing', p) ?? model.timing;
  if (raw.reorder !== undefined) {
    if (typeof raw.reorder === 'boolean') model.reorder = raw.reorder;
    else p.add('model.reorder', `must be true or false, got ${show(raw.reorder)}`);
  }
  return model;
}

function probability(x: unknown, path: string, p: Problems): number {
  if (isFiniteNumber(x) && x >= 0 && x <= 1) return x + 0; // -0 → 0
  p.add(path, `must be between 0 and 1, got ${show(x)}`);
  return 0;
}

/** A delay parameter in ms: finite, ≥ 0 (or > 0), at most MAX_DELAY_MS. Returns null after reporting. */
function delayMs(x: unknown, what: string, path: string, p: Problems, positive = false): number | null {
  if (!isFiniteNumber(x)) {
    p.add(path, `${what} must be a number of ms, got ${show(x)}`);
    return null;
  }
  if (x < 0) {
    p.add(path, `negative ${what} ${showMs(x)}`);
    return null;
  }
  if (positive && x === 0) {
    p.add(path, `${what} must be above 0ms`);
    return null;
  }
  if (x > MAX_DELAY_MS) {
    p.add(path, `${what} ${showMs(x)} is beyond the ${showMs(MAX_DELAY_MS)} limit`);
    return null;
  }
  return x;
}

/** Validate a delay distribution. */
export function validateDelay(raw: unknown, path: string, p: Problems): DelayDist | null {
  if (!isRecord(raw)) {
    p.add(path, `must be an object with a kind, got ${show(raw)}`);
    return null;
  }
  const before = p.lines.length;
  switch (raw.kind) {
    case 'constant': {
      unknownFields(raw, ['kind', 'ms'], path, p);
      const ms = delayMs(raw.ms, 'delay', path, p);
      return p.lines.length === before && ms !== null ? { kind: 'constant', ms } : null;
    }
    case 'uniform': {
      unknownFields(raw, ['kind', 'minMs', 'maxMs'], path, p);
      const minMs = delayMs(raw.minMs, 'delay', path, p);
      const maxMs = delayMs(raw.maxMs, 'delay', path, p);
      if (minMs !== null && maxMs !== null && minMs > maxMs) p.add(path, `uniform min ${showMs(minMs)} is above max ${showMs(maxMs)}`);
      return p.lines.length === before && minMs !== null && maxMs !== null ? { kind: 'uniform', minMs, maxMs } : null;
    }
    case 'exponential': {
      unknownFields(raw, ['kind', 'meanMs'], path, p);
      const meanMs = delayMs(raw.meanMs, 'mean delay', path, p);
      return p.lines.length === before && meanMs !== null ? { kind: 'exponential', meanMs } : null;
    }
    case 'normal': {
      unknownFields(raw, ['kind', 'meanMs', 'stdMs'], path, p);
      const meanMs = delayMs(raw.meanMs, 'mean delay', path, p);
      const stdMs = delayMs(raw.stdMs, 'standard deviation', path, p);
      return p.lines.length === before && meanMs !== null && stdMs !== null ? { kind: 'normal', meanMs, stdMs } : null;
    }
    case 'pareto': {
      unknownFields(raw, ['kind', 'scaleMs', 'shape'], path, p);
      const scaleMs = delayMs(raw.scaleMs, 'pareto scale', path, p, true);
      const shape = raw.shape;
      if (!isFiniteNumber(shape) || shape <= 0 || shape > 100) p.add(path, `pareto shape must be a number above 0 (at most 100), got ${show(shape)}`);
      return p.lines.length === before && scaleMs !== null ? { kind: 'pareto', scaleMs, shape: shape as number } : null;
    }
    default:
      p.add(path, `unknown delay kind ${show(raw.kind)}; use constant, uniform, exponential, normal or pareto`);
      return null;
  }
}

/** Validate a timing model. */
export function validateTiming(raw: unknown, path: string, p: Problems): TimingModel | null {
  if (!isRecord(raw)) {
    p.add(path, `must be an object with a kind, got ${show(raw)}`);
    return null;
  }
  const before = p.lines.length;
  switch (raw.kind) {
    case 'async':
      unknownFields(raw, ['kind'], path, p);
      return p.lines.length === before ? { kind: 'async' } : null;
    case 'sync': {
      unknownFields(raw, ['kind', 'boundMs'], path, p);
      const boundMs = delayMs(raw.boundMs, 'delay bound', path, p, true);
      return p.lines.length === before && boundMs !== null ? { kind: 'sync', boundMs } : null;
    }
    case 'partial': {
      unknownFields(raw, ['kind', 'gstMs', 'boundMs'], path, p);
      const boundMs = delayMs(raw.boundMs, 'delay bound', path, p, true);
      const gstMs = raw.gstMs;
      if (!isFiniteNumber(gstMs) || gstMs < 0) p.add(path, `gst must be a run time ≥ 0 ms, got ${showMs(gstMs)}`);
      return p.lines.length === before && boundMs !== null ? { kind: 'partial', gstMs: gstMs as number, boundMs } : null;
    }
    default:
      p.add(path, `unknown timing kind ${show(raw.kind)}; use sync, async or partial`);
      return null;
  }
}
