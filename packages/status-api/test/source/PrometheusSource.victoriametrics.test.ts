import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type RunningPrometheus,
  type RunningVictoriaMetrics,
  startPrometheus,
  startVictoriaMetrics,
} from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusSource } from '../../src/source/PrometheusSource.js';
import { recordedSeries } from './fixtures/recordedSeries.js';

/**
 * The status API's Prometheus source pointed at VictoriaMetrics instead: the recorded SLO series
 * arrive as a Prometheus agent remote-writes them, and the source reads them through
 * VictoriaMetrics' Prometheus-compatible query API, unchanged.
 */
describe('PrometheusSource against VictoriaMetrics', () => {
  let vm: RunningVictoriaMetrics;
  let agent: RunningPrometheus;
  let exporter: Server;

  beforeAll(async () => {
    const registry = recordedSeries();
    exporter = createServer(async (_req, res) => {
      res.setHeader('content-type', registry.contentType);
      res.end(await registry.metrics());
    });
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    vm = await startVictoriaMetrics();
    agent = await startPrometheus(
      [{ job: 'slo-rules', target: `127.0.0.1:${(exporter.address() as AddressInfo).port}` }],
      {
        agent: true,
        remoteWrite: [vm.remoteWriteUrl],
      },
    );
    // The agent's first remote write waits for its batch deadline (5 s) after the first scrape; on
    // a loaded machine the default 20 s wait was not always enough. A limit against a hang.
    await vm.waitForSeries('ALERTS{alertname="HartslagTrafficSilent"}', 60_000);
  }, 120_000);

  afterAll(async () => {
    await agent?.stop();
    await vm?.stop();
    if (exporter !== undefined) {
      exporter.closeAllConnections();
      await new Promise((resolve) => exporter.close(resolve));
    }
  });

  it('reads every SLO with the same figures, outages and firing alerts as from Prometheus', async () => {
    const reading = await new PrometheusSource({ url: vm.url }).read();
    expect([...reading.slos.keys()].sort()).toEqual([
      'fetch-medication-history',
      'lookup-allergies',
      'send-prescription',
    ]);
    expect(reading.slos.get('fetch-medication-history')).toEqual({
      slo: 'fetch-medication-history',
      budgetRemaining: -0.25,
      errorRatio5m: 1,
      outage: { active: true, seconds: 660, limit: 600 },
      silent: false,
      judgeable: true,
      firing: [
        { alertname: 'HartslagErrorBudgetBurn', severity: 'page' },
        { alertname: 'HartslagOutageLimitBreached', severity: 'page' },
      ],
    });
    expect(reading.slos.get('send-prescription')).toEqual({
      slo: 'send-prescription',
      budgetRemaining: 0.42,
      errorRatio5m: 0.002,
      outage: undefined,
      silent: false,
      firing: [],
    });
    expect(reading.slos.get('lookup-allergies')).toEqual({
      slo: 'lookup-allergies',
      budgetRemaining: undefined,
      errorRatio5m: undefined,
      outage: undefined,
      silent: true,
      judgeable: false,
      firing: [{ alertname: 'HartslagTrafficSilent', severity: 'page' }],
    });
  });
});
