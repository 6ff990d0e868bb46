import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createReferencePlatform, type ReferencePlatform } from '@hartslag/reference-platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify, TrafficClient } from '../../src/traffic/TrafficClient.js';

let platform: ReferencePlatform;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hartslag-demo-traffic-'));
  platform = await createReferencePlatform({ dataDir, port: 0, latencyScale: 0, deliveryMs: 0, callTimeoutMs: 300 });
});
afterAll(async () => {
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The platform's own count of one series, from its /metrics. */
async function count(series: string): Promise<number> {
  const text = await (await fetch(`${platform.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function settle(client: TrafficClient): Promise<void> {
  while (client.pending > 0) await new Promise((r) => setTimeout(r, 10));
}

describe('the traffic client, against the reference platform', () => {
  it('logs a provider in once a simulated day, then calls with its token, telling each answer’s minute', async () => {
    const answered: number[] = [];
    const client = new TrafficClient({
      baseUrl: platform.url!,
      issueToken: (u, t) => platform.issueToken(u, t),
      timeoutMs: 5_000,
      onAnswered: (minute) => answered.push(minute),
    });
    const call = { minute: 0, kind: 'care', tenant: 'pharmacy-003', provider: 'provider-0007' } as const;
    const logins = () =>
      count('care_calls_total{service="reference-platform",operation="login",outcome="success",code="200"}');
    const before = await logins();
    for (const operation of [
      'fetch-medication-history',
      'fetch-prescription',
      'register-dispensation',
      'send-message',
    ] as const) {
      client.send({ ...call, operation }, 0);
    }
    await settle(client);
    expect(await logins()).toBe(before + 1);
    client.send({ ...call, minute: 60_000, operation: 'fetch-prescription' }, 1);
    await settle(client);
    expect(await logins()).toBe(before + 2);
    expect(client.counts).toEqual({ total: 7, ok: 7, denied: 0, failed: 0, hungUp: 0 });
    // Care calls only: the two logins are not what the panel counts.
    expect(answered.sort((a, b) => a - b)).toEqual([0, 0, 0, 0, 60_000]);
    await client.close();
  });

  it('counts pharmacies without a contract as refused, at log-in and on calls', async () => {
    const client = new TrafficClient({
      baseUrl: platform.url!,
      issueToken: (u, t) => platform.issueToken(u, t),
      timeoutMs: 5_000,
    });
    client.send({ minute: 0, kind: 'denied-login', tenant: 'pharmacy-nocontract-1', provider: 'provider-2001' }, 0);
    client.send(
      {
        minute: 0,
        kind: 'denied-call',
        tenant: 'pharmacy-nocontract-2',
        provider: 'provider-2002',
        operation: 'fetch-prescription',
      },
      0,
    );
    await settle(client);
    expect(client.counts).toEqual({ total: 2, ok: 0, denied: 2, failed: 0, hungUp: 0 });
    expect(
      await count(
        'care_calls_total{service="reference-platform",operation="fetch-prescription",outcome="denied",code="no_contract"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    await client.close();
  });

  it('sees a stalled call hung up by the platform, which records it as a timeout', async () => {
    const client = new TrafficClient({
      baseUrl: platform.url!,
      issueToken: (u, t) => platform.issueToken(u, t),
      timeoutMs: 5_000,
    });
    platform.faults.set({ stall: true, operations: ['fetch-medication-history'] });
    try {
      client.send(
        {
          minute: 0,
          kind: 'care',
          tenant: 'pharmacy-004',
          provider: 'provider-0010',
          operation: 'fetch-medication-history',
        },
        0,
      );
      await settle(client);
    } finally {
      platform.faults.set({});
    }
    expect(client.counts).toMatchObject({ ok: 1, hungUp: 1 });
    expect(
      await count(
        'care_calls_total{service="reference-platform",operation="fetch-medication-history",outcome="timeout",code="connection_timeout"}',
      ),
    ).toBe(1);
    await client.close();
  });
});

describe('classify', () => {
  it('sorts answers by who is at fault, and anything thrown as a hang-up', () => {
    expect([200, 202, 401, 403, 429, 404, 503, 504].map(classify)).toEqual([
      'ok',
      'ok',
      'denied',
      'denied',
      'denied',
      'failed',
      'failed',
      'failed',
    ]);
    expect(classify(new TypeError('fetch failed'))).toBe('hung-up');
  });
});
