import { freePort } from '@hartslag/common/process';
import type { CareMetrics } from '@hartslag/metrics';
import type { SimClock } from '../clock/SimClock.js';
import { urlLine } from '../console/messages.js';
import { startProviderProbe } from '../probes/providerProbe.js';
import type { Teardown } from '../Teardown.js';
import { type RunningLogwatch, startLogwatch } from './logwatch.js';
import { type PartnerAccess, partnerAccess, partnerLines } from './partnerAccess.js';

/**
 * The parts around the platform: logwatch on its access log, the eHealth provider probe, and a
 * partner's access to the status API (read from Prometheus). Each stops through the demo's
 * teardown.
 */
export class Companions {
  private running: RunningLogwatch | undefined;
  private access: PartnerAccess | undefined;
  /** The Prometheus port, chosen before Prometheus starts: the partner views read from it. */
  prometheusPort = 0;

  /**
   * Call before the platform starts: closers run last-in first-out, so logwatch stops after the
   * platform and reads its log to the end.
   */
  constructor(
    teardown: Teardown,
    private readonly io: { stdout: { write(text: string): unknown }; stderr: { write(text: string): unknown } },
  ) {
    teardown.add('logwatch', async () => {
      if (this.running !== undefined)
        io.stdout.write(`logwatch: ${await this.running.stop()} access-log lines counted\n`);
    });
  }

  /** Logwatch on the platform's access log (the platform must be writing it). */
  async startLogwatch(dataDir: string): Promise<RunningLogwatch> {
    this.running = await startLogwatch(dataDir, (text) => this.io.stderr.write(`! logwatch: ${text}`));
    return this.running;
  }

  /** Picks the Prometheus port (a free one for 0) and a partner token reading from it. */
  async partner(prometheusPort: number): Promise<PartnerAccess> {
    this.prometheusPort = prometheusPort === 0 ? await freePort() : prometheusPort;
    this.access = partnerAccess(`http://127.0.0.1:${this.prometheusPort}`);
    return this.access;
  }

  /** Starts the eHealth probe on the simulated clock, recording into the platform's metrics. */
  async startProbe(teardown: Teardown, metrics: CareMetrics, clock: SimClock): Promise<void> {
    const probe = await startProviderProbe(metrics, clock);
    teardown.add('the eHealth probe', () => probe.close());
  }

  /** The logwatch and partner lines of the banner. */
  lines(statusUrl: string): string {
    const logwatch = this.running === undefined ? '' : `${urlLine('logwatch metrics', this.running.url)}\n`;
    return logwatch + (this.access === undefined ? '' : partnerLines(statusUrl, this.access));
  }
}
