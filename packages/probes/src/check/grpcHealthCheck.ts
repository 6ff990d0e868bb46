import http2 from 'node:http2';
import { grpcStatusName } from '@hartslag/metrics/contract';
import type { GrpcTarget } from '../config/ProbeSpec.js';
import { type CheckResult, failed } from './CheckResult.js';
import { classifyError, reasonOf } from './classifyError.js';
import { secondsSince } from './elapsed.js';

// grpc.health.v1 (https://github.com/grpc/grpc/blob/master/doc/health-checking.md): one unary call
// with a one-field request. Spoken over node:http2 directly rather than through @grpc/grpc-js: its
// channel retries and backs off on its own clock, and a probe must report this run's answer, within
// this run's deadline, as refused, TLS or timeout.
const PATH = '/grpc.health.v1.Health/Check';
const SERVING_STATUS = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'] as const;

/** Asks the server's health service; SERVING passes. Never throws and never outlives `timeoutMs`. */
export function grpcHealthCheck(target: GrpcTarget, timeoutMs: number): Promise<CheckResult> {
  const start = performance.now();
  const authority = `${target.tls ? 'https' : 'http'}://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const what = `${target.host}:${target.port}${target.service === '' ? '' : ` (${target.service})`}`;
  return new Promise<CheckResult>((resolve) => {
    let done = false;
    let session: http2.ClientHttp2Session | undefined;
    const finish = (r: CheckResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      session?.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish(failed('timeout', secondsSince(start), `no health answer from ${what} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const fail = (err: unknown) => finish(failed(classifyError(err), secondsSince(start), `${what}: ${reasonOf(err)}`));
    try {
      session = http2.connect(authority);
      session.on('error', fail);
      const stream = session.request({
        ':method': 'POST',
        ':path': PATH,
        'content-type': 'application/grpc',
        te: 'trailers',
        'grpc-timeout': `${Math.max(1, timeoutMs)}m`,
      });
      const chunks: Buffer[] = [];
      let headerStatus: string | undefined;
      let message = '';
      stream.on('response', (headers) => {
        const type = String(headers['content-type'] ?? '');
        if (!type.startsWith('application/grpc')) {
          finish(failed('protocol', secondsSince(start), `${what} answered ${type || 'no content type'}, not gRPC`));
        }
        // A trailers-only answer (e.g. UNIMPLEMENTED) carries grpc-status in the headers.
        if (headers['grpc-status'] !== undefined) headerStatus = String(headers['grpc-status']);
        if (headers['grpc-message'] !== undefined) message = String(headers['grpc-message']);
      });
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('trailers', (trailers) => {
        headerStatus = String(trailers['grpc-status'] ?? headerStatus ?? '');
        if (trailers['grpc-message'] !== undefined) message = String(trailers['grpc-message']);
      });
      stream.on('end', () => finish(judge(what, headerStatus, message, Buffer.concat(chunks), start)));
      stream.on('error', fail);
      stream.end(frame(target.service));
    } catch (err) {
      fail(err);
    }
  });
}

function judge(
  what: string,
  grpcStatus: string | undefined,
  message: string,
  body: Buffer,
  start: number,
): CheckResult {
  const seconds = secondsSince(start);
  const n = Number(grpcStatus);
  if (grpcStatus === undefined || grpcStatus === '' || !Number.isInteger(n)) {
    return failed('protocol', seconds, `${what} ended the call without a gRPC status`);
  }
  if (n !== 0) {
    const name = grpcStatusName(n);
    const outcome = name === 'DEADLINE_EXCEEDED' ? 'timeout' : 'server_error';
    return {
      outcome,
      code: name,
      seconds,
      detail: `${what} answered gRPC status ${name}${message === '' ? '' : `: ${decodeURIComponent(message).slice(0, 200)}`}`,
    };
  }
  const serving = readStatus(body);
  if (serving === undefined) return failed('protocol', seconds, `${what} sent a health answer that does not parse`);
  const name = SERVING_STATUS[serving] ?? 'UNKNOWN';
  return {
    outcome: name === 'SERVING' ? 'success' : 'server_error',
    code: name,
    seconds,
    detail: `${what} is ${name}`,
  };
}

/** A gRPC message frame (uncompressed flag, 4-byte length) around HealthCheckRequest { service = 1 }. */
function frame(service: string): Buffer {
  const name = Buffer.from(service, 'utf8');
  const message = name.length === 0 ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0x0a]), varint(name.length), name]);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(message.length, 1);
  return Buffer.concat([head, message]);
}

function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return Buffer.from(out);
}

/** HealthCheckResponse { status = 1 (enum) } from one frame; an empty message is status 0. */
function readStatus(body: Buffer): number | undefined {
  if (body.length < 5 || body[0] !== 0) return undefined;
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) return undefined;
  const msg = body.subarray(5, 5 + length);
  let status = 0;
  let i = 0;
  while (i < msg.length) {
    const tag = msg[i++]!;
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      if (i >= msg.length) return undefined;
      byte = msg[i++]!;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80 && shift < 35);
    // Unknown fields of other wire types would need skipping; the health answer has only field 1.
    if (tag === 0x08) status = value;
    else if ((tag & 7) !== 0) return undefined;
  }
  return status;
}
