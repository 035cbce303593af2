/**
 * LabApi: the one typed contract between the UI and the lab (STYLE.md 4).
 * The Electron preload (`window.lab`) and the WebSocket bridge of `coordlab serve`
 * both implement it; the renderer imports only this type.
 */
import type { LabEvent, RunDetail, RunSummary } from './events';

/** Every request channel, `lab:` + method name. The preload rejects all others. */
export const LAB_METHODS = ['version', 'listRuns', 'getRun', 'events', 'renameRun', 'deleteRun'] as const;
export type LabMethod = (typeof LAB_METHODS)[number];
export const labChannel = (m: LabMethod): `lab:${LabMethod}` => `lab:${m}`;
/** Push channels: live events from main to the renderer. */
export const LAB_LIVE_CHANNEL = 'lab:live';
export const LAB_SUBSCRIBE_CHANNEL = 'lab:subscribe';
export const LAB_UNSUBSCRIBE_CHANNEL = 'lab:unsubscribe';

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
}

/** The request/response part of LabApi, as transports carry it. */
export type LabRequestApi = Omit<LabApi, 'subscribe'>;
