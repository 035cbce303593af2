import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isLabMethod, type LabApi } from '../../shared/api';
import { LabError } from '../store';
import type { BridgeRequest } from './protocol';
import { staticFile } from './static';

export interface ServeOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Folder of the built renderer (index.html + assets). */
  root: string;
  api: LabApi;
  /** Fixed token (tests); random per start otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const COOKIE = 'coordlab_token';
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * `coordlab serve`: the built renderer and a WebSocket bridge to LabApi on
 * 127.0.0.1 only. Every request needs the per-start token (in the URL the CLI
 * prints, then a SameSite cookie); WebSocket upgrades also need an Origin and
 * Host of this very server, so other web pages cannot drive the lab.
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  const server = createServer((req, res) => handleHttp(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });

  function tokenOk(req: IncomingMessage): boolean {
    const url = new URL(req.url ?? '/', 'http://x');
    const given = url.searchParams.get('token') ?? cookieToken(req.headers.cookie);
    return !!given && safeEqual(given, token);
  }

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    if (!allowedHosts().includes(req.headers.host ?? '')) return deny(res, 403, 'foreign Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method not allowed');
    if (!tokenOk(req)) return deny(res, 403, 'missing or wrong token: open the URL that `coordlab serve` printed');
    const url = new URL(req.url ?? '/', 'http://x');
    const file = staticFile(opts.root, url.pathname);
    if (!file) return deny(res, 404, 'not found');
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (req, socket, head) => {
    const origin = req.headers.origin ?? '';
    const okOrigin = allowedHosts().some((h) => origin === `http://${h}`);
    const okHost = allowedHosts().includes(req.headers.host ?? '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/lab' || !okHost || !okOrigin || !tokenOk(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ws, opts.api));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new LabError(e.code === 'EADDRINUSE' ? `port ${opts.port} on 127.0.0.1 is in use; pick another with --port` : `cannot listen: ${e.message}`)),
    );
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Serves LabApi over one WebSocket. */
function bridge(ws: WebSocket, api: LabApi): void {
  const subs = new Map<number, () => void>();
  const send = (obj: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(obj));
  };
  ws.on('message', async (raw) => {
    let req: BridgeRequest;
    try {
      req = JSON.parse(String(raw));
      if (typeof req !== 'object' || req === null || typeof req.id !== 'number' || typeof req.method !== 'string' || !Array.isArray(req.args)) throw new Error('shape');
    } catch {
      return send({ id: null, error: 'malformed request' });
    }
    try {
      if (req.method === 'subscribe') {
        const un = api.subscribe(String(req.args[0]), (batch) => send({ type: 'live', sub: req.id, batch }));
        subs.set(req.id, un);
        return send({ id: req.id, result: { sub: req.id } });
      }
      if (req.method === 'unsubscribe') {
        const sub = Number(req.args[0]);
        subs.get(sub)?.();
        subs.delete(sub);
        return send({ id: req.id, result: true });
      }
      if (!isLabMethod(req.method)) throw new LabError(`unknown method ${req.method}`);
      const fn = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[req.method];
      const result = await fn.apply(api, req.args);
      send({ id: req.id, result });
    } catch (e) {
      send({ id: req.id, error: (e as Error).message });
    }
  });
  ws.on('close', () => {
    for (const un of subs.values()) un();
    subs.clear();
  });
}

function cookieToken(cookie: string | undefined): string | null {
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v) return v;
  }
  return null;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function deny(res: ServerResponse, status: number, why: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`coordlab serve: ${why}\n`);
}
