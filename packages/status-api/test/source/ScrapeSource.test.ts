import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCareMetrics, createSloEvaluator, type SloEvaluator, type SloObjective } from '@hartslag/metrics';
import { freePort } from '@hartslag/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedSource } from '../../src/source/EmbeddedSource.js';
import { ScrapeSource } from '../../src/source/ScrapeSource.js';
import { SourceError } from '../../src/source/SourceError.js';
import type { SloFigures } from '../../src/state/State.js';

const MONDAY_TEN = Date.UTC(2025, 0, 6, 10);
const HISTORY = 'fetch-medication-history';
const OBJECTIVES: SloObjective[] = [
  {
    name: HISTORY,
    operation: HISTORY,
    objective: 0.999,
    window: 30 * 86_400,
    maxOutage: { limit: 600, warnAfter: 300, errorRatio: 0.5 },
    silence: { detectWithin: 120, baselineWeeks: 1, minExpectedRate: 0.1, ratio: 0.25 },
  },
  { name: 'send-prescription', operation: 'send-prescription', objective: 0.99, window: 30 * 86_400 },
];

const closers: Array<() => unknown> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

/**
 * A real instrumented service: CareMetrics and its in-process SLO evaluator on a prom-client
 * registry, served at /metrics by fastify on 127.0.0.1. The evaluator ticks every 30 s of a fake
 * clock, only when the test runs traffic.
 */
async function service(options: { namespace?: string; evaluator?: boolean } = {}) {
  const registry = new Registry();
  const metrics = createCareMetrics({
    service: 'medication-history',
    registry,
    ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
  });
  let now = MONDAY_TEN;
  let evaluator: SloEvaluator | undefined;
  if (options.evaluator ?? true) {
    evaluator = createSloEvaluator(metrics, OBJECTIVES, { now: () => now, autoStart: false });
    evaluator.tick();
    closers.push(() => evaluator?.close());
  }
  const run = (seconds: number, ok: number, failed: number) => {
    for (let t = 0; t < seconds; t += 30) {
      now += 30_000;
      for (let i = 0; i < ok; i++) metrics.recordCall({ operation: HISTORY, outcome: 'success', code: 200 });
      for (let i = 0; i < failed; i++) metrics.recordCall({ operation: HISTORY, outcome: 'server_error', code: 503 });
      evaluator?.tick();
    }
  };
  const app: FastifyInstance = Fastify({ logger: false });
  app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  closers.push(() => app.close());
  return { url: `${base}/metrics`, run, evaluator };
}

/** A plain HTTP server answering every request with `handler`. */
async function serve(handler: RequestListener): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
}

/**
 * What the evaluator itself says of an SLO, as the gauges can carry it: each alert name and
 * severity once (the burn-rate alert fires per window pair; the gauge has no window label), in
 * the scrape's order; the call rate only when there were calls (a zero rate has no sample); the
 * coverage of the SLO window as it is, so a scraped service says "collecting data (x%)" alike.
 */
async function inProcess(evaluator: SloEvaluator, slo: string): Promise<SloFigures> {
  const figures = (await new EmbeddedSource(evaluator).read()).slos.get(slo)!;
  if (figures.callRate === 0) delete figures.callRate;
  const names = [...new Set(figures.firing.map((a) => `${a.alertname} ${a.severity}`))].sort();
  figures.firing = names.map((n) => {
    const [alertname, severity] = n.split(' ') as [string, string];
    return { alertname, severity };
  });
  return figures;
}

async function failure(source: ScrapeSource): Promise<SourceError> {
  const err = await source.read().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

describe('ScrapeSource against a service instrumented with @hartslag/metrics', () => {
  it('is of kind embedded: the in-process figures, from across a socket', () => {
    expect(new ScrapeSource({ url: 'http://127.0.0.1:1/metrics' }).kind).toBe('embedded');
  });

  it('reads healthy traffic as budget left, nothing firing and no outage, dated by the scrape', async () => {
    const svc = await service();
    svc.run(10 * 60, 10, 0);
    const reading = await new ScrapeSource({ url: svc.url, now: () => 42 }).read();
    expect(reading.at).toBe(42);
    expect(reading.slos.get(HISTORY)).toEqual({
      slo: HISTORY,
      budgetRemaining: 1,
      errorRatio5m: 0,
      outage: { active: false, seconds: 0, limit: 600 },
      silent: false,
      // 10 calls every 30 s, from the calls-per-second gauge.
      callRate: 10 / 30,
      judgeable: true,
      // The history holds the 10 minutes since the evaluator began counting, of 30 days: collecting data.
      coverage: { ratio: 600 / (30 * 86_400), window: 30 * 86_400, collecting: true },
      firing: [],
    });
    expect(reading.slos.get(HISTORY)).toEqual(await inProcess(svc.evaluator!, HISTORY));
    // No calls to send-prescription: no figures, only "too few calls to judge".
    expect([...reading.slos.keys()]).toEqual([HISTORY, 'send-prescription']);
    expect(reading.slos.get('send-prescription')).toMatchObject({ budgetRemaining: undefined, judgeable: false });
  });

  it('reads a 12-minute total outage with the coffee-break alerts firing, as the evaluator does', async () => {
    const svc = await service();
    svc.run(30 * 60, 10, 0);
    svc.run(12 * 60, 0, 10);
    const figures = (await new ScrapeSource({ url: svc.url }).read()).slos.get(HISTORY)!;
    expect(figures.outage).toEqual({ active: true, seconds: 720, limit: 600 });
    expect(figures.errorRatio5m).toBe(1);
    expect(figures.budgetRemaining).toBeLessThan(1);
    // 42 minutes of data are too little for a ticket (a quarter of its day): pages only.
    expect(figures.firing).toEqual([
      { alertname: 'HartslagErrorBudgetBurn', severity: 'page' },
      { alertname: 'HartslagOutageLimitBreached', severity: 'page' },
      { alertname: 'HartslagOutageRunning', severity: 'page' },
    ]);
    expect(figures).toEqual(await inProcess(svc.evaluator!, HISTORY));
  });

  it('takes the outage limit from its options, since the gauges do not carry it', async () => {
    const svc = await service();
    svc.run(5 * 60, 0, 10);
    const figures = (await new ScrapeSource({ url: svc.url, outageLimitSeconds: 300 }).read()).slos.get(HISTORY)!;
    expect(figures.outage?.limit).toBe(300);
  });

  it('reads calls that stall against last week as silent, with HartslagTrafficSilent firing', async () => {
    const svc = await service();
    svc.run(7 * 86_400 + 10 * 60, 10, 0);
    expect((await new ScrapeSource({ url: svc.url }).read()).slos.get(HISTORY)?.silent).toBe(false);
    svc.run(3 * 60, 0, 0);
    const figures = (await new ScrapeSource({ url: svc.url }).read()).slos.get(HISTORY)!;
    expect(figures.silent).toBe(true);
    expect(figures.firing).toEqual([{ alertname: 'HartslagTrafficSilent', severity: 'page' }]);
    expect(figures).toEqual(await inProcess(svc.evaluator!, HISTORY));
  });

  it('reads the namespace the service uses, and only the service it is told to', async () => {
    const svc = await service({ namespace: 'apotheek' });
    svc.run(5 * 60, 10, 0);
    expect([...(await new ScrapeSource({ url: svc.url, namespace: 'apotheek' }).read()).slos.keys()]).toEqual([
      HISTORY,
      'send-prescription',
    ]);
    const other = new ScrapeSource({ url: svc.url, namespace: 'apotheek', service: 'prescriptions' });
    expect((await other.read()).slos.size).toBe(0);
    const err = await failure(new ScrapeSource({ url: svc.url }));
    expect(err.code).toBe('HARTSLAG_ERR_SOURCE_RESPONSE');
    expect(err.message).toContain(
      `${svc.url} serves no care_slo_error_budget_remaining_ratio: create the SLO evaluator`,
    );
  });

  it('fails with RESPONSE for a service that has metrics but no SLO evaluator', async () => {
    const svc = await service({ evaluator: false });
    svc.run(60, 10, 0);
    expect((await failure(new ScrapeSource({ url: svc.url }))).code).toBe('HARTSLAG_ERR_SOURCE_RESPONSE');
  });
});

describe('ScrapeSource on figures from several services', () => {
  it('takes the worst figure per SLO, reads NaN as no value and counts each firing alert once', async () => {
    const url = await serve((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(
        [
          '# TYPE care_slo_error_budget_remaining_ratio gauge',
          'care_slo_error_budget_remaining_ratio{service="a",slo="login"} 0.5',
          'care_slo_error_budget_remaining_ratio{service="b",slo="login"} -0.25',
          '# TYPE care_slo_error_ratio gauge',
          'care_slo_error_ratio{service="a",slo="login",window="5m"} 0.01',
          'care_slo_error_ratio{service="b",slo="login",window="5m"} 0.2',
          'care_slo_error_ratio{service="a",slo="login",window="1h"} 0.9',
          'care_slo_error_ratio{service="a",slo="quiet",window="5m"} NaN',
          '# TYPE care_slo_alert_firing gauge',
          'care_slo_alert_firing{service="a",slo="login",alertname="HartslagErrorBudgetBurn",severity="ticket"} 1',
          'care_slo_alert_firing{service="b",slo="login",alertname="HartslagErrorBudgetBurn",severity="ticket"} 1',
          // No newline at the end: the last sample still counts.
          'care_slo_alert_firing{service="b",slo="quiet",alertname="HartslagTrafficSilent",severity="page"} 1',
        ].join('\n'),
      );
    });
    const reading = await new ScrapeSource({ url }).read();
    expect(reading.slos.get('login')).toEqual({
      slo: 'login',
      budgetRemaining: -0.25,
      errorRatio5m: 0.2,
      outage: undefined,
      silent: false,
      firing: [{ alertname: 'HartslagErrorBudgetBurn', severity: 'ticket' }],
    });
    expect(reading.slos.get('quiet')).toEqual({
      slo: 'quiet',
      budgetRemaining: undefined,
      errorRatio5m: undefined,
      outage: undefined,
      silent: true,
      firing: [{ alertname: 'HartslagTrafficSilent', severity: 'page' }],
    });
  });

  it('sends the configured headers', async () => {
    const url = await serve((request, res) => {
      if (request.headers.authorization !== 'Bearer scrape-secret') {
        res.writeHead(401).end('unauthorized');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('# TYPE care_slo_error_budget_remaining_ratio gauge\n');
    });
    const err = await failure(new ScrapeSource({ url }));
    expect(err.code).toBe('HARTSLAG_ERR_SOURCE_RESPONSE');
    expect(err.message).toContain('answered 401: unauthorized');
    const reading = await new ScrapeSource({ url, headers: { authorization: 'Bearer scrape-secret' } }).read();
    expect(reading.slos.size).toBe(0);
  });
});

describe('ScrapeSource failures', () => {
  it('fails with UNREACHABLE when nothing listens on the port', async () => {
    const url = `http://127.0.0.1:${await freePort()}/metrics`;
    const err = await failure(new ScrapeSource({ url }));
    expect(err.code).toBe('HARTSLAG_ERR_SOURCE_UNREACHABLE');
    expect(err.message).toBe(
      `cannot reach the metrics endpoint ${url} (ECONNREFUSED); check the URL and that the service is up`,
    );
  });

  it('fails with TIMEOUT when the service does not answer in time', async () => {
    const url = await serve(() => {
      // Never answers.
    });
    const started = Date.now();
    const err = await failure(new ScrapeSource({ url, timeoutMs: 200 }));
    expect(err.code).toBe('HARTSLAG_ERR_SOURCE_TIMEOUT');
    expect(err.message).toContain('did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails with RESPONSE for an HTML page, a page without SLO gauges, an HTTP error and malformed text', async () => {
    const pages: Record<string, [number, string, string]> = {
      '/html': [200, 'text/html; charset=utf-8', '<!doctype html><title>Apotheek Datahub</title>'],
      '/hello': [200, 'text/plain', 'hello from the medication-history service'],
      '/gone': [404, 'text/plain', 'Not Found'],
      '/broken': [200, 'text/plain', '# TYPE care_slo_error_budget_remaining_ratio gauge extra\n'],
    };
    const base = (
      await serve((request, res) => {
        const [status, type, body] = pages[request.url ?? '']!;
        res.writeHead(status, { 'content-type': type }).end(body);
      })
    ).replace(/\/metrics$/, '');
    const messages: Record<string, string> = {};
    for (const path of Object.keys(pages)) {
      const err = await failure(new ScrapeSource({ url: `${base}${path}` }));
      expect(err.code).toBe('HARTSLAG_ERR_SOURCE_RESPONSE');
      messages[path] = err.message;
    }
    expect(messages['/html']).toContain('answered text/html; charset=utf-8, not the Prometheus text format');
    expect(messages['/hello']).toContain('serves no care_slo_error_budget_remaining_ratio');
    expect(messages['/gone']).toContain('answered 404: Not Found');
    expect(messages['/broken']).toContain('did not answer in the Prometheus text format');
  });
});
