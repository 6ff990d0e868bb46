import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createCareMetrics, type HartslagError } from '../../src/index.js';
import { createSloEvaluator } from '../../src/slo/SloEvaluator.js';
import { samplesOf } from '../support/samples.js';
import { AVAILABILITY, simulate, type Traffic } from './simulation.js';

const SLO = { ...AVAILABILITY, maxOutage: { limit: 600, warnAfter: 300, errorRatio: 0.5 } };
const labels = 'service="medication-history",slo="medication-history"';
const firing = (alertname: string, severity: string) =>
  `care_slo_alert_firing{alertname="${alertname}",service="medication-history",severity="${severity}",slo="medication-history"}`;

describe('SLO gauges', () => {
  it('expose budget, burn rates, error ratios, outage length and firing alerts to a scrape', async () => {
    const sim = simulate([SLO]);
    // Six hours of data: a quarter of the day, as much as the 1-day ticket needs.
    sim.run(6 * 3600, () => ({ ok: 100 }));
    sim.run(360, (): Traffic => ({ ok: 0, failed: 100 }));
    const s = samplesOf(await sim.metrics.registry!.metrics(), 'care_slo_');
    const status = sim.status();
    expect(s.get(`care_slo_error_budget_remaining_ratio{${labels}}`)).toBeCloseTo(status.budgetRemaining!, 9);
    expect(s.get(`care_slo_burn_rate{${labels},window="5m"}`)).toBe(1000);
    expect(s.get(`care_slo_burn_rate{${labels},window="30d"}`)).toBeCloseTo(status.burnRates.period!, 9);
    expect(s.get(`care_slo_error_ratio{${labels},window="1m"}`)).toBe(1);
    expect(s.get(`care_slo_error_ratio{${labels},window="1h"}`)).toBe(0.1);
    expect(s.get(`care_slo_current_outage_seconds{${labels}}`)).toBe(360);
    // 100 calls in each 30-second tick of the last 5 minutes.
    expect(s.get(`care_slo_calls_per_second{${labels}}`)).toBeCloseTo(100 / 30, 12);
    expect(s.get(firing('HartslagOutageRunning', 'page'))).toBe(1);
    expect(s.get(firing('HartslagErrorBudgetBurn', 'page'))).toBe(1);
    expect(s.get(firing('HartslagErrorBudgetBurn', 'ticket'))).toBe(1);
    expect(s.has(firing('HartslagOutageLimitBreached', 'page'))).toBe(false);
  });

  it('have no samples for figures without calls, nor for alerts that do not fire; judgeable says 0', async () => {
    const sim = simulate([SLO]);
    sim.run(60, () => ({ ok: 0 }));
    expect([...samplesOf(await sim.metrics.registry!.metrics(), 'care_slo_')]).toEqual([
      [`care_slo_current_outage_seconds{${labels}}`, 0],
      // No calls at all: too few to judge.
      [`care_slo_judgeable{${labels}}`, 0],
      // A minute since counting began is no whole 5-minute step of data yet: collecting, at 0%.
      [`care_slo_data_coverage_ratio{${labels},window="30d"}`, 0],
    ]);
  });

  it('refuse a second evaluator on the same registry until the first is closed', () => {
    const metrics = createCareMetrics({ service: 'medication-history' });
    const first = createSloEvaluator(metrics, [SLO], { autoStart: false });
    expect(() => createSloEvaluator(metrics, [SLO], { autoStart: false })).toThrow(
      expect.objectContaining<Partial<HartslagError>>({ code: 'HARTSLAG_ERR_REGISTRY_CONFLICT' }),
    );
    first.close();
    expect(() => createSloEvaluator(metrics, [SLO], { autoStart: false })).not.toThrow();
  });

  it('register in the registry the metrics use, and nowhere without one', async () => {
    const registry = new Registry();
    const shared = createCareMetrics({ service: 'medication-history', registry });
    createSloEvaluator(shared, [SLO], { autoStart: false });
    expect(registry.getSingleMetric('care_slo_burn_rate')).toBeDefined();

    const none = createCareMetrics({ service: 'medication-history', registry: false });
    expect(createSloEvaluator(none, [SLO], { autoStart: false }).status()).toHaveLength(1);
  });

  it('follow the metrics namespace', async () => {
    const metrics = createCareMetrics({ service: 'medication-history', namespace: 'zorg' });
    createSloEvaluator(metrics, [SLO], { autoStart: false }).tick();
    expect(await metrics.registry!.metrics()).toContain('# TYPE zorg_slo_error_budget_remaining_ratio gauge');
  });
});
