import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real server on 127.0.0.1 and a free port; `close` ends it and its connections. */
export interface Running {
  port: number;
  close(): Promise<void>;
}

export async function listen(server: net.Server): Promise<Running> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: net.Socket) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP server answering `status` and `body` on every path. */
export function httpServer(status: number, body: string): Promise<Running> {
  return listen(
    http.createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    }),
  );
}

/** Accepts connections and never answers: a hung target. */
export function hangingServer(): Promise<Running> {
  return listen(net.createServer(() => {}));
}

/** A port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const r = await listen(net.createServer());
  await r.close();
  return r.port;
}

/** An HTTPS server with a self-signed certificate made by openssl: what a misconfigured target shows. */
export function selfSignedHttpsServer(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'probes-tls-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]),
      { stdio: 'ignore' },
    );
    const key = readFileSync(join(dir, 'key.pem'));
    const cert = readFileSync(join(dir, 'cert.pem'));
    return listen(
      https.createServer({ key, cert }, (_req, res) => {
        res.end('ok');
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
