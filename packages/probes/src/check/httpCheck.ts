import http from 'node:http';
import https from 'node:https';
import type { HttpTarget } from '../config/ProbeSpec.js';
import { type CheckResult, failed } from './CheckResult.js';
import { classifyError, reasonOf } from './classifyError.js';
import { secondsSince } from './elapsed.js';

/** How much of a body `expectBody` looks into: a health answer is small, a runaway stream is not read. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * One HTTP(S) request, judged by its status and body. Never throws and never outlives `timeoutMs`:
 * refused, unreachable, TLS and hanging targets each come back as a failed result.
 */
export function httpCheck(target: HttpTarget, timeoutMs: number): Promise<CheckResult> {
  const start = performance.now();
  return new Promise<CheckResult>((resolve) => {
    let done = false;
    const finish = (r: CheckResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req?.destroy();
      resolve(r);
    };
    // One deadline for connect, TLS, headers and body alike: a target that trickles is a hang too.
    const timer = setTimeout(
      () =>
        finish(failed('timeout', secondsSince(start), `no complete answer from ${target.url} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    let req: http.ClientRequest | undefined;
    try {
      const client = target.url.startsWith('https:') ? https : http;
      req = client.request(target.url, { method: target.method, headers: target.headers, agent: false }, (res) => {
        const status = res.statusCode ?? 0;
        if (!target.expectStatus.includes(status)) {
          res.resume();
          finish({
            outcome: 'server_error',
            code: status,
            seconds: secondsSince(start),
            detail: `${target.url} answered ${status}, expected ${target.expectStatus.join(' or ')}`,
          });
          return;
        }
        const expected = target.expectBody;
        if (expected === undefined || target.method === 'HEAD') {
          res.resume();
          res.on('end', () => finish(ok(target, status, start)));
          res.on('error', (err) => finish(failed(classifyError(err), secondsSince(start), reasonOf(err))));
          return;
        }
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_BODY_BYTES) body += chunk;
          if (body.includes(expected)) finish(ok(target, status, start));
          else if (body.length >= MAX_BODY_BYTES) finish(mismatch(target, start, expected));
        });
        res.on('end', () =>
          finish(body.includes(expected) ? ok(target, status, start) : mismatch(target, start, expected)),
        );
        res.on('error', (err) => finish(failed(classifyError(err), secondsSince(start), reasonOf(err))));
      });
      req.on('error', (err) =>
        finish(failed(classifyError(err), secondsSince(start), `${target.url}: ${reasonOf(err)}`)),
      );
      req.end();
    } catch (err) {
      finish(failed(classifyError(err), secondsSince(start), `${target.url}: ${reasonOf(err)}`));
    }
  });
}

function ok(target: HttpTarget, status: number, start: number): CheckResult {
  return { outcome: 'success', code: status, seconds: secondsSince(start), detail: `${target.url} answered ${status}` };
}

function mismatch(target: HttpTarget, start: number, expected: string): CheckResult {
  return failed('body_mismatch', secondsSince(start), `${target.url} answered without "${expected}" in its body`);
}
