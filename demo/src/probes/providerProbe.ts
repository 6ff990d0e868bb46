import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CareMetrics, SloObjective } from '@hartslag/metrics';
import { probeOperation } from '@hartslag/metrics/contract';
import { ProbeRunner } from '@hartslag/probes';
import type { Provider } from '@hartslag/status-api';
import { SHOWCASE_PROVIDERS } from '@hartslag/status-api/demo';
import type { SimClock } from '../clock/SimClock.js';

/** The demo's eHealth platform is down from 01:00 to 05:00 local time, every simulated night. */
export const EHEALTH_NIGHT_OUTAGE = { fromHour: 1, toHour: 5 } as const;

const PROBE = 'ehealth';

/**
 * The provider the demo probes: the showcase's eHealth platform (its names in four languages),
 * judged by its probe's SLO rather than by the platform's own calls to it.
 */
export const DEMO_PROVIDERS: Provider[] = SHOWCASE_PROVIDERS.filter((p) => p.id === 'ehealth').map((p) => ({
  ...p,
  slos: [`${PROBE}-probe`],
}));

/** The probe's SLO for the in-process evaluator: its calls, and the coffee-break limit that marks an outage. */
export const PROVIDER_PROBE_OBJECTIVE: SloObjective = {
  name: `${PROBE}-probe`,
  operation: probeOperation(PROBE),
  objective: 0.99,
  window: 30 * 86_400,
  maxOutage: { limit: 600, warnAfter: 300, errorRatio: 0.5 },
};

export interface ProviderProbe {
  /** The stand-in eHealth health endpoint the probe checks. */
  url: string;
  runner: ProbeRunner;
  close(): Promise<void>;
}

/**
 * A stand-in for the eHealth platform's health endpoint, failing (503) during the simulated night,
 * and a probe of it every real second recorded into the platform's metrics: at night, when no
 * pharmacy calls, the probe is what tells the status page that the eHealth platform fails.
 */
export async function startProviderProbe(metrics: CareMetrics, clock: SimClock): Promise<ProviderProbe> {
  const server = http.createServer((_req, res) => {
    const { hour } = clock.at(Date.now());
    const down = hour >= EHEALTH_NIGHT_OUTAGE.fromHour && hour < EHEALTH_NIGHT_OUTAGE.toHour;
    res.writeHead(down ? 503 : 200, { 'content-type': 'application/json' });
    res.end(down ? '{"status":"DOWN"}' : '{"status":"UP"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  // One real second is a simulated minute or more: the night lasts long enough to be judged.
  const runner = new ProbeRunner(
    [
      {
        name: PROBE,
        intervalMs: 1_000,
        timeoutMs: 900,
        target: { kind: 'http', url, method: 'GET', expectStatus: [200], expectBody: '"UP"', headers: {} },
      },
    ],
    { metrics },
  );
  runner.start();
  return {
    url,
    runner,
    close: async () => {
      await runner.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
