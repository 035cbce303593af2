/**
 * The lab time server on its own thread. In a run, main's event loop records every
 * event into SQLite and routes every message; a time server answering from that loop
 * stamps T2/T3 late whenever a batch is being written, which widens the exchange's
 * delay (δ) and with it the error bound of every node's offset estimate. On a worker
 * thread it answers from an idle event loop, the way a real NTP daemon answers from
 * its own process. Measured with 24 nodes on 2 cores (bench/ntp.md): exchange delay
 * p95 21–49 ms (max 56–104) against 48–73 ms (max 111–150) from main's loop; the rest
 * is the nodes' own scheduling, which no server placement removes.
 *
 * The worker runs the node entry bundle (main/lab/bundle.ts), which is already plain
 * JS with main/ntp and shared/ inside (and is prebuilt in a packaged app): the entry
 * sees `workerData.coordlabTimeServer` and serves instead of starting a node.
 */
import { Worker } from 'node:worker_threads';
import type { LabServerFault } from './server';

/** What the worker needs: plain data (a clock function cannot cross threads). */
export interface TimeServerThreadOptions {
  host?: string;
  port?: number;
  /** The server's clock error: ms ahead of the host clock. */
  offsetMs?: number;
  fault?: LabServerFault;
}

/** The `workerData` the entry recognises. */
export interface TimeServerWorkerData {
  coordlabTimeServer: TimeServerThreadOptions;
}

/** Messages between the thread and main. */
export type TimeServerThreadMessage =
  | { t: 'listening'; host: string; port: number }
  | { t: 'failed'; error: string }
  | { t: 'fault'; fault: LabServerFault }
  | { t: 'close' }
  | { t: 'closed' };

/** A lab time server running on a worker thread. */
export interface LabTimeServerThread {
  readonly host: string;
  readonly port: number;
  setFault(fault: LabServerFault): void;
  close(): Promise<void>;
}

/** Starts the server on a worker thread running `entryPath`; resolves once it is bound. */
export async function startLabTimeServerThread(entryPath: string, options: TimeServerThreadOptions = {}): Promise<LabTimeServerThread> {
  const data: TimeServerWorkerData = { coordlabTimeServer: options };
  const worker = new Worker(entryPath, { workerData: data, stdout: false, stderr: false });
  const bound = await new Promise<{ host: string; port: number }>((resolve, reject) => {
    const onMessage = (m: TimeServerThreadMessage): void => {
      if (m.t === 'listening') resolve({ host: m.host, port: m.port });
      else if (m.t === 'failed') reject(new Error(`lab time server: ${m.error}`));
      else return;
      worker.off('message', onMessage);
      worker.off('error', reject);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`lab time server thread exited (${code}) before listening`)));
  }).catch(async (e: Error) => {
    await worker.terminate();
    throw e;
  });
  // The thread must not keep a finished CLI alive, nor die unnoticed while a run needs it
  // (the nodes would then see their exchanges time out, which they record).
  worker.unref();
  worker.on('error', (e) => process.stderr.write(`coordlab: lab time server thread failed: ${e.message}\n`));
  let closing: Promise<void> | null = null;
  return {
    ...bound,
    setFault: (fault) => worker.postMessage({ t: 'fault', fault } satisfies TimeServerThreadMessage),
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        const done = (): void => resolve();
        worker.once('exit', done);
        worker.on('message', (m: TimeServerThreadMessage) => { if (m.t === 'closed') void worker.terminate(); });
        worker.postMessage({ t: 'close' } satisfies TimeServerThreadMessage);
        // A wedged thread is ended anyway.
        setTimeout(() => void worker.terminate(), 1000).unref();
      })),
  };
}
