import type { EventPage, EventQuery, LabApi, LiveBatch, RunQuery, VersionInfo } from '../../shared/api';
import { EXPORT_FORMATS, type ConeResult, type ExportFormat, type ExportedFile, type ImportOptions, type ImportedRun, type Progress, type RunBounds, type WindowQuery, type WindowResult } from '../../shared/api';
import { AXES } from '../../shared/layout';
import type { RunDetail, RunSummary } from '../../shared/events';
import { LabError, type Store } from '../store';
import { APP_VERSION } from '../version';
import type { Fault } from '../../shared/experiment/types';
import type { FaultEnd, InjectedFault, LiveNode, ScenarioInfo } from '../../shared/api';
import { LabRunner } from '../lab/runner';
import { LiveHub } from './live-hub';
import { exportRun, importLog } from './run-files';
import { SpaceTime } from './space-time';
import { Topics } from './topics';
import { isTopic, type ElectionBenchQuery, type ElectionBenchState, type Topic, type TopicInfo, type TopicView } from '../../shared/views';

/**
 * The lab side of LabApi over a Store and a LiveHub. Both transports
 * (Electron IPC and the `serve` WebSocket bridge) call into one of these.
 * Arguments arrive from outside the process, so each is checked here.
 */
export class LabService implements LabApi {
  constructor(
    readonly store: Store,
    readonly hub: LiveHub = new LiveHub(),
    private readonly transport = 'serve',
  ) {
    this.runner = new LabRunner(store, hub);
  }

  /** Runs this service started (run control: startExperiment, stopRun, injectFault). */
  readonly runner: LabRunner;

  async version(): Promise<VersionInfo> {
    return { app: 'coordlab', version: APP_VERSION, transport: this.transport, db: this.store.path };
  }

  async listRuns(query?: RunQuery): Promise<RunSummary[]> {
    const q = query ?? {};
    if (typeof q !== 'object') throw new LabError('listRuns: query must be an object');
    if (q.search !== undefined && typeof q.search !== 'string') throw new LabError('listRuns: search must be a string');
    if (q.limit !== undefined && !Number.isInteger(q.limit)) throw new LabError('listRuns: limit must be an integer');
    return this.store.listRuns(q);
  }

  async getRun(run: string): Promise<RunDetail | null> {
    return this.store.getRun(str(run, 'run'));
  }

  async events(run: string, query?: EventQuery): Promise<EventPage> {
    const q = query ?? {};
    if (q.afterId !== undefined && !Number.isInteger(q.afterId)) throw new LabError('events: afterId must be an integer');
    if (q.limit !== undefined && !Number.isInteger(q.limit)) throw new LabError('events: limit must be an integer');
    if (q.nodes !== undefined && !(Array.isArray(q.nodes) && q.nodes.every((n) => typeof n === 'string'))) throw new LabError('events: nodes must be strings');
    if (q.kinds !== undefined && !(Array.isArray(q.kinds) && q.kinds.every((n) => typeof n === 'string'))) throw new LabError('events: kinds must be strings');
    return this.store.events(str(run, 'run'), q);
  }

  async renameRun(run: string, label: string): Promise<RunSummary> {
    return this.store.renameRun(str(run, 'run'), str(label, 'label'));
  }

  async deleteRun(run: string): Promise<{ deleted: boolean }> {
    const id = str(run, 'run');
    const s = this.store.summary(id);
    if (s?.status === 'running') throw new LabError(`run ${id} is still recording; stop it before deleting`);
    return { deleted: this.store.deleteRun(id) };
  }

  async listScenarios(): Promise<ScenarioInfo[]> {
    return this.runner.scenarios();
  }

  async startExperiment(experiment: unknown): Promise<RunSummary> {
    return this.runner.start(experiment);
  }

  async stopRun(run: string): Promise<RunSummary> {
    return this.runner.stop(str(run, 'run'));
  }

  async injectFault(run: string, fault: Fault): Promise<InjectedFault> {
    if (!fault || typeof fault !== 'object') throw new LabError('injectFault: fault must be an object');
    return this.runner.inject(str(run, 'run'), fault);
  }

  async liveNodes(run: string): Promise<LiveNode[]> {
    return this.runner.nodes(str(run, 'run'));
  }

  async endFault(run: string, end: FaultEnd): Promise<InjectedFault> {
    const e = end as Partial<{ kind: string; node: unknown }> | null;
    if (!e || typeof e !== 'object') throw new LabError('endFault: end must be an object');
    if (e.kind === 'heal') return this.runner.end(str(run, 'run'), { kind: 'heal' });
    if (e.kind === 'resume') return this.runner.end(str(run, 'run'), { kind: 'resume', node: str(e.node, 'endFault: node') });
    throw new LabError("endFault: kind must be 'resume' or 'heal'");
  }

  subscribe(run: string, listener: (batch: LiveBatch) => void): () => void {
    return this.hub.subscribe(str(run, 'run'), listener);
  }

  private spaceTimeQueries: SpaceTime | null = null;
  private get spaceTime(): SpaceTime {
    return (this.spaceTimeQueries ??= new SpaceTime(this.store.db));
  }

  async runBounds(run: string): Promise<RunBounds> {
    return this.spaceTime.bounds(str(run, 'run'));
  }

  async eventsInWindow(run: string, query: WindowQuery): Promise<WindowResult> {
    const q = query ?? ({} as WindowQuery);
    if (!AXES.includes(q.axis)) throw new LabError(`eventsInWindow: axis must be one of ${AXES.join(', ')}`);
    if (!Number.isFinite(q.from) || !Number.isFinite(q.to) || q.to < q.from) throw new LabError('eventsInWindow: from and to must be numbers with from <= to');
    if (q.limit !== undefined && !Number.isInteger(q.limit)) throw new LabError('eventsInWindow: limit must be an integer');
    if (q.bins !== undefined && !Number.isInteger(q.bins)) throw new LabError('eventsInWindow: bins must be an integer');
    return this.spaceTime.window(str(run, 'run'), { axis: q.axis, from: q.from, to: q.to, limit: q.limit, bins: q.bins });
  }

  async causalCone(run: string, id: number): Promise<ConeResult> {
    if (!Number.isInteger(id)) throw new LabError('causalCone: id must be an integer');
    return this.spaceTime.cone(str(run, 'run'), id);
  }

  async prepareCausal(run: string): Promise<Progress> {
    return this.spaceTime.preparePast(str(run, 'run'));
  }

  async exportRun(run: string, format: ExportFormat): Promise<ExportedFile> {
    if (!EXPORT_FORMATS.includes(format)) throw new LabError(`exportRun: format must be one of ${EXPORT_FORMATS.join(', ')}`);
    return exportRun(this.store, str(run, 'run'), format);
  }

  async importLog(name: string, text: string, options?: ImportOptions): Promise<{ runs: ImportedRun[] }> {
    if (typeof text !== 'string') throw new LabError('importLog: text must be a string');
    const o = options ?? {};
    for (const k of ['format', 'regex', 'delimiter'] as const) {
      if (o[k] !== undefined && typeof o[k] !== 'string') throw new LabError(`importLog: ${k} must be a string`);
    }
    return { runs: importLog(this.store, str(name, 'name'), text, o) };
  }

  private topicQueries: Topics | null = null;
  private get topics(): Topics {
    return (this.topicQueries ??= new Topics(this.store.db));
  }

  async runTopics(run: string): Promise<TopicInfo[]> {
    return this.topics.topics(str(run, 'run'));
  }

  async runAnalysis(run: string, topic: Topic): Promise<TopicView> {
    if (!isTopic(topic)) throw new LabError('runAnalysis: topic must be one of raft, detectors, clocks, leases');
    return this.topics.analysis(str(run, 'run'), topic);
  }

  async electionBench(query?: ElectionBenchQuery): Promise<ElectionBenchState> {
    const q = query ?? {};
    if (typeof q !== 'object') throw new LabError('electionBench: query must be an object');
    if (q.trials !== undefined && !(Number.isInteger(q.trials) && q.trials >= 1 && q.trials <= 1000)) throw new LabError('electionBench: trials must be an integer from 1 to 1000');
    if (q.seed !== undefined && !Number.isInteger(q.seed)) throw new LabError('electionBench: seed must be an integer');
    if (q.ranges !== undefined && !(Array.isArray(q.ranges) && q.ranges.length >= 1 && q.ranges.length <= 16 && q.ranges.every((r) => typeof r === 'string'))) throw new LabError('electionBench: ranges must be 1 to 16 strings such as 150-300');
    try {
      return this.topics.electionBench({ trials: q.trials, seed: q.seed, ranges: q.ranges });
    } catch (e) {
      throw new LabError(`electionBench: ${(e as Error).message}`);
    }
  }
}

function str(x: unknown, name: string): string {
  if (typeof x !== 'string' || !x) throw new LabError(`${name} must be a non-empty string`);
  return x;
}
