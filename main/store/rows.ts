import type { LabEvent, RunDetail, RunStatus, RunSummary } from '../../shared/events';

/** A row of the events table as better-sqlite3 returns it. */
export interface EventRow {
  run: string;
  id: number;
  node: string;
  seq: number;
  kind: string;
  wall_ms: number | null;
  mono_ns: string | null;
  ref_ms: number | null;
  lamport: number;
  vclock: string;
  msg: string | null;
  peer: string | null;
  label: string | null;
  data: string | null;
}

export interface RunRow {
  id: string;
  label: string;
  scenario: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  experiment: string;
  meta: string;
  events: number;
  nodes: string;
  owner_pid: number | null;
  owner_host: string | null;
}

export function eventFromRow(r: EventRow): LabEvent {
  return {
    run: r.run,
    id: r.id,
    node: r.node,
    seq: r.seq,
    kind: r.kind,
    wall_ms: r.wall_ms,
    mono_ns: r.mono_ns,
    ref_ms: r.ref_ms,
    lamport: r.lamport,
    vclock: JSON.parse(r.vclock),
    msg: r.msg,
    peer: r.peer,
    label: r.label,
    data: r.data == null ? null : JSON.parse(r.data),
  };
}

export function summaryFromRow(r: RunRow): RunSummary {
  return {
    run: r.id,
    label: r.label,
    scenario: r.scenario,
    events: r.events,
    status: r.status as RunStatus,
    nodes: JSON.parse(r.nodes),
    started_at: r.started_at,
    ended_at: r.ended_at,
  };
}

export function detailFromRow(r: RunRow): RunDetail {
  return { ...summaryFromRow(r), experiment: JSON.parse(r.experiment), meta: JSON.parse(r.meta) };
}
