import net from 'node:net';
import type { TcpTarget } from '../config/ProbeSpec.js';
import { type CheckResult, failed } from './CheckResult.js';
import { classifyError, reasonOf } from './classifyError.js';
import { secondsSince } from './elapsed.js';

/** Opens a connection and closes it at once. Never throws and never outlives `timeoutMs`. */
export function tcpCheck(target: TcpTarget, timeoutMs: number): Promise<CheckResult> {
  const start = performance.now();
  const where = `${target.host}:${target.port}`;
  return new Promise<CheckResult>((resolve) => {
    let done = false;
    const finish = (r: CheckResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () =>
        finish(failed('timeout', secondsSince(start), `${where} did not accept a connection within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const socket = net.connect({ host: target.host, port: target.port });
    socket.once('connect', () =>
      finish({ outcome: 'success', code: '', seconds: secondsSince(start), detail: `${where} accepted` }),
    );
    socket.once('error', (err) =>
      finish(failed(classifyError(err), secondsSince(start), `${where}: ${reasonOf(err)}`)),
    );
  });
}
