import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METRICS } from '@hartslag/metrics';
import { createReferencePlatform, TENANTS } from '@hartslag/reference-platform';
import { afterAll, describe, expect, it } from 'vitest';
import { Logwatch, readConfig } from '../../src/index.js';

const examples = new URL('../../examples/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'logwatch-platform-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The call and tenant samples of an exposition that counted something, sorted. */
function counted(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${METRICS.calls}{`) || l.startsWith(`${METRICS.tenantCalls}{`))
    .filter((l) => !l.endsWith(' 0'))
    .sort();
}

describe('the reference platform access log through logwatch', () => {
  it('gives the same call and tenant series as the platform records itself', async () => {
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    const platform = await createReferencePlatform({
      dataDir: join(dir, 'platform'),
      latencyScale: 0,
      deliveryMs: 0,
      accessLog: join(logs, 'platform-access.log'),
    });
    const withContract = TENANTS.filter((t) => t.contract).slice(0, 3);
    const without = TENANTS.find((t) => !t.contract)!;
    const call = (method: 'GET' | 'POST', url: string, tenant?: string, payload?: object) =>
      platform.app.inject({
        method,
        url,
        headers:
          tenant === undefined ? {} : { authorization: `Bearer ${platform.issueToken('provider-0042', tenant)}` },
        ...(payload === undefined ? {} : { payload }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = withContract[i % withContract.length]!.id;
      statuses.push((await call('GET', `/medication-history/p-${i}`, t)).statusCode);
      statuses.push((await call('GET', `/prescriptions/rx-${i}`, t)).statusCode);
      if (i % 3 === 0) statuses.push((await call('POST', '/messages', t, { to: 42 })).statusCode);
      if (i % 5 === 0) statuses.push((await call('GET', `/medication-history/p-${i}`, without.id)).statusCode);
      if (i % 7 === 0) statuses.push((await call('GET', `/medication-history/p-${i}`)).statusCode);
    }
    const own = await platform.metrics.registry!.metrics();
    await platform.close();
    // The mix holds successes, a bad request, no contract and no token.
    expect(new Set(statuses)).toEqual(new Set([200, 400, 403, 401]));

    const file = join(examples, 'reference-platform.yaml');
    const config = readConfig(readFileSync(file, 'utf8'), file);
    const source = { ...config.sources[0]!, path: join(logs, 'platform-access.log*') };
    const logwatch = new Logwatch(
      { ...config, checkpoint: { dir: join(dir, 'state'), intervalSeconds: 1 }, sources: [source] },
      { onWarning: () => {} },
    );
    logwatch.tick();
    expect(logwatch.recorded).toBe(statuses.length);
    const fromLog = await logwatch.metrics.registry!.metrics();
    logwatch.close();
    expect(counted(fromLog)).toEqual(counted(own));
    expect(counted(own).some((l) => l.includes('outcome="denied",code="no_contract"'))).toBe(true);
  });
});
