import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
export const BIN = join(REPO, 'bin', 'coordlab.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `coordlab` binary to completion. */
export function cli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    env: { ...process.env, ...opts.env },
    input: opts.input,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts a long-running `coordlab` command; resolves with the first stdout line matching `ready`. */
export function startCli(args: string[], ready: RegExp, opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ child: ChildProcess; match: RegExpExecArray; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`coordlab ${args.join(' ')} not ready within ${opts.timeoutMs ?? 60_000} ms; stderr: ${err}`));
    }, opts.timeoutMs ?? 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ child, match: m, stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`coordlab ${args.join(' ')} exited ${code} before ready; stderr: ${err}`));
    });
  });
}

/** Stops a child and waits for it to exit (SIGTERM, then SIGKILL after graceMs). */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(t);
      res();
    });
    child.kill('SIGTERM');
  });
}

/** Starts `coordlab serve` on a database; resolves with the child and the URL (token included) it printed. */
export async function startServe(db: string): Promise<{ child: ChildProcess; url: string; port: number }> {
  const started = await startCli(['serve', '--db', db, '--json'], /^(\{.*\})$/m);
  const { url, port } = JSON.parse(started.match[1]) as { url: string; port: number };
  return { child: started.child, url, port };
}
