/**
 * Child process of the scrape-delay benchmark: a service holding the 55k tenant series, served on
 * 127.0.0.1 — `ours` through careMetricsHandler, `prom-client` the usual way
 * (`res.end(await registry.metrics())`). Between each `start` and `stop` message of the parent
 * (idle, then while a client process scrapes it) it measures its own event-loop delay
 * (perf_hooks.monitorEventLoopDelay) and its GC pauses.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Registry } from 'prom-client';
import { careMetricsHandler, createCareMetrics } from '../../src/index.js';
import { handwritten } from '../../test/support/handwritten.js';
import { scrapeCalls } from '../data.js';
import { DELAY_RESOLUTION_MS, type DelayReport } from './protocol.js';

function ours(): (req: IncomingMessage, res: ServerResponse) => void {
  const metrics = createCareMetrics({
    service: 'medication-history',
    registry: new Registry(),
    tenants: { max: 20_000 },
  });
  scrapeCalls((c) => metrics.recordCall(c));
  return careMetricsHandler(metrics);
}

function promClient(): (req: IncomingMessage, res: ServerResponse) => void {
  const registry = new Registry();
  const hand = handwritten(registry, 'medication-history');
  scrapeCalls((c) => hand.record(c.operation, c.outcome, c.seconds, c.code, c.tenant, c.vendor));
  return async (_req, res) => {
    res.setHeader('content-type', registry.contentType);
    res.end(await registry.metrics());
  };
}

const which = process.argv[2];
if (which !== 'ours' && which !== 'prom-client') throw new Error(`usage: service.ts ours|prom-client, got ${which}`);
const handler = which === 'ours' ? ours() : promClient();
const server = createServer(handler);
server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.address() as AddressInfo).port });
});

const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
let gcMs = 0;
const gc = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
});

process.on('message', (msg: { cmd: 'start' | 'stop' | 'exit' }) => {
  if (msg.cmd === 'exit') {
    server.close();
    process.disconnect();
    return;
  }
  if (msg.cmd === 'start') {
    delay.reset();
    gcMs = 0;
    delay.enable();
    gc.observe({ entryTypes: ['gc'] });
    return;
  }
  delay.disable();
  // GC entries arrive asynchronously: take the ones not delivered yet.
  for (const entry of gc.takeRecords()) gcMs += entry.duration;
  gc.disconnect();
  const ms = (ns: number) => ns / 1e6;
  const report: DelayReport = {
    p50: ms(delay.percentile(50)),
    p99: ms(delay.percentile(99)),
    max: ms(delay.max),
    samples: delay.count,
    gcMs,
  };
  process.send!(report);
});
