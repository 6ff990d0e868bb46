import { once } from 'node:events';
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { waitFor } from '@hartslag/testkit';
import Fastify from 'fastify';
import { Counter, Gauge, Histogram, Registry, type RegistryContentType } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_CHARS, type ExpositionStream, openExposition } from '../../src/export/prometheus/ExpositionStream.js';
import { CHUNKS } from '../../src/export/prometheus/register.js';
import {
  type CareMetrics,
  careMetricsHandler,
  careMetricsPlugin,
  createCareMetrics,
  OUTCOMES,
} from '../../src/index.js';
import { BSN } from '../adapters/helpers.js';
import { parseSamples } from '../support/samples.js';
import { callMix } from '../support/traffic.js';

const FORMATS = [
  ['Prometheus text', Registry.PROMETHEUS_CONTENT_TYPE],
  ['OpenMetrics', Registry.OPENMETRICS_CONTENT_TYPE],
] as const;

/** A service's registry: its own metrics beside ours, every family of ours with samples. */
function busy(contentType: RegistryContentType = Registry.PROMETHEUS_CONTENT_TYPE, tenants = 300) {
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(contentType);
  new Counter({ name: 'hub_queue_messages_total', help: 'Queued.', labelNames: ['queue'], registers: [registry] })
    .labels('replay')
    .inc(3);
  const metrics = createCareMetrics({
    service: 'medication-history',
    registry,
    tenants: { max: tenants, promoteAfter: 2 },
  });
  new Gauge({ name: 'hub_backlog', help: 'Backlog.', registers: [registry] }).set(12.5);
  new Histogram({ name: 'hub_job_seconds', help: 'Jobs.', buckets: [0.1, 1], registers: [registry] }).observe(0.4);
  for (const c of callMix(5_000)) metrics.recordCall(c);
  for (let i = 0; i < tenants; i++) {
    metrics.recordCall({ operation: 'login', outcome: 'success', tenant: `apotheek-${i}`, vendor: `v${i % 7}` });
  }
  // The table is full: newcomers are counted as tenant="__other__".
  for (let i = 0; i < 50; i++) {
    metrics.recordCall({ operation: 'login', outcome: 'timeout', tenant: `one-off-${i}`, vendor: `v${i % 7}` });
  }
  metrics.recordCall({ operation: 'odd "name"\\with\nnewline', outcome: 'denied', code: 'a"b', seconds: 0.01 });
  metrics.recordCall({ operation: 'login', outcome: 'success', tenant: BSN, vendor: 'vendor "x"\n' });
  return { registry, metrics };
}

/**
 * The exposition as prom-client formats it from our metrics' samples (`get()`), without our
 * renderer: the same bytes `registry.metrics()` returned before the exposition was streamed.
 */
async function promClientText(registry: Registry<RegistryContentType>): Promise<string> {
  const openMetrics = registry.contentType === Registry.OPENMETRICS_CONTENT_TYPE;
  const format = (Registry.prototype as unknown as { getMetricsAsString(m: unknown): Promise<string> })
    .getMetricsAsString;
  const parts: string[] = [];
  for (const metric of registry.getMetricsAsArray()) {
    const m = metric as unknown as { name: string; type: string };
    if (openMetrics && m.type === 'counter') m.name = m.name.replace(/_total$/, '');
    parts.push(await format.call(registry, metric));
  }
  return openMetrics ? `${parts.join('\n')}\n# EOF\n` : `${parts.join('\n\n')}\n`;
}

async function text(stream: ExpositionStream): Promise<string> {
  let out = '';
  for await (const piece of stream) out += piece;
  return out;
}

/** A family of our kind that writes sample lines until told to stop, and tells when it was let go. */
function endlessFamily(registry: Registry<RegistryContentType>) {
  const state = { endless: true, lines: 0, closed: 0 };
  const name = 'test_endless';
  registry.registerMetric({
    name,
    help: 'Endless.',
    type: 'gauge',
    get: async () => ({ name, help: 'Endless.', type: 'gauge', values: [], aggregator: 'sum' }),
    reset() {},
    [CHUNKS]: function* () {
      try {
        yield `# HELP ${name} Endless.\n# TYPE ${name} gauge`;
        while (state.endless) yield `\n${name}{line="${++state.lines}"} 1`;
      } finally {
        state.closed++;
      }
    },
  } as never);
  return state;
}

/** Event-loop turns, not time: enough for a stream that was going to run ahead to do so. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

function scrapeBody(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve(body));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const servers: { close(): unknown }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<[Server, string]> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push({ close: () => new Promise((resolve) => server.close(resolve)) });
  return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`];
}

async function listenFastify(metrics: CareMetrics): Promise<string> {
  const app = Fastify({ forceCloseConnections: true });
  await app.register(careMetricsPlugin, { metrics });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  servers.push(app);
  return `${url}/metrics`;
}

describe.each(FORMATS)('%s exposition written in pieces', (_format, contentType) => {
  it.each([1, 100, CHUNK_CHARS])(
    'is byte for byte registry.metrics() and prom-client formatting the same data, in pieces of %i characters',
    async (chunk) => {
      const { registry } = busy(contentType);
      const streamed = await text(await openExposition(registry, chunk));
      expect(streamed).toBe(await registry.metrics());
      expect(streamed).toBe(await promClientText(registry));
      expect(streamed).toContain('care_tenant_calls_total{service="medication-history",tenant="__other__"');
      expect(streamed).toContain('tenant="__redacted__",vendor="vendor \\"x\\"\\n"');
      expect(streamed).toContain('hub_backlog 12.5');
    },
  );

  it('is byte for byte prom-client formatting when the registry has default labels', async () => {
    const { registry } = busy(contentType);
    registry.setDefaultLabels({ region: 'nl-west' });
    const streamed = await text(await openExposition(registry, 100));
    expect(streamed).toBe(await registry.metrics());
    expect(streamed).toContain('region="nl-west"');
  });

  it('is byte for byte registry.metrics() over HTTP, from careMetricsHandler and from the fastify plugin', async () => {
    // 5,000 tenants and more: a body of many pieces.
    const { registry, metrics } = busy(contentType, 5_000);
    const expected = await registry.metrics();
    expect(expected.length).toBeGreaterThan(4 * CHUNK_CHARS);
    const [, url] = await listen(careMetricsHandler(metrics));
    const plain = await fetch(url);
    expect(plain.headers.get('content-type')).toBe(contentType);
    expect(await plain.text()).toBe(expected);
    const fastify = await fetch(await listenFastify(metrics));
    expect(fastify.headers.get('content-type')).toBe(contentType);
    expect(await fastify.text()).toBe(expected);
  });
});

describe('backpressure', () => {
  it('renders no further ahead than the reader has taken', async () => {
    const registry = new Registry<RegistryContentType>();
    const family = endlessFamily(registry);
    const held: (() => void)[] = [];
    let written = 0;
    const stalled = new Writable({
      highWaterMark: 1,
      write(_piece, _encoding, done) {
        written++;
        held.push(done);
      },
    });
    const stream = await openExposition(registry, 100);
    stream.pipe(stalled);
    await turns(50);
    // One piece with the writer, at most one buffered and one being rendered: a few lines each.
    expect(written).toBe(1);
    const linesWhileStalled = family.lines;
    expect(linesWhileStalled).toBeLessThan(20);
    await turns(50);
    expect(family.lines).toBe(linesWhileStalled);
    // The writer takes its piece: exactly one more is written.
    held.shift()!();
    await turns(50);
    expect(written).toBe(2);
    stream.destroy();
    await turns(2);
    expect(family.closed).toBe(1);
  });

  it('gives a slow reader the whole body', async () => {
    // 55,000 tenant series, 6.5 MB: more than the kernel's socket buffers hold, so the server waits.
    const registry = new Registry<RegistryContentType>();
    const metrics = createCareMetrics({ service: 'hub', registry, tenants: { max: 11_000 } });
    for (let t = 0; t < 11_000; t++) {
      for (const outcome of OUTCOMES) metrics.recordCall({ operation: 'login', outcome, tenant: `apotheek-${t}` });
    }
    const expected = await registry.metrics();
    const [, url] = await listen(careMetricsHandler(metrics));
    const body = await new Promise<string>((resolve, reject) => {
      get(url, (res) => {
        res.setEncoding('utf8');
        res.pause();
        let out = '';
        // 64 kB at a time, with a pause between.
        const sip = () => {
          const piece = res.read(65_536) ?? res.read();
          if (piece !== null) out += piece;
          if (res.readableEnded) return;
          setTimeout(sip, 2);
        };
        res.on('end', () => resolve(out));
        res.on('error', reject);
        sip();
      }).on('error', reject);
    });
    expect(body.length).toBe(expected.length);
    expect(body).toBe(expected);
  });
});

describe('a scraper that hangs up mid-body', () => {
  async function hangUpAfterFirstBytes(url: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const req = get(url, (res) => {
        res.on('error', () => {});
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err)));
    });
  }

  it.each(['careMetricsHandler', 'fastify plugin'])(
    'stops rendering for it, throws nothing, and the next scrape is whole (%s)',
    async (server) => {
      const registry = new Registry<RegistryContentType>();
      const metrics = createCareMetrics({ service: 'hub', registry });
      metrics.recordCall({ operation: 'login', outcome: 'success', tenant: 'apotheek-1' });
      const family = endlessFamily(registry);
      const url =
        server === 'fastify plugin' ? await listenFastify(metrics) : (await listen(careMetricsHandler(metrics)))[1];
      await hangUpAfterFirstBytes(url);
      await waitFor('the endless family to be let go', async () => (family.closed === 1 ? true : undefined), 10_000);
      const lines = family.lines;
      await turns(50);
      expect(family.lines).toBe(lines);
      family.endless = false;
      const body = await scrapeBody(url);
      expect(body).toBe(await registry.metrics());
      expect(body).toContain('care_tenant_calls_total{service="hub",tenant="apotheek-1"');
      expect(family.closed).toBe(2);
    },
  );
});

describe('HEAD /metrics', () => {
  it.each(['careMetricsHandler', 'fastify plugin'])(
    'answers with the content type and renders nothing (%s)',
    async (server) => {
      const registry = new Registry<RegistryContentType>();
      registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
      const metrics = createCareMetrics({ service: 'hub', registry });
      // Rendered, this family would never end.
      const family = endlessFamily(registry);
      const url =
        server === 'fastify plugin' ? await listenFastify(metrics) : (await listen(careMetricsHandler(metrics)))[1];
      const head = await fetch(url, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe(Registry.OPENMETRICS_CONTENT_TYPE);
      expect(await head.text()).toBe('');
      expect(family.lines).toBe(0);
    },
  );
});

describe('a failure while scraping', () => {
  it.each(['careMetricsHandler', 'fastify plugin'])(
    'is a 500 when another collector fails, before anything is sent (%s)',
    async (server) => {
      const registry = new Registry<RegistryContentType>();
      const metrics = createCareMetrics({ service: 'hub', registry });
      metrics.recordCall({ operation: 'login', outcome: 'success' });
      let broken = true;
      new Gauge({
        name: 'hub_backlog',
        help: 'Backlog.',
        registers: [registry],
        collect() {
          if (broken) throw new Error('backlog store unreachable');
          this.set(1);
        },
      });
      const url =
        server === 'fastify plugin' ? await listenFastify(metrics) : (await listen(careMetricsHandler(metrics)))[1];
      expect((await fetch(url)).status).toBe(500);
      broken = false;
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe(await registry.metrics());
    },
  );

  it.each(['careMetricsHandler', 'fastify plugin'])(
    'cuts the response off when a family fails mid-body, so no scraper takes the rest as whole (%s)',
    async (server) => {
      const registry = new Registry<RegistryContentType>();
      const metrics = createCareMetrics({ service: 'hub', registry });
      const fail = new Error('family broke');
      registry.registerMetric({
        name: 'test_broken',
        help: 'Broken.',
        type: 'gauge',
        get: async () => ({ name: 'test_broken', help: 'Broken.', type: 'gauge', values: [] }),
        reset() {},
        [CHUNKS]: function* () {
          yield '# HELP test_broken Broken.';
          throw fail;
        },
      } as never);
      // 3,000 tenant series: the first pieces are sent before the broken family runs.
      for (let i = 0; i < 3_000; i++) metrics.recordCall({ operation: 'login', outcome: 'success', tenant: `t-${i}` });
      const url =
        server === 'fastify plugin' ? await listenFastify(metrics) : (await listen(careMetricsHandler(metrics)))[1];
      const outcome = await new Promise<string>((resolve) => {
        get(url, (res) => {
          res.on('data', () => {});
          res.on('end', () => resolve(`ended with status ${res.statusCode}`));
          res.on('error', () => resolve('cut off'));
          res.on('aborted', () => resolve('cut off'));
        }).on('error', () => resolve('cut off'));
      });
      expect(outcome).toBe('cut off');
    },
  );
});

describe('concurrent scrapes', () => {
  it('each get the whole body, from careMetricsHandler and from the fastify plugin', async () => {
    const { registry, metrics } = busy(Registry.PROMETHEUS_CONTENT_TYPE, 1_000);
    const expected = await registry.metrics();
    const [, plain] = await listen(careMetricsHandler(metrics));
    const fastify = await listenFastify(metrics);
    const bodies = await Promise.all([plain, fastify, plain, fastify, plain, fastify].map(scrapeBody));
    for (const body of bodies) expect(body).toBe(expected);
  });

  it('each hold every series once, histograms whole, while calls and tenant evictions go on between pieces', async () => {
    const registry = new Registry<RegistryContentType>();
    const metrics = createCareMetrics({ service: 'hub', registry, tenants: { max: 50, promoteAfter: 1 } });
    let n = 0;
    const churn = () => {
      for (let i = 0; i < 40; i++, n++) {
        metrics.recordCall({
          operation: `op-${n % 3}`,
          outcome: n % 4 === 0 ? 'server_error' : 'success',
          seconds: (n % 13) / 10,
          tenant: `apotheek-${(n * 7919) % 400}`,
        });
      }
    };
    churn();
    const streams = await Promise.all([1, 2, 3].map(() => openExposition(registry, 50)));
    const bodies = ['', '', ''];
    const readers = streams.map(async (stream, i) => {
      for await (const piece of stream) {
        bodies[i] += piece;
        churn();
      }
    });
    await Promise.all(readers);
    for (const body of bodies) {
      // parseSamples throws on a series listed twice.
      const samples = parseSamples(body);
      const tenants = [...samples.keys()].filter(
        (k) => k.startsWith('care_tenant_calls_total{') && !k.includes('__other__'),
      );
      expect(tenants.length).toBeGreaterThan(0);
      expect(tenants.length).toBeLessThanOrEqual(50 * 5);
      for (const [key, count] of samples) {
        if (!key.startsWith('care_call_duration_seconds_count{')) continue;
        const inf = key.replace('_count{', '_bucket{le="+Inf",');
        expect(samples.get(inf)).toBe(count);
      }
    }
  });

  it('lists the tenants as they were when their family began, whatever is evicted after', async () => {
    const registry = new Registry<RegistryContentType>();
    const metrics = createCareMetrics({ service: 'hub', registry, tenants: { max: 40, promoteAfter: 1 } });
    for (let t = 0; t < 40; t++)
      metrics.recordCall({ operation: 'login', outcome: 'success', tenant: `apotheek-${t}` });
    const before = await registry.metrics();
    const tenantLines = (body: string) => body.split('\n').filter((l) => l.startsWith('care_tenant_calls_total{'));
    const stream = await openExposition(registry, 50);
    let body = '';
    let evicted = false;
    for await (const piece of stream) {
      body += piece;
      if (!evicted && body.includes('care_tenant_calls_total{')) {
        // 200 newcomers, each calling twice: every one of the 40 slots changes hands.
        for (let t = 0; t < 200; t++) {
          for (let k = 0; k < 2; k++) metrics.recordCall({ operation: 'login', outcome: 'denied', tenant: `new-${t}` });
        }
        evicted = true;
      }
    }
    expect(evicted).toBe(true);
    expect(tenantLines(await registry.metrics())).not.toEqual(tenantLines(before));
    expect(tenantLines(body)).toEqual(tenantLines(before));
  });
});
