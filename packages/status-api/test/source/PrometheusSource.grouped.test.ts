import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningPrometheus, startPrometheus } from '@hartslag/testkit';
import { Gauge, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusSource } from '../../src/source/PrometheusSource.js';

/** A grouped SLO's series as its rules record them: each group with the vendor label beside slo. */
function groupedSeries(): Registry {
  const registry = new Registry();
  const gauge = (name: string, labelNames = ['slo', 'service', 'vendor']) =>
    new Gauge({ name, help: name, labelNames, registers: [registry] });
  const slo = { slo: 'by-vendor', service: 'medication-history' };
  gauge('slo:objective:ratio', ['slo', 'service']).set(slo, 0.999);
  const budget = gauge('slo:period_error_budget_remaining:ratio');
  budget.set({ ...slo, vendor: 'medi-sys' }, -3);
  budget.set({ ...slo, vendor: 'apotheek-soft' }, 0.9);
  budget.set({ ...slo, vendor: '__other__' }, 0.7);
  const ratio = gauge('slo:sli_error:ratio_rate5m');
  ratio.set({ ...slo, vendor: 'medi-sys' }, 0.2);
  ratio.set({ ...slo, vendor: 'apotheek-soft' }, 0);
  ratio.set({ ...slo, vendor: '__other__' }, 0.001);
  const judgeable = gauge('slo:judgeable');
  for (const vendor of ['medi-sys', 'apotheek-soft', '__other__']) judgeable.set({ ...slo, vendor }, 1);
  const alerts = gauge('ALERTS', ['alertname', 'alertstate', 'severity', 'slo', 'vendor', 'long_window']);
  for (const long_window of ['1h', '6h']) {
    alerts.set(
      {
        alertname: 'HartslagErrorBudgetBurn',
        alertstate: 'firing',
        severity: 'page',
        slo: slo.slo,
        vendor: 'medi-sys',
        long_window,
      },
      1,
    );
  }
  return registry;
}

describe('PrometheusSource reading a grouped SLO from a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let exporter: Server;

  beforeAll(async () => {
    const registry = groupedSeries();
    exporter = createServer(async (_req, res) => {
      res.setHeader('content-type', registry.contentType);
      res.end(await registry.metrics());
    });
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    const target = `127.0.0.1:${(exporter.address() as AddressInfo).port}`;
    prometheus = await startPrometheus([{ job: 'slo-rules', target }]);
    await prometheus.waitForSeries('ALERTS{vendor="medi-sys"}');
  });

  afterAll(async () => {
    await prometheus?.stop();
    if (exporter !== undefined) {
      exporter.closeAllConnections();
      await new Promise((resolve) => exporter.close(resolve));
    }
  });

  it('gives each group figures of its own under by-vendor{group}, and the SLO its worst group', async () => {
    const reading = await new PrometheusSource({ url: prometheus.url }).read();
    expect([...reading.slos.keys()].sort()).toEqual([
      'by-vendor',
      'by-vendor{__other__}',
      'by-vendor{apotheek-soft}',
      'by-vendor{medi-sys}',
    ]);
    expect(reading.slos.get('by-vendor{medi-sys}')).toEqual({
      slo: 'by-vendor{medi-sys}',
      budgetRemaining: -3,
      errorRatio5m: 0.2,
      outage: undefined,
      silent: false,
      judgeable: true,
      firing: [{ alertname: 'HartslagErrorBudgetBurn', severity: 'page' }],
    });
    expect(reading.slos.get('by-vendor{apotheek-soft}')).toMatchObject({ budgetRemaining: 0.9, firing: [] });
    expect(reading.slos.get('by-vendor')).toMatchObject({ budgetRemaining: -3, errorRatio5m: 0.2 });
  });
});
