import { createCareMetrics, createSloEvaluator } from '@hartslag/metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '../../src/clock/SimClock.js';
import {
  DEMO_PROVIDERS,
  EHEALTH_NIGHT_OUTAGE,
  PROVIDER_PROBE_OBJECTIVE,
  type ProviderProbe,
  startProviderProbe,
} from '../../src/probes/providerProbe.js';

const running: ProviderProbe[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.close();
});

/** A demo clock whose simulated day starts at `hour`, a day lasting 10 real minutes (the default). */
const clockAt = (hour: number) =>
  new SimClock({ startedAt: Date.now(), daySeconds: 600, timeZone: 'Europe/Amsterdam', startHour: hour });

async function untilRuns(probe: ProviderProbe, n: number): Promise<void> {
  // A guard, not a speed claim: the probe runs once a real second; a loaded machine may be slow.
  const deadline = Date.now() + 60_000;
  while (probe.runner.stats().finished < n) {
    if (Date.now() > deadline) throw new Error(`only ${probe.runner.stats().finished} probe runs in 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the demo eHealth probe', () => {
  it('records failing probe calls during the simulated night, every one the runner made', async () => {
    const metrics = createCareMetrics({ service: 'demo' });
    const probe = await startProviderProbe(metrics, clockAt(EHEALTH_NIGHT_OUTAGE.fromHour + 1));
    running.push(probe);
    await untilRuns(probe, 2);
    await probe.runner.stop();
    const stats = probe.runner.stats('ehealth');
    expect(stats.outcomes.server_error).toBe(stats.finished);
    expect(await metrics.registry?.metrics()).toContain(
      `care_calls_total{service="demo",operation="probe:ehealth",outcome="server_error",code="503"} ${stats.finished}`,
    );
  });

  it('passes by day, and its SLO judges only its own calls', async () => {
    const metrics = createCareMetrics({ service: 'demo' });
    const evaluator = createSloEvaluator(metrics, [PROVIDER_PROBE_OBJECTIVE], { autoStart: false });
    // The evaluator counts calls between its ticks: this one is the start.
    evaluator.tick();
    const probe = await startProviderProbe(metrics, clockAt(10));
    running.push(probe);
    metrics.recordCall({ operation: 'fetch-prescription', outcome: 'server_error', code: 503 });
    await untilRuns(probe, 3);
    await probe.runner.stop();
    evaluator.tick();
    const stats = probe.runner.stats('ehealth');
    expect(stats.outcomes.success).toBe(stats.finished);
    expect(evaluator.status()[0]?.judgement).toMatchObject({ judgeable: true, calls: stats.finished });
    evaluator.close();
  });

  it('is the showcase eHealth provider, judged by the probe SLO', () => {
    expect(DEMO_PROVIDERS).toHaveLength(1);
    expect(DEMO_PROVIDERS[0]).toMatchObject({ id: 'ehealth', slos: [PROVIDER_PROBE_OBJECTIVE.name] });
  });
});
