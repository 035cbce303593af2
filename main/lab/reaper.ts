/**
 * The reaper: a tiny detached process that SIGKILLs the lab's node process groups
 * if the lab dies without stopping them (kill -9 of the lab). Nodes also exit on
 * their own when their channel closes, but a node the lab SIGSTOPped cannot notice
 * anything; the reaper covers it. Main tells it `+pid` / `-pid` on its stdin; EOF
 * on stdin means the lab is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { nodeChildEnv } from './node-exec';

const SCRIPT = `
const groups = new Set();
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, i); buf = buf.slice(i + 1);
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 1) continue;
    if (line[0] === '+') groups.add(pid); else if (line[0] === '-') groups.delete(pid);
  }
});
process.stdin.on('end', () => {
  for (const pid of groups) { try { process.kill(-pid, 'SIGKILL'); } catch {} }
  process.exit(0);
});
process.on('SIGTERM', () => {});
process.on('SIGINT', () => {});
`;

/** A running reaper. */
export class Reaper {
  private readonly child: ChildProcess;

  constructor() {
    this.child = spawn(process.execPath, ['-e', SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: nodeChildEnv() });
    this.child.stdin!.on('error', () => {
      // The reaper died: nothing to tell it any more.
    });
    this.child.unref();
  }

  /** Watch the process group led by `pid`. */
  watch(pid: number): void {
    this.child.stdin!.write(`+${pid}\n`);
  }

  /** Stop watching `pid` (it exited). */
  forget(pid: number): void {
    this.child.stdin!.write(`-${pid}\n`);
  }

  /** The lab stopped its nodes itself: let the reaper exit with nothing to do. */
  close(): void {
    this.child.stdin!.end();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }
}
