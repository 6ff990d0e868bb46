import { createCareMetrics, createSloEvaluator, type SloObjective } from '@hartslag/metrics';
import { describe, expect, it } from 'vitest';
import { EmbeddedSource } from '../../src/source/EmbeddedSource.js';

const MONDAY_TEN = Date.UTC(2025, 0, 6, 10);
const OPERATION = 'fetch-medication-history';
const OBJECTIVES: SloObjective[] = [
  {
    name: 'fetch-medication-history',
    operation: OPERATION,
    objective: 0.999,
    window: 30 * 86_400,
    maxOutage: { limit: 600, warnAfter: 300, errorRatio: 0.5 },
  },
  { name: 'send-prescription', operation: 'send-prescription', objective: 0.99, window: 30 * 86_400 },
];

/** A service whose evaluator ticks every 30 s on a fake clock, only when told. */
function service() {
  const metrics = createCareMetrics({ service: 'medication-history' });
  let now = MONDAY_TEN;
  const evaluator = createSloEvaluator(metrics, OBJECTIVES, { now: () => now, autoStart: false });
  const run = (seconds: number, ok: number, failed: number) => {
    for (let t = 0; t < seconds; t += 30) {
      now += 30_000;
      for (let i = 0; i < ok; i++) metrics.recordCall({ operation: OPERATION, outcome: 'success', code: 200 });
      for (let i = 0; i < failed; i++) metrics.recordCall({ operation: OPERATION, outcome: 'server_error', code: 503 });
      evaluator.tick();
    }
  };
  return {
    evaluator,
    run,
    get now() {
      return now;
    },
  };
}

describe('EmbeddedSource', () => {
  it('is of kind embedded', () => {
    expect(new EmbeddedSource(service().evaluator).kind).toBe('embedded');
  });

  it('leaves out SLOs the evaluator has not ticked yet, dated by the clock', async () => {
    const svc = service();
    const reading = await new EmbeddedSource(svc.evaluator, () => 12_345).read();
    expect(reading).toEqual({ at: 12_345, slos: new Map() });
  });

  it('reads healthy traffic as figures with budget left and nothing firing, dated by the tick', async () => {
    const svc = service();
    svc.evaluator.tick();
    svc.run(10 * 60, 10, 0);
    const reading = await new EmbeddedSource(svc.evaluator, () => 0).read();
    expect(reading.at).toBe(svc.now);
    expect([...reading.slos.keys()]).toEqual(['fetch-medication-history', 'send-prescription']);
    expect(reading.slos.get('fetch-medication-history')).toEqual({
      slo: 'fetch-medication-history',
      budgetRemaining: 1,
      errorRatio5m: 0,
      outage: { active: false, seconds: 0, limit: 600 },
      silent: false,
      // 10 calls every 30 s.
      callRate: 10 / 30,
      judgeable: true,
      // Ten minutes of a 30-day window: two 5-minute steps of data.
      coverage: { ratio: 600 / (30 * 86_400), window: 30 * 86_400, collecting: true },
      firing: [],
    });
    // No calls to send-prescription: no figures, no outage settings, too few calls to judge.
    expect(reading.slos.get('send-prescription')).toMatchObject({
      errorRatio5m: undefined,
      outage: undefined,
      judgeable: false,
      firing: [],
    });
  });

  it('reads a 12-minute total outage as an active outage with the coffee-break alerts firing', async () => {
    const svc = service();
    svc.evaluator.tick();
    svc.run(30 * 60, 10, 0);
    svc.run(12 * 60, 0, 10);
    const figures = (await new EmbeddedSource(svc.evaluator).read()).slos.get('fetch-medication-history')!;
    expect(figures.outage?.active).toBe(true);
    expect(figures.outage?.seconds).toBeGreaterThanOrEqual(600);
    expect(figures.errorRatio5m).toBe(1);
    expect(figures.budgetRemaining).toBeLessThan(1);
    const names = figures.firing.map((a) => `${a.alertname} ${a.severity}`);
    expect(names).toContain('HartslagOutageLimitBreached page');
    expect(names).toContain('HartslagOutageRunning page');
    expect(names).toContain('HartslagErrorBudgetBurn page');
  });

  it('passes on only firing alerts, not pending ones', async () => {
    const svc = service();
    svc.evaluator.tick();
    svc.run(30 * 60, 10, 0);
    svc.run(60, 0, 10);
    const { alerts } = svc.evaluator.status()[0]!;
    const pending = alerts.filter((a) => a.state === 'pending');
    // A minute in, the page is still pending (it must hold for 2 minutes); tickets fire at once.
    expect(pending.map((a) => `${a.alertname} ${a.severity}`)).toContain('HartslagErrorBudgetBurn page');
    const figures = (await new EmbeddedSource(svc.evaluator).read()).slos.get('fetch-medication-history')!;
    expect(figures.firing).toEqual(
      alerts.filter((a) => a.state === 'firing').map((a) => ({ alertname: a.alertname, severity: a.severity })),
    );
    expect(figures.firing.some((a) => a.severity === 'page')).toBe(false);
  });
});
