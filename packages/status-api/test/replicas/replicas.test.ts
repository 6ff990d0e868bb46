import { startHaproxy } from '@hartslag/testkit';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPS_TOKEN, startTopology, type Topology } from './topology.js';

/**
 * Partner badge traffic: ≈5,000 pharmacies whose software vendors show our badge and poll it
 * once a minute ≈ 83 requests/s. The test runs ten times that.
 */
const EXPECTED_BADGE_RPS = 5_000 / 60;
const LOAD_RPS = Math.round(EXPECTED_BADGE_RPS * 10);

const incident = {
  title: { nl: 'Medicatiehistorie traag', en: 'Medication history slow' },
  impact: 'major',
  components: ['medication-history'],
  body: { nl: 'We onderzoeken vertraging.' },
};
const token = { authorization: `Bearer ${OPS_TOKEN}` };
const bearer = { ...token, 'content-type': 'application/json' };

describe('hartslag-status replicas on one PostgreSQL behind haproxy', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology(2);
  }, 120_000);
  afterAll(async () => {
    await topology?.stop();
  });

  it('an incident written through one replica is served by the other within 1 s; tokens and audit are the same on both', async () => {
    const [r1, r2] = topology.replicas as [(typeof topology.replicas)[0], (typeof topology.replicas)[0]];
    const sent = Date.now();
    const res = await fetch(`${r1.url}/v1/incidents`, {
      method: 'POST',
      headers: bearer,
      body: JSON.stringify(incident),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    let seenAfter: number | undefined;
    while (Date.now() - sent < 5_000) {
      const status = (await (await fetch(`${r2.url}/v1/status?lang=en`)).json()) as { incidents: { id: number }[] };
      if (status.incidents.some((i) => i.id === id)) {
        seenAfter = Date.now() - sent;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log(`incident written through ${r1.name} served by ${r2.name} after ${seenAfter} ms`);
    // The refresh is 1 s: only the NOTIFY path can make this reliably, the refresh alone would not.
    expect(seenAfter).toBeDefined();
    expect(seenAfter).toBeLessThan(1_000);

    // The same token works on the other replica, and the audit there shows the first one's write.
    const resolved = await fetch(`${r2.url}/v1/incidents/${id}/resolve`, { method: 'POST', headers: token });
    expect(resolved.status).toBe(200);
    const audit = (await (await fetch(`${r1.url}/v1/audit`, { headers: token })).json()) as {
      entries: { action: string; target: string; actor: string }[];
    };
    expect(audit.entries.map((e) => [e.action, e.target, e.actor])).toEqual([
      ['incident.resolve', `incident:${id}`, 'ops-team'],
      ['incident.create', `incident:${id}`, 'ops-team'],
    ]);
    const unknown = await fetch(`${topology.haproxy.url}/v1/audit`, { headers: { authorization: 'Bearer wrong' } });
    expect(unknown.status).toBe(401);
  });

  it(`serves ${LOAD_RPS} badge requests/s (10× the expected partner traffic) with 0 failures while a replica is killed with kill -9 and restarted; writes retried with their key land once`, async () => {
    const r1 = topology.replicas[0]!;
    const seconds = 15;
    const load = autocannon({
      url: `${topology.haproxy.url}/badge/medication-history.svg`,
      connections: 20,
      overallRate: LOAD_RPS,
      duration: seconds,
    });
    let killedAt = 0;
    let backAt = 0;
    const chaos = (async () => {
      await new Promise((r) => setTimeout(r, 3_000));
      killedAt = Date.now();
      await r1.kill9();
      await r1.start();
      backAt = Date.now();
    })();
    // Meanwhile an operator's tool posts incidents through haproxy and, like any careful client,
    // retries a write whose answer it did not get, with the same Idempotency-Key.
    const writes = { sent: 0, retried: 0, failed: 0, ids: new Set<number>() };
    const writer = (async () => {
      const until = Date.now() + (seconds - 1) * 1000;
      while (Date.now() < until) {
        const key = `kill-test-${++writes.sent}`;
        let id: number | undefined;
        for (let attempt = 0; attempt < 5 && id === undefined; attempt++) {
          if (attempt > 0) writes.retried++;
          try {
            const res = await fetch(`${topology.haproxy.url}/v1/incidents`, {
              method: 'POST',
              headers: { ...bearer, 'idempotency-key': key },
              body: JSON.stringify({ ...incident, title: { nl: `kill-test ${key}` } }),
            });
            if (res.status === 201) id = ((await res.json()) as { id: number }).id;
            else await res.arrayBuffer();
          } catch {
            // Connection cut: retried with the same key.
          }
        }
        if (id === undefined) writes.failed++;
        else writes.ids.add(id);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const [result] = await Promise.all([load, chaos, writer]);
    const failed = result.errors + result.timeouts + result.non2xx;
    console.log(
      `badge load: ${result.requests.total} requests in ${seconds} s (${LOAD_RPS}/s asked), ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms, ` +
        `failed ${failed}; ${r1.name} killed and back after ${backAt - killedAt} ms`,
    );
    // Every write landed once: as many incidents as keys, none doubled by a retry.
    const stored = (await (await fetch(`${topology.haproxy.url}/v1/incidents?limit=100`)).json()) as {
      incidents: { id: number; name: string }[];
    };
    const mine = stored.incidents.filter((i) => i.name.startsWith('kill-test '));
    console.log(
      `writes: ${writes.sent} sent, ${writes.retried} retried, ${writes.failed} failed, ${mine.length} stored`,
    );
    expect(writes.failed).toBe(0);
    expect(writes.sent).toBeGreaterThan(10);
    expect(writes.sent).toBeLessThan(100);
    expect(mine.length).toBe(writes.sent);
    expect(new Set(mine.map((i) => i.id))).toEqual(writes.ids);
    expect(killedAt).toBeGreaterThan(0);
    expect(backAt).toBeGreaterThan(killedAt);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
      errors: 0,
      timeouts: 0,
      non2xx: 0,
    });
    // Most of what was asked was served: the kill cost time, not requests.
    expect(result['2xx']).toBe(result.requests.total);
    expect(result.requests.total).toBeGreaterThan(LOAD_RPS * seconds * 0.5);
  }, 90_000);

  it("an edge read limit in haproxy holds one figure per client over all replicas, in the service's error shape", async () => {
    const edge = await startHaproxy({
      servers: topology.replicas.map((r) => ({ name: r.name, port: r.port })),
      readsPerMinute: 4,
    });
    try {
      const statuses: number[] = [];
      let refused: Response | undefined;
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`${edge.url}/badge/medication-history.svg`);
        statuses.push(res.status);
        if (res.status === 429) refused ??= res;
        else await res.arrayBuffer();
      }
      // Round robin sent these to both replicas; the fifth is over the limit all the same.
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      expect(refused?.headers.get('retry-after')).toBe('60');
      expect(await refused?.json()).toMatchObject({ code: 'HARTSLAG_ERR_HTTP_RATE_LIMITED', statusCode: 429 });
    } finally {
      await edge.stop();
    }
  });
});
