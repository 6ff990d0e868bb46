import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import { postgresBackend } from '../store/backends.js';
import { auth, statusApi, TOKENS } from './support.js';

const postgres = postgresBackend();

const incident = {
  title: { nl: 'Traag' },
  impact: 'minor',
  components: ['medication-history'],
  body: { nl: 'We kijken.' },
};

describe('the write rate limit behind a load balancer', () => {
  beforeAll(() => postgres.start(), 60_000);
  afterAll(() => postgres.stop());

  it('counts the writes of one client on every replica together', async () => {
    const options = await postgres.fresh();
    const limits = { readsPerMinute: 1000, writesPerMinute: 3 };
    const a = await statusApi({ store: await openStore(options), closeStore: true, rateLimit: limits });
    const b = await statusApi({ store: await openStore(options), closeStore: true, rateLimit: limits });
    // Both replicas read one clock, as hosts synchronised by NTP do: the window is the same minute.
    b.clock.now = a.clock.now;
    try {
      const write = (replica: typeof a) =>
        replica.app.inject({ method: 'POST', url: '/v1/incidents', headers: auth(TOKENS.ops), payload: incident });
      const codes = [];
      for (const replica of [a, b, a, b, a]) codes.push((await write(replica)).statusCode);
      expect(codes).toEqual([201, 201, 201, 429, 429]);
      // The next minute starts a new count.
      a.clock.now += 60_000;
      b.clock.now += 60_000;
      expect((await write(b)).statusCode).toBe(201);
    } finally {
      await a.app.close();
      await b.app.close();
    }
  });
});
