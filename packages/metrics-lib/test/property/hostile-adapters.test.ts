/**
 * The fastify plugin and the http middleware under hostile requests and resolvers (issue 24):
 * every request counted once, no exception escapes, every output parses and holds no fed-in
 * patient data. Recording's own properties are in hostile-recording.test.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import fc from 'fast-check';
import Fastify from 'fastify';
import { inject } from 'light-my-request';
import { describe, expect, it } from 'vitest';
import { careMetricsMiddleware, careMetricsPlugin, createCareMetrics, type LabelValue } from '../../src/index.js';
import { parseExposition } from '../support/exposition.js';
import { hostileValue, type Make, SECRETS } from '../support/hostile.js';
import { outputChecks, quiet, runs, SMALL, TIMEOUT, total } from '../support/outputs.js';

const checkOutputs = outputChecks();

/** What the next request's resolvers return (or throw, for THROW). */
const THROW = Symbol('throw');
interface RequestPlan {
  tenant: Make | typeof THROW;
  vendor: Make | typeof THROW;
  operation: Make | typeof THROW;
  reason: Make;
  header: string | string[] | undefined;
}
let plan: RequestPlan;
const resolve = (v: Make | typeof THROW) => {
  if (v === THROW) throw Symbol('resolver');
  return v() as LabelValue;
};

const headerValue = fc.oneof(
  fc.constant(undefined),
  fc.stringMatching(/^[ -~]{0,20}$/),
  fc.tuple(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.stringMatching(/^[a-z0-9-]{1,12}$/)).map((a) => [...a]),
  fc.constantFrom(...SECRETS.slice(0, 4)),
);
const resolved = fc.oneof({ arbitrary: hostileValue, weight: 8 }, { arbitrary: fc.constant(THROW), weight: 1 });
const requestPlan: fc.Arbitrary<RequestPlan> = fc.record({
  tenant: resolved,
  vendor: resolved,
  operation: resolved,
  reason: hostileValue,
  header: headerValue,
});

describe('adapters under hostile requests and resolvers', () => {
  it(
    'fastify: every request is counted once, no exception escapes, the scrape always parses',
    async () => {
      const metrics = createCareMetrics({ service: 'hub', ...quiet, ...SMALL });
      const app = Fastify();
      await app.register(careMetricsPlugin, {
        metrics,
        tenant: () => resolve(plan.tenant),
        vendor: 'x-vendor',
        operation: (req) => (req.url.startsWith('/custom') ? resolve(plan.operation) : req.routeOptions.url!),
      });
      app.get('/custom/:id', async (_req, reply) =>
        reply
          .careReason(plan.reason() as string)
          .code(403)
          .send(),
      );
      for (const [path, operation] of [
        ['/n', 42],
        ['/sym', Symbol('op')],
        ['/np', Object.create(null)],
        ['/bsn', SECRETS[0]],
      ] as const) {
        app.get(path, { config: { operation: operation as string } }, async () => 'ok');
      }
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(
          requestPlan,
          fc.constantFrom('/custom/1', '/n', '/sym', '/np', '/bsn', '/nowhere'),
          async (p, url) => {
            plan = p;
            const headers = p.header === undefined ? {} : { 'x-vendor': p.header };
            const res = await app.inject({ method: 'GET', url, headers });
            requests++;
            expect(res.statusCode).toBeLessThan(500);
          },
        ),
        { numRuns: runs(0.04) },
      );
      const scraped = await app.inject({ method: 'GET', url: '/metrics' });
      expect(scraped.statusCode).toBe(200);
      const samples = parseExposition(scraped.body).samples;
      expect(total(samples, 'care_calls_total{')).toBe(requests);
      for (const s of SECRETS) expect(scraped.body).not.toContain(s);
      await checkOutputs(metrics);
      await app.close();
    },
    TIMEOUT,
  );

  it(
    'http middleware: every request is counted once, no exception escapes, the scrape always parses',
    async () => {
      const metrics = createCareMetrics({ service: 'hub', ...quiet, ...SMALL });
      const mw = careMetricsMiddleware({
        metrics,
        operation: () => resolve(plan.operation),
        tenant: () => resolve(plan.tenant),
        vendor: 'x-vendor',
      });
      const dispatch = (req: IncomingMessage, res: ServerResponse) => {
        mw(req, res);
        res.statusCode = 200;
        res.end('ok');
      };
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(requestPlan, async (p) => {
          plan = p;
          const headers = p.header === undefined ? {} : { 'x-vendor': p.header };
          const res = await inject(dispatch, { method: 'GET', url: '/x', headers });
          requests++;
          expect(res.statusCode).toBe(200);
        }),
        { numRuns: runs(0.04) },
      );
      const { samples } = await checkOutputs(metrics);
      expect(total(samples, 'care_calls_total{')).toBe(requests);
    },
    TIMEOUT,
  );
});
