/** The platform's answered calls so far: the sum of `care_calls_total{outcome="success"}` in its exposition. */
export function answeredCalls(exposition: string): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    if (!line.startsWith('care_calls_total{') || !line.includes('outcome="success"')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/** Reads per rate: the rate is taken over the last three intervals, as `rate()` over a window does. */
export const WINDOW_READS = 3;

/**
 * Reads the live platform's /metrics every `intervalMs` and reports the answered calls per
 * second over the last WINDOW_READS intervals, with the real span since the previous read.
 */
export class LiveRate {
  private timer: NodeJS.Timeout | undefined;
  private readonly reads: { at: number; count: number }[] = [];
  private reading: Promise<void> | undefined;

  constructor(
    private readonly metricsUrl: string,
    private readonly intervalMs: number,
    private readonly onRate: (fromMs: number, toMs: number, perSecond: number) => void,
  ) {}

  start(): void {
    this.reading = this.read();
    this.timer = setInterval(() => {
      this.reading = this.read();
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.reading;
  }

  private async read(): Promise<void> {
    try {
      const res = await fetch(this.metricsUrl, { signal: AbortSignal.timeout(this.intervalMs) });
      const count = answeredCalls(await res.text());
      const at = Date.now();
      const previous = this.reads.at(-1);
      const oldest = this.reads[0];
      this.reads.push({ at, count });
      if (this.reads.length > WINDOW_READS + 1) this.reads.shift();
      if (previous !== undefined && oldest !== undefined && at > oldest.at && count >= oldest.count) {
        this.onRate(previous.at, at, ((count - oldest.count) * 1000) / (at - oldest.at));
      }
    } catch {
      // A read that fails (the platform closing) leaves a gap, as a missed scrape does.
    }
  }
}
