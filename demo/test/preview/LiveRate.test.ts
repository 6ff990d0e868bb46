import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveRate, WINDOW_READS } from '../../src/preview/LiveRate.js';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A /metrics that answers `count` more successful calls on every read. */
async function exposition(perRead: number): Promise<string> {
  let count = 0;
  const server = createServer((_req, res) => {
    count += perRead;
    res.end(
      `care_calls_total{service="x",operation="login",outcome="success",code="200"} ${count}\n` +
        `care_calls_total{service="x",operation="login",outcome="timeout",code="connection_timeout"} ${count}\n`,
    );
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`;
}

describe('the live rate', () => {
  it('reports answered calls per second over the last reads, with the span since the previous read', async () => {
    const url = await exposition(10);
    const rates: { from: number; to: number; perSecond: number }[] = [];
    const live = new LiveRate(url, 100, (from, to, perSecond) => rates.push({ from, to, perSecond }));
    live.start();
    await new Promise((r) => setTimeout(r, 100 * (WINDOW_READS + 3) + 50));
    await live.stop();
    expect(rates.length).toBeGreaterThanOrEqual(WINDOW_READS);
    // 10 calls every ~100 ms: about 100 per second (timers jitter by tens of ms).
    for (const r of rates) {
      expect(r.perSecond).toBeGreaterThan(50);
      expect(r.perSecond).toBeLessThan(200);
      expect(r.to - r.from).toBeGreaterThan(50);
      expect(r.to - r.from).toBeLessThan(400);
    }
    for (let i = 1; i < rates.length; i++) expect(rates[i]!.from).toBe(rates[i - 1]!.to);
  });

  it('reports nothing while the platform does not answer', async () => {
    const rates: number[] = [];
    const live = new LiveRate('http://127.0.0.1:1/metrics', 50, (_f, _t, r) => rates.push(r));
    live.start();
    await new Promise((r) => setTimeout(r, 300));
    await live.stop();
    expect(rates).toEqual([]);
  });
});
