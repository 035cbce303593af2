/** What a run states about where and with what it ran (saved in the run's meta). */
import { cpus, hostname, platform, release, arch, totalmem } from 'node:os';
import { APP_VERSION } from '../version';

/** Host, versions and start facts for a run's meta. */
export function runMeta(extra: Record<string, unknown>): Record<string, unknown> {
  let betterSqlite: string | null = null;
  try {
    betterSqlite = (require('better-sqlite3/package.json') as { version: string }).version;
  } catch {
    betterSqlite = null;
  }
  return {
    host: { hostname: hostname(), platform: platform(), release: release(), arch: arch(), cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryMB: Math.round(totalmem() / 2 ** 20) },
    versions: { coordlab: APP_VERSION, node: process.versions.node, v8: process.versions.v8, betterSqlite3: betterSqlite, electron: process.versions.electron ?? null },
    labPid: process.pid,
    ...extra,
  };
}
