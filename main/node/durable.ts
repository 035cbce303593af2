/**
 * A node's durable state: one JSON file the core writes through the runtime.
 * Written to a temporary file, fsynced and renamed, so a crash leaves either the
 * old state or the new one.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/** Reads the state a core persisted, or null when there is none (or it is unreadable). */
export function readDurable(path: string): unknown {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')).state ?? null;
  } catch {
    return null;
  }
}

/** Writes `state` durably to `path`. */
export function writeDurable(path: string, state: unknown): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify({ state }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
