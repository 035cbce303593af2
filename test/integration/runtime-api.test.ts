/** Run control through LabApi (LabService): start an experiment as JSON, watch it live, inject a fault, stop it. */
import { describe, expect, it } from 'vitest';
import type { LiveBatch } from '../../shared/api';
import { LabService } from '../../main/api/lab-service';
import { until, freshStorePerTest } from './runtime-helpers';

const fresh = freshStorePerTest();

describe('LabApi run control', () => {
  it('starts, streams live, takes a live fault and stops a run', async () => {
    const api = new LabService(fresh.store());
    expect((await api.listScenarios()).map((s) => s.name)).toEqual(expect.arrayContaining(['causality', 'vclock-figure']));
    await expect(api.startExperiment({ scenario: 'causality', nodes: 65 })).rejects.toThrow(/at most 64/);
    await expect(api.startExperiment({ scenario: 'nosuch', nodes: 2 })).rejects.toThrow(/unknown scenario 'nosuch'/);

    const batches: LiveBatch[] = [];
    api.subscribe('*', (b) => batches.push(b));
    const run = await api.startExperiment({ scenario: 'causality', nodes: 3, durationMs: 60_000 });
    expect(run.status).toBe('running');
    expect((await api.liveNodes(run.run)).map((n) => n.state)).toEqual(['up', 'up', 'up']);
    await expect(api.injectFault(run.run, { kind: 'crash', node: 'n7', atMs: 0 })).rejects.toThrow(/n7/);
    const injected = await api.injectFault(run.run, { kind: 'pause', node: 'n2', atMs: 0, forMs: 100 });
    expect(injected.actions[0]).toMatch(/^pause n2 for 100 ms @ \d+ ms$/);
    expect(await until(() => batches.some((b) => b.events.some((e) => e.kind === 'resume')), 3000)).toBe(true);
    const stopped = await api.stopRun(run.run);
    expect(stopped.status).toBe('stopped');
    await until(() => batches.some((b) => b.status === 'stopped'), 1000);
    expect(batches.at(-1)).toMatchObject({ run: run.run, status: 'stopped' });
    const live = batches.flatMap((b) => b.events).length;
    expect(live).toBe(fresh.store().summary(run.run)!.events);
    await expect(api.stopRun(run.run)).rejects.toThrow(/not running/);
  });
});
