import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../../shared/experiment';
import { PRESETS, cloneExperiment, findPresetVariant } from '../../../shared/presets';
import { SCENARIOS } from '../../../shared/scenarios';

const variants = PRESETS.flatMap((p) => p.variants.map((v) => ({ preset: p, variant: v })));

describe('presets', () => {
  it('cover the chapter claims the gallery promises, with unique ids', () => {
    expect(PRESETS.map((p) => p.id)).toEqual([
      'fair-loss-vs-reliable', 'slow-crash-partition', 'ntp-step-back', 'lamport-not-causality', 'vector-clock-figure', 'raft-split-votes', 'lease-paused-holder',
    ]);
    const ids = variants.map((x) => x.variant.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PRESETS) {
      expect(p.claim.length).toBeGreaterThan(40);
      expect(p.lookFor.length).toBeGreaterThan(40);
      expect(p.views.length).toBeGreaterThan(0);
    }
  });

  it.each(variants.map((x) => [x.variant.id, x] as const))('%s is a complete, valid experiment of a known scenario', (_id, { variant }) => {
    const r = validateExperiment(variant.experiment);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    // Complete: validation adds nothing, so what the designer shows is what runs.
    expect(r.experiment).toEqual(variant.experiment);
    const sc = SCENARIOS[variant.experiment.scenario];
    expect(sc, `scenario ${variant.experiment.scenario}`).toBeDefined();
    if (sc.nodeCount != null) expect(variant.experiment.nodes).toHaveLength(sc.nodeCount);
  });

  it('compares what the claims compare', () => {
    const ex = (id: string) => findPresetVariant(id)!.variant.experiment;
    expect(ex('raft-fixed').options.electionTimeoutMs).toEqual({ minMs: 150, maxMs: 150 });
    expect(ex('raft-randomized').options.electionTimeoutMs).toEqual({ minMs: 150, maxMs: 300 });
    expect({ ...ex('raft-fixed'), options: {}, label: '' }).toEqual({ ...ex('raft-randomized'), options: {}, label: '' });
    expect(ex('lease-no-fencing').options.fencing).toBe(false);
    expect(ex('lease-fencing').options.fencing).toBe(true);
    expect(ex('lease-fencing').faults).toEqual(ex('lease-no-fencing').faults);
    const ttl = ex('lease-fencing').options.ttlMs as number;
    const pause = ex('lease-fencing').faults[0];
    expect(pause.kind === 'pause' && pause.forMs > ttl).toBe(true);
    expect(ex('links-fair-loss').model).toEqual({ ...ex('links-reliable').model, link: 'fair-loss' });
    expect(ex('links-fair-loss').model.loss).toBeGreaterThan(0);
    expect(ex('ntp-step-back').options.ntp).toEqual(['lab']);
    expect(ex('ntp-step-back').clocks.n2.offsetMs).toBeGreaterThan(128); // beyond NTP's step threshold
    const fd = ex('slow-crash-partition').faults.map((f) => f.kind);
    expect(fd).toEqual(expect.arrayContaining(['pause', 'crash', 'partition']));
  });

  it('hands the designer a copy, never the preset itself', () => {
    const v = findPresetVariant('vector-clock-figure')!.variant;
    const copy = cloneExperiment(v.experiment);
    copy.nodes.push('n4');
    expect(v.experiment.nodes).toEqual(['n1', 'n2', 'n3']);
    expect(findPresetVariant('nope')).toBeNull();
  });
});
