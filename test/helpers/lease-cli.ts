/**
 * Helpers for the lease end-to-end tests: the real `coordlab` binary run without
 * blocking the test process (so a test can act while a run goes on), the run's
 * `analyze --json` lease section, and a read-only look into the run database with
 * a deadline (wait for an event, never sleep).
 */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { BIN, REPO, type CliResult } from './cli';
import { afterAll, beforeAll } from 'vitest';
import { pollUntil, startEtcd, type EtcdCluster } from './etcd';
import { tempDir } from './tmp';

/** Run `coordlab args…` to completion; kill it and fail after `timeoutMs`. */
export function coordlab(args: string[], timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`coordlab ${args.join(' ')} did not finish within ${timeoutMs} ms (it must never hang)\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The `lease` section of `analyze --json` (the fields the tests read). */
export interface LeaseJson {
  overlaps: number;
  stale_writes_accepted: number;
  stale_writes_rejected: number;
  stale_writes_overwriting: number;
  overlaps_store: number;
  overlaps_belief: number;
  writes_accepted: number;
  writes_rejected: number;
  store_errors: number;
  per_node: Array<{ node: string; believed_ms: number; actual_ms: number; believed_not_actual_ms: number }>;
}

/** `coordlab run lease …` with `--json`, then `analyze --json` and `check` of that run. */
export async function leaseRun(db: string, flags: string[], timeoutMs = 60_000) {
  const run = await coordlab(['run', 'lease', '--db', db, '--json', ...flags], timeoutMs);
  if (run.code !== 0) throw new Error(`run failed (exit ${run.code}): ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { run: string; status: string; events: number };
  const [analyzed, check] = await Promise.all([coordlab(['analyze', result.run, '--db', db, '--json']), coordlab(['check', result.run, '--db', db])]);
  if (analyzed.code !== 0) throw new Error(`analyze failed (exit ${analyzed.code}): ${analyzed.stderr}`);
  const lease = (JSON.parse(analyzed.stdout) as { lease?: LeaseJson }).lease;
  if (!lease) throw new Error(`analyze --json has no lease section: ${analyzed.stdout.slice(0, 400)}`);
  return { result, lease, check };
}

/** A recorded event, as the tests look at it. */
export interface Row {
  id: number;
  node: string;
  kind: string;
  label: string | null;
  data: Record<string, unknown> | null;
}

/** Every event of the newest run in `db` (read-only; the run may still be writing). */
export function rows(db: string): Row[] {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const raw = conn.prepare('SELECT id, node, kind, label, data FROM events WHERE run = (SELECT run FROM runs ORDER BY rowid DESC LIMIT 1) ORDER BY id').all() as Array<Omit<Row, 'data'> & { data: string | null }>;
    return raw.map((r) => ({ ...r, data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null }));
  } finally {
    conn.close();
  }
}

/** Wait (with a deadline) until the newest run in `db` has an event matching `pred`. */
export function waitForEvent(db: string, what: string, pred: (r: Row) => boolean, deadlineMs: number): Promise<Row> {
  return pollUntil(what, deadlineMs, async () => rows(db).find(pred) ?? null, () => {
    try {
      return rows(db).slice(-8).map((r) => `${r.node} ${r.kind} ${r.label}`).join('\n');
    } catch (err) {
      return (err as Error).message;
    }
  });
}

/** A store-view event: `holder` got the key. */
export const isStoreAcquired = (r: Row): boolean => r.data?.lease === 'store' && r.data.change === 'acquired';

/** The node a `--pause leader@…` stopped in the newest run of `db`, or null if it was skipped (no leader yet). */
export function pausedNode(db: string): string | null {
  const pause = rows(db).find((r) => r.kind === 'pause');
  return pause ? String(pause.data?.node) : null;
}

/** The lease scenario's nodes: three candidates, the store and the storage. */
export const LEASE_NODES = ['--nodes', 'n1,n2,n3,store,storage'];
/** Generous per-test time: the machine may be loaded; a healthy test takes 5–20 s of it. */
export const LEASE_TEST_MS = 120_000;
/** The run flags that point the lease scenario at an etcd cluster. */
export const etcdFlags = (c: EtcdCluster): string[] => ['--store', 'etcd', '--etcd', c.endpoints.join(',')];

/**
 * Registers beforeAll/afterAll for a describe block that starts etcd clusters: a temp
 * folder, and every cluster started through `start` stopped (by PID) at the end.
 */
export function etcdSuite(prefix: string): { start: (members: 1 | 3) => Promise<EtcdCluster>; dir: () => string } {
  let tmp: ReturnType<typeof tempDir>;
  const clusters: EtcdCluster[] = [];
  beforeAll(() => {
    tmp = tempDir(prefix);
  });
  afterAll(async () => {
    await Promise.all(clusters.map((c) => c.stop()));
    tmp.cleanup();
  }, LEASE_TEST_MS);
  return {
    start: async (members) => {
      const c = await startEtcd({ members });
      clusters.push(c);
      return c;
    },
    dir: () => tmp.dir,
  };
}
