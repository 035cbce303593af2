import { LAB_METHODS, type LabApi, type LabRequestApi, type LiveBatch } from '../../../shared/api';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * LabApi over the WebSocket bridge of `coordlab serve`. Requests made before the
 * socket opens wait for it; live subscriptions are re-sent after a reconnect.
 */
export function createWsLabApi(url: string): LabApi {
  let ws: WebSocket;
  let nextId = 1;
  let ready: Promise<void>;
  const pending = new Map<number, Pending>();
  const subs = new Map<number, { run: string; listener: (b: LiveBatch) => void }>();

  const connect = () => {
    ws = new WebSocket(url);
    ready = new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve(), { once: true });
      ws.addEventListener('error', () => reject(new Error('cannot reach the lab (is `coordlab serve` still running?)')), { once: true });
    });
    ws.addEventListener('message', (ev) => {
      const msg = JSON.parse(String(ev.data));
      if (msg.type === 'live') {
        subs.get(msg.sub)?.listener(msg.batch);
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if ('error' in msg) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    });
    ws.addEventListener('close', () => {
      for (const p of pending.values()) p.reject(new Error('connection to the lab closed'));
      pending.clear();
    });
  };
  connect();

  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    await ready;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, args }));
    });
  };

  const api = {} as Record<string, unknown>;
  for (const m of LAB_METHODS) api[m] = (...args: unknown[]) => call(m, args);
  (api as unknown as LabApi).subscribe = (run, listener) => {
    const id = nextId++;
    subs.set(id, { run, listener });
    void ready.then(() => {
      pending.set(id, { resolve: () => undefined, reject: () => undefined });
      ws.send(JSON.stringify({ id, method: 'subscribe', args: [run] }));
    });
    return () => {
      subs.delete(id);
      void call('unsubscribe', [id]).catch(() => undefined);
    };
  };
  return api as unknown as LabRequestApi & Pick<LabApi, 'subscribe'>;
}
