/**
 * The labs one process is running (Electron main, `coordlab serve`): starts
 * experiments that arrive as JSON, stops them, injects live faults. LabService
 * delegates its run-control methods here.
 */
import type { FaultEnd, InjectedFault, LiveNode, ScenarioInfo } from '../../shared/api';
import type { RunSummary } from '../../shared/events';
import { validateExperiment, type Fault } from '../../shared/experiment';
import { SCENARIOS } from '../../shared/scenarios';
import type { LiveHub } from '../api/live-hub';
import { LabError, type Store } from '../store';
import { describeAction } from './faults';
import { Lab } from './lab';
import { runtimeProblems } from './problems';

/** Running labs by run id. */
export class LabRunner {
  private readonly labs = new Map<string, Lab>();

  constructor(
    private readonly store: Store,
    private readonly hub: LiveHub,
  ) {}

  /** The scenarios the lab can run. */
  scenarios(): ScenarioInfo[] {
    return Object.values(SCENARIOS).map((s) => ({ name: s.name, description: s.description, nodeCount: s.nodeCount ?? null }));
  }

  /** Validates and starts an experiment; LabError with every problem (joined by '; ') when invalid. */
  async start(input: unknown): Promise<RunSummary> {
    const r = validateExperiment(input);
    if (!r.ok) throw new LabError(r.errors.join('; '));
    const problems = runtimeProblems(r.experiment);
    if (problems.length) throw new LabError(problems.join('; '));
    const lab = await Lab.start({ store: this.store, experiment: r.experiment, hub: this.hub, meta: { startedBy: 'LabApi' } });
    this.labs.set(lab.run, lab);
    void lab.done.then((res) => {
      this.labs.delete(lab.run);
      this.hub.publish({ run: lab.run, events: [], status: res.status });
    });
    return this.store.summary(lab.run)!;
  }

  private lab(run: string): Lab {
    const lab = this.labs.get(run);
    if (!lab) throw new LabError(`run ${run} is not running in this lab`);
    return lab;
  }

  /** Stops a running run; resolves once it is recorded. */
  async stop(run: string): Promise<RunSummary> {
    await this.lab(run).stop('stopped');
    return this.store.summary(run)!;
  }

  /** Injects a fault now. The fault is checked as the experiment's faults are. */
  inject(run: string, fault: Fault): InjectedFault {
    const lab = this.lab(run);
    // A live restart follows a crash earlier in the run, which the schedule's crash/restart
    // order check cannot see: check it after a stand-in crash (the lab skips, and records,
    // a restart of a node that is running).
    const r = fault as Partial<{ kind: string; node: unknown }> | null;
    const faults = r?.kind === 'restart' ? [{ kind: 'crash', node: r.node, atMs: 0 }, fault] : [fault];
    const check = validateExperiment({ ...lab.experiment, faults });
    if (!check.ok) throw new LabError(check.errors.join('; '));
    const actions = lab.inject(check.experiment.faults[faults.length - 1]);
    return { run, actions: actions.map((a) => `${describeAction(a)} @ ${Math.round(a.atMs)} ms`) };
  }

  /** Ends live faults now: resumes a paused node, or heals every partition in force. */
  end(run: string, end: FaultEnd): InjectedFault {
    const actions = this.lab(run).endFault(end);
    return { run, actions: actions.map((a) => `${describeAction(a)} @ ${Math.round(a.atMs)} ms`) };
  }

  /** The node processes of a running run. */
  nodes(run: string): LiveNode[] {
    return this.lab(run).nodes();
  }

  /** Stops every running lab (the app is quitting). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.labs.values()].map((l) => l.stop('stopped')));
  }
}
