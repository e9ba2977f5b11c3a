import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fault-injecting HTTP proxy between a branch and head office, for the sync chaos tests and
 * `npm run soak:sync`. Each request meets one fault, chosen by `pick` (seeded by the caller).
 */
export const FAULTS = [
  'pass',
  /** The connection is closed before anything reaches head office. */
  'refuse',
  /** Head office applies the request, the branch never hears the answer. */
  'drop_answer',
  /** The request waits a while before it goes on. */
  'delay',
  /** A gateway answers 503; head office sees nothing. */
  'server_error',
  /** Half the body reaches head office, then the connection is reset. */
  'reset_mid_body',
  /** The request reaches head office twice; the branch gets the second answer. */
  'duplicate',
  /** Head office's answer is cut in half. */
  'truncate_answer',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface ChaosProxy {
  url: string;
  /** Faults met so far, by kind. */
  counts: Record<Fault, number>;
  close(): Promise<void>;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer, cutAt?: number): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    up.on('error', reject);
    if (cutAt === undefined) {
      up.end(body);
    } else {
      up.write(body.subarray(0, cutAt));
      // Give the first half time to leave before the reset: head office must see a partial body.
      setTimeout(() => up.destroy(new Error('reset mid-body')), 20);
    }
  });
}

function reply(res: ServerResponse, u: Upstream, body = u.body): void {
  const headers: Record<string, string | string[] | undefined> = { ...u.headers, 'content-length': String(body.length) };
  delete headers['transfer-encoding'];
  res.writeHead(u.status, headers);
  res.end(body);
}

export async function startChaosProxy(target: string, pick: () => Fault, delayMs = 50): Promise<ChaosProxy> {
  const upstream = new URL(target);
  const counts = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fault = pick();
    counts[fault]++;
    const body = await readAll(req);
    switch (fault) {
      case 'refuse':
        req.socket.destroy();
        return;
      case 'server_error':
        res.writeHead(503, { 'content-type': 'text/plain' }).end('gateway down');
        return;
      case 'reset_mid_body':
        await forward(upstream, req, body, Math.floor(body.length / 2)).catch(() => null);
        req.socket.destroy();
        return;
      case 'drop_answer':
        await forward(upstream, req, body).catch(() => null);
        req.socket.destroy();
        return;
      case 'duplicate': {
        await forward(upstream, req, body).catch(() => null);
        reply(res, await forward(upstream, req, body));
        return;
      }
      case 'truncate_answer': {
        const u = await forward(upstream, req, body);
        reply(res, u, u.body.subarray(0, Math.floor(u.body.length / 2)));
        return;
      }
      case 'delay':
        await new Promise((r) => setTimeout(r, delayMs));
        reply(res, await forward(upstream, req, body));
        return;
      case 'pass':
        reply(res, await forward(upstream, req, body));
        return;
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
