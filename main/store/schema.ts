/**
 * Versioned schema of a coordlab database. Each migration takes the database from
 * version i to i+1 and runs in one transaction. `PRAGMA application_id` marks the
 * file as coordlab's; `PRAGMA user_version` is the schema version.
 */

/** 'CLab' as a 32-bit integer. */
export const APPLICATION_ID = 0x434c6162;

export const MIGRATIONS: readonly string[] = [
  // 1: runs, nodes, events, messages.
  `
  CREATE TABLE runs (
    id          TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    scenario    TEXT NOT NULL,
    status      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    ended_at    TEXT,
    experiment  TEXT NOT NULL DEFAULT '{}',
    meta        TEXT NOT NULL DEFAULT '{}',
    events      INTEGER NOT NULL DEFAULT 0,
    nodes       TEXT NOT NULL DEFAULT '[]',
    owner_pid   INTEGER,
    owner_host  TEXT
  );
  CREATE TABLE nodes (
    run    TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    name   TEXT NOT NULL,
    idx    INTEGER NOT NULL,
    info   TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (run, name)
  );
  CREATE TABLE events (
    run      TEXT NOT NULL,
    id       INTEGER NOT NULL,
    node     TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    wall_ms  REAL,
    mono_ns  TEXT,
    ref_ms   REAL,
    lamport  INTEGER NOT NULL,
    vclock   TEXT NOT NULL,
    msg      TEXT,
    peer     TEXT,
    label    TEXT,
    data     TEXT,
    PRIMARY KEY (run, id)
  ) WITHOUT ROWID;
  CREATE INDEX events_by_node ON events(run, node, seq);
  CREATE INDEX events_by_kind ON events(run, kind);
  CREATE TABLE messages (
    run      TEXT NOT NULL,
    msg      TEXT NOT NULL,
    src      TEXT NOT NULL,
    dst      TEXT,
    send_id  INTEGER,
    recv_id  INTEGER,
    drop_id  INTEGER,
    PRIMARY KEY (run, msg)
  ) WITHOUT ROWID;
  `,
  // 2: the space-time diagram loads only the visible window of a run along one axis.
  // Covering indexes (axis value, node) make window counts and per-lane bins index-only;
  // event_past holds each event's causal-past size (Σ V(e) − 1), filled lazily per run.
  `
  CREATE INDEX events_by_wall ON events(run, wall_ms, node);
  CREATE INDEX events_by_lamport ON events(run, lamport, node);
  CREATE TABLE event_past (
    run   TEXT NOT NULL,
    id    INTEGER NOT NULL,
    past  INTEGER NOT NULL,
    node  TEXT NOT NULL,
    PRIMARY KEY (run, id)
  ) WITHOUT ROWID;
  CREATE INDEX event_past_by_past ON event_past(run, past, node);
  CREATE TRIGGER runs_delete_event_past AFTER DELETE ON runs BEGIN
    DELETE FROM event_past WHERE run = old.id;
  END;
  `,
  // 3: the whole-run per-lane histogram of each axis, kept so a big run's first screen
  // does not rescan a million index entries after every restart. Valid while the run
  // still has `events` events.
  `
  CREATE TABLE axis_bins (
    run        TEXT NOT NULL,
    axis       TEXT NOT NULL,
    events     INTEGER NOT NULL,
    span_from  REAL NOT NULL,
    span_to    REAL NOT NULL,
    counts     TEXT NOT NULL,
    PRIMARY KEY (run, axis)
  ) WITHOUT ROWID;
  CREATE TRIGGER runs_delete_axis_bins AFTER DELETE ON runs BEGIN
    DELETE FROM axis_bins WHERE run = old.id;
  END;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
