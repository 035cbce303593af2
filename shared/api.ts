/**
 * LabApi: the one typed contract between the UI and the lab (STYLE.md 4).
 * The Electron preload (`window.lab`) and the WebSocket bridge of `coordlab serve`
 * both implement it; the renderer imports only this type.
 */
import type { LabEvent, RunDetail, RunSummary, VClock } from './events';
import type { Fault } from './experiment/types';
import type { Axis, Cone, PlotEvent, PlotMessage, Span } from './layout/index.js';
import type { ElectionBenchQuery, ElectionBenchState, Topic, TopicInfo, TopicView } from './views/index.js';

/** Every request channel, `lab:` + method name. The preload rejects all others. */
export const LAB_METHODS = ['version', 'listRuns', 'getRun', 'events', 'renameRun', 'deleteRun', 'runBounds', 'eventsInWindow', 'causalCone', 'prepareCausal', 'exportRun', 'importLog', 'listScenarios', 'startExperiment', 'stopRun', 'injectFault', 'liveNodes', 'endFault', 'runTopics', 'runAnalysis', 'electionBench'] as const;
export type LabMethod = (typeof LAB_METHODS)[number];
export const labChannel = (m: LabMethod): `lab:${LabMethod}` => `lab:${m}`;
/** Push channels: live events from main to the renderer. */
export const LAB_LIVE_CHANNEL = 'lab:live';
export const LAB_SUBSCRIBE_CHANNEL = 'lab:subscribe';
export const LAB_UNSUBSCRIBE_CHANNEL = 'lab:unsubscribe';
/** Push channel: the desktop app's menu asks the window to do something. */
export const LAB_MENU_CHANNEL = 'lab:menu';

/** What the application menu asks of the window (desktop app only). */
export type MenuAction = { action: 'show-runs' } | { action: 'export-current' };

export function isLabMethod(x: unknown): x is LabMethod {
  return typeof x === 'string' && (LAB_METHODS as readonly string[]).includes(x);
}

export interface VersionInfo {
  app: string;
  version: string;
  /** 'electron' or 'serve'. */
  transport: string;
  /** Path of the database the lab records into. */
  db: string;
}

export interface RunQuery {
  /** Case-insensitive match on run id, label or scenario. */
  search?: string;
  limit?: number;
}

export interface EventQuery {
  /** Return events with id > afterId (default 0). */
  afterId?: number;
  /** At most this many (default 1000, capped at 10000). */
  limit?: number;
  /** Only these nodes. */
  nodes?: string[];
  /** Only these kinds. */
  kinds?: string[];
}

export interface EventPage {
  run: string;
  events: LabEvent[];
  /** Id of the last event returned; pass as afterId for the next page. */
  lastId: number;
  /** True when no events are left after this page (at the time of the query). */
  done: boolean;
}

/** A batch of live events pushed while a run records. */
export interface LiveBatch {
  run: string;
  events: LabEvent[];
  /** Run status when the batch was sent. */
  status: RunSummary['status'];
}

export type Unsubscribe = () => void;

export interface LabApi {
  version(): Promise<VersionInfo>;
  listRuns(query?: RunQuery): Promise<RunSummary[]>;
  getRun(run: string): Promise<RunDetail | null>;
  events(run: string, query?: EventQuery): Promise<EventPage>;
  renameRun(run: string, label: string): Promise<RunSummary>;
  deleteRun(run: string): Promise<{ deleted: boolean }>;
  /** Live events of one run ('*' for all runs). */
  subscribe(run: string, listener: (batch: LiveBatch) => void): Unsubscribe;
  /** Requests from the desktop app's menu (absent in a browser, which has no app menu). */
  onMenu?(listener: (request: MenuAction) => void): Unsubscribe;
  /** Extents of a run on each axis of the space-time diagram (cheap: index lookups). */
  runBounds(run: string): Promise<RunBounds>;
  /** The events of one axis window, or per-lane density bins when there are more than `limit`. */
  eventsInWindow(run: string, query: WindowQuery): Promise<WindowResult>;
  /** Causal past, future and concurrent set of one event, from vector clocks. */
  causalCone(run: string, id: number): Promise<ConeResult>;
  /** Starts (or continues) computing the causal axis of a run; call again to follow progress. */
  prepareCausal(run: string): Promise<Progress>;
  /** A whole run as a file in one of the export formats. */
  exportRun(run: string, format: ExportFormat): Promise<ExportedFile>;
  /** Imports a log file's text (one run per execution in it). */
  importLog(name: string, text: string, options?: ImportOptions): Promise<{ runs: ImportedRun[] }>;
  /** The scenarios the lab can run. */
  listScenarios(): Promise<ScenarioInfo[]>;
  /** Validates an Experiment (JSON) and starts it on real node processes; resolves once every node runs. */
  startExperiment(experiment: unknown): Promise<RunSummary>;
  /** Stops a run this lab is recording (status `stopped`); resolves when it is recorded. */
  stopRun(run: string): Promise<RunSummary>;
  /** Injects a fault into a running run now (its times count from now). */
  injectFault(run: string, fault: Fault): Promise<InjectedFault>;
  /** The node processes of a running run. */
  liveNodes(run: string): Promise<LiveNode[]>;
  /** Ends live faults now, before their scheduled end: resume a paused node, or heal the run's partitions. */
  endFault(run: string, end: FaultEnd): Promise<InjectedFault>;
  /** The topic views (Raft, failure detection, clocks, leases) that apply to a run. */
  runTopics(run: string): Promise<TopicInfo[]>;
  /** The compact view model of one topic of a run, built in main from the events it needs. */
  runAnalysis(run: string, topic: Topic): Promise<TopicView>;
  /** Starts (or continues) the simulated Raft election benchmark; call again with the same query to follow progress. */
  electionBench(query?: ElectionBenchQuery): Promise<ElectionBenchState>;
}

/** A scenario `startExperiment` accepts. */
export interface ScenarioInfo {
  name: string;
  description: string;
  /** Exact node count the scenario needs, or null for any (1–64). */
  nodeCount: number | null;
}

/** What a live fault became. */
export interface InjectedFault {
  run: string;
  /** The fault's actions with their run times, e.g. `pause n2 for 500 ms @ 3012 ms`. */
  actions: string[];
}

/** What `endFault` ends: a pause (the node is resumed now), or every partition in force (healed now). */
export type FaultEnd = { kind: 'resume'; node: string } | { kind: 'heal' };

/** One node process of a running run. */
export interface LiveNode {
  node: string;
  state: 'starting' | 'up' | 'paused' | 'down' | 'crashed';
  pid: number | null;
  incarnation: number;
}

/** Extents of a run on the axes of the space-time diagram. */
export interface RunBounds {
  run: string;
  events: number;
  /** Lane order: the run's nodes. */
  nodes: string[];
  /** Node wall-clock readings (ms since the epoch); null when no event has one. */
  wall: Span | null;
  lamport: Span;
  /** Causal-past sizes; null until {@link LabApi.prepareCausal} has finished. */
  causal: Span | null;
  /** Recorded duration by the host reference clock (ms), null for imported logs. */
  durationMs: number | null;
}

export interface WindowQuery {
  axis: Axis;
  from: number;
  to: number;
  /** Most events to return one by one (default 3000, at most 20000). */
  limit?: number;
  /** Bins per lane when the window holds more than `limit` (default 400, at most 4000). */
  bins?: number;
}

/** One event in a window, with its clock (for the order lists and the cone). */
export interface WindowEvent extends PlotEvent {
  node: string;
  vclock: VClock;
}

export type WindowResult =
  | { mode: 'events'; axis: Axis; span: Span; total: number; events: WindowEvent[]; messages: PlotMessage[] }
  /** `estimated`: total and counts are pro-rated from the run's cached bins (counts may be fractional), not counted. */
  | { mode: 'bins'; axis: Axis; span: Span; total: number; counts: number[][]; estimated?: boolean }
  /** The causal axis is still being computed. */
  | { mode: 'pending'; axis: Axis; span: Span; total: number; progress: number };

export interface ConeResult extends Cone {
  id: number;
  /** Where the event sits on each axis. */
  at: AxisPosition;
  /**
   * Per node, the positions of the last event in the causal past and the first in the
   * causal future (null: none), so a zoomed-out diagram can shade each lane's cone.
   */
  frontier: Record<string, { past: AxisPosition | null; future: AxisPosition | null }>;
}

/** An event's place on the three axes of the space-time diagram. */
export interface AxisPosition {
  wall: number | null;
  lamport: number;
  causal: number;
}

export interface Progress {
  done: boolean;
  /** 0..1 */
  progress: number;
}

export type ExportFormat = 'jsonl' | 'csv' | 'shiviz' | 'perfetto';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv', 'shiviz', 'perfetto'];

export interface ExportedFile {
  filename: string;
  mime: string;
  text: string;
}

export interface ImportOptions {
  /** shiviz (default for .log/.txt), govector, or jsonl (default for .jsonl). */
  format?: 'shiviz' | 'govector' | 'jsonl';
  regex?: string;
  delimiter?: string;
}

export interface ImportedRun {
  run: string;
  label: string;
  events: number;
}

/** The request/response part of LabApi, as transports carry it. */
export type LabRequestApi = Omit<LabApi, 'subscribe'>;
