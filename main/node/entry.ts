/**
 * Entry of a node process. main bundles this file once (esbuild) and starts it
 * with plain `node`, the channel on fd 3. The first line main sends is `init`.
 *
 * The same bundle also runs the lab time server on a worker thread of main
 * (main/ntp/server-thread.ts): then `workerData.coordlabTimeServer` is set.
 */
import { Socket } from 'node:net';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runLabTimeServerWorker } from '../ntp/server-worker';
import type { TimeServerWorkerData } from '../ntp/server-thread';
import { misbehave, plannedMisbehaviour } from './misbehave';
import { watchParent } from './parent-watch';
import { NodeRuntime } from './runtime';
import { CHANNEL_FD, encodeLine, LineReader, type ChildMessage, type MainMessage } from './wire';

if (!isMainThread && (workerData as Partial<TimeServerWorkerData> | null)?.coordlabTimeServer && parentPort) {
  void runLabTimeServerWorker((workerData as TimeServerWorkerData).coordlabTimeServer, parentPort);
} else {
  startNodeProcess();
}

function startNodeProcess(): void {
  const channel = new Socket({ fd: CHANNEL_FD, readable: true, writable: true });
  let runtime: NodeRuntime | null = null;
  let exiting = false;

  function send(msg: ChildMessage): void {
    if (!exiting) channel.write(encodeLine(msg));
  }

  function exit(code: number): void {
    if (exiting) return;
    exiting = true;
    channel.end(() => process.exit(code));
    setTimeout(() => process.exit(code), 1000).unref();
  }

  const gone = (why: string): void => {
    process.stderr.write(`node process ${process.pid}: ${why}; exiting\n`);
    process.exit(0);
  };

  channel.on('end', () => gone('channel to the lab closed'));
  channel.on('error', (e) => gone(`channel error: ${e.message}`));
  watchParent(gone);

  const reader = new LineReader(
    (value) => {
      const m = value as MainMessage;
      if (m.t === 'init') {
        runtime = new NodeRuntime(m, { send, exit });
        send({ t: 'ready', pid: process.pid });
        return;
      }
      if (m.t === 'go') planMisbehaviour(m);
      runtime?.onMessage(m);
    },
    (line) => gone(`garbage from the lab: ${line.slice(0, 40)}`),
  );
  channel.on('data', (chunk: Buffer) => reader.push(chunk));

  function planMisbehaviour(_go: MainMessage): void {
    const plan = runtime && plannedMisbehaviour(process.env.COORDLAB_MISBEHAVE, runtime.init.node);
    if (plan && runtime!.init.incarnation === 0) setTimeout(() => misbehave(plan.how, (t) => channel.write(t)), plan.atMs);
  }

  process.on('SIGTERM', () => {
    if (runtime) runtime.stop();
    else process.exit(0);
  });
}
