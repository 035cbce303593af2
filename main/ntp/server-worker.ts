/**
 * The worker side of main/ntp/server-thread.ts: binds the lab time server on this
 * thread and answers from here; main can change its fault mode or close it.
 */
import type { MessagePort } from 'node:worker_threads';
import { hostWallMs, skewedClock } from './hostClock';
import { startLabTimeServer } from './server';
import type { TimeServerThreadMessage, TimeServerThreadOptions } from './server-thread';

/** Serves until main says `close`. */
export async function runLabTimeServerWorker(options: TimeServerThreadOptions, port: MessagePort): Promise<void> {
  const post = (m: TimeServerThreadMessage): void => port.postMessage(m);
  // hostWallMs here is this thread's performance.timeOrigin + now(): anchored on the
  // system clock at the thread's start with µs resolution, like every node's own.
  try {
    const server = await startLabTimeServer({
      host: options.host,
      port: options.port ?? 0,
      fault: options.fault ?? 'none',
      clock: options.offsetMs ? skewedClock(hostWallMs, options.offsetMs) : undefined,
    });
    port.on('message', (m: TimeServerThreadMessage) => {
      if (m.t === 'fault') server.setFault(m.fault);
      else if (m.t === 'close') void server.close().then(() => post({ t: 'closed' }));
    });
    post({ t: 'listening', host: server.host, port: server.port });
  } catch (e) {
    post({ t: 'failed', error: (e as Error).message });
  }
}
