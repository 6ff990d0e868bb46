import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcHealthCheck } from '../../src/check/grpcHealthCheck.js';
import { httpCheck } from '../../src/check/httpCheck.js';
import { tcpCheck } from '../../src/check/tcpCheck.js';
import type { HttpTarget } from '../../src/config/ProbeSpec.js';
import { grpcHealthServer } from '../support/grpcHealthServer.js';
import { closedPort, hangingServer, httpServer, type Running, selfSignedHttpsServer } from '../support/servers.js';

const running: Running[] = [];
const keep = async (r: Promise<Running>) => {
  const s = await r;
  running.push(s);
  return s;
};
afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
});

function http(url: string, extra: Partial<HttpTarget> = {}): HttpTarget {
  return { kind: 'http', url, method: 'GET', expectStatus: [200], headers: {}, ...extra };
}

// Generous: a loaded 2-core machine; the hang tests wait for it on purpose.
const TIMEOUT = 2_000;

describe('the HTTP check', () => {
  let healthy: Running;
  let failing: Running;
  beforeAll(async () => {
    healthy = await keep(httpServer(200, 'status: ok'));
    failing = await keep(httpServer(503, 'down'));
  });

  it('passes a target that answers an expected status with the expected text', async () => {
    const r = await httpCheck(http(`http://127.0.0.1:${healthy.port}/health`, { expectBody: 'ok' }), TIMEOUT);
    expect(r).toMatchObject({ outcome: 'success', code: 200 });
    expect(r.seconds).toBeGreaterThanOrEqual(0);
  });

  it('fails an unexpected status with that status as the code', async () => {
    const r = await httpCheck(http(`http://127.0.0.1:${failing.port}/`), TIMEOUT);
    expect(r).toMatchObject({ outcome: 'server_error', code: 503 });
    expect(r.detail).toContain('answered 503, expected 200');
  });

  it('accepts any listed status', async () => {
    const r = await httpCheck(http(`http://127.0.0.1:${failing.port}/`, { expectStatus: [200, 503] }), TIMEOUT);
    expect(r).toMatchObject({ outcome: 'success', code: 503 });
  });

  it('fails a body without the expected text as body_mismatch', async () => {
    const r = await httpCheck(http(`http://127.0.0.1:${healthy.port}/`, { expectBody: 'SERVING' }), TIMEOUT);
    expect(r).toMatchObject({ outcome: 'server_error', code: 'body_mismatch' });
  });

  it('reports a refused connection as refused', async () => {
    const r = await httpCheck(http(`http://127.0.0.1:${await closedPort()}/`), TIMEOUT);
    expect(r).toMatchObject({ outcome: 'server_error', code: 'refused' });
  });

  it('reports a target that accepts and never answers as a timeout, after the timeout', async () => {
    const hang = await keep(hangingServer());
    const r = await httpCheck(http(`http://127.0.0.1:${hang.port}/`), 300);
    expect(r).toMatchObject({ outcome: 'timeout', code: 'timeout' });
    expect(r.seconds).toBeGreaterThanOrEqual(0.29);
  });

  it('reports a self-signed certificate as a TLS failure', async () => {
    const tls = await keep(selfSignedHttpsServer());
    const r = await httpCheck(http(`https://127.0.0.1:${tls.port}/`), TIMEOUT);
    expect(r).toMatchObject({ outcome: 'server_error', code: 'tls' });
  });

  it('reports plain HTTP answered with TLS bytes as a protocol failure, not a crash', async () => {
    const tls = await keep(selfSignedHttpsServer());
    const r = await httpCheck(http(`http://127.0.0.1:${tls.port}/`), TIMEOUT);
    expect(r.outcome).toBe('server_error');
    expect(['protocol', 'refused']).toContain(r.code);
  });

  it('reports a name that does not resolve as unreachable', async () => {
    // .invalid never resolves (RFC 2606).
    const r = await httpCheck(http('http://probe-target.invalid/'), TIMEOUT);
    expect(r).toMatchObject({ outcome: 'server_error', code: 'unreachable' });
  });
});

describe('the TCP check', () => {
  it('passes a port that accepts, with no code', async () => {
    const s = await keep(httpServer(200, 'ok'));
    expect(await tcpCheck({ kind: 'tcp', host: '127.0.0.1', port: s.port }, TIMEOUT)).toMatchObject({
      outcome: 'success',
      code: '',
    });
  });

  it('reports a closed port as refused', async () => {
    const r = await tcpCheck({ kind: 'tcp', host: '127.0.0.1', port: await closedPort() }, TIMEOUT);
    expect(r).toMatchObject({ outcome: 'server_error', code: 'refused' });
  });
});

describe('the gRPC health check', () => {
  let server: { port: number; close(): Promise<void> };
  beforeAll(async () => {
    server = await grpcHealthServer(
      new Map([
        ['', 1],
        ['records', 1],
        ['video', 2],
      ]),
    );
  });
  afterAll(() => server.close());
  const grpc = (service: string, port = server.port) =>
    grpcHealthCheck({ kind: 'grpc', host: '127.0.0.1', port, service, tls: false }, TIMEOUT);

  it('passes a server, and a service, that are SERVING', async () => {
    expect(await grpc('')).toMatchObject({ outcome: 'success', code: 'SERVING' });
    expect(await grpc('records')).toMatchObject({ outcome: 'success', code: 'SERVING' });
  });

  it('fails a NOT_SERVING service with that status', async () => {
    expect(await grpc('video')).toMatchObject({ outcome: 'server_error', code: 'NOT_SERVING' });
  });

  it('fails an unknown service with the gRPC status NOT_FOUND', async () => {
    expect(await grpc('billing')).toMatchObject({ outcome: 'server_error', code: 'NOT_FOUND' });
  });

  it('reports a refused port as refused', async () => {
    expect(await grpc('', await closedPort())).toMatchObject({ outcome: 'server_error', code: 'refused' });
  });

  it('reports an HTTP/1 server as a protocol failure', async () => {
    const s = await keep(httpServer(200, 'ok'));
    const r = await grpc('', s.port);
    expect(r.outcome).toBe('server_error');
    expect(['protocol', 'refused']).toContain(r.code);
  });

  it('reports a hung server as a timeout', async () => {
    const hang = await keep(hangingServer());
    const r = await grpcHealthCheck({ kind: 'grpc', host: '127.0.0.1', port: hang.port, service: '', tls: false }, 300);
    expect(r).toMatchObject({ outcome: 'timeout', code: 'timeout' });
  });
});
