import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../src/config/parseConfig.js';
import type { RemoteSourceTiming } from '../../src/config/StatusConfig.js';
import type { SourceReading, StatusSource } from '../../src/state/State.js';
import { StatusBoard } from '../../src/state/StatusBoard.js';
import { withSection } from '../config/support.js';
import { healthy } from '../routes/support.js';

/**
 * A healthy source that takes `takesMs` per reading, dated when it starts and cut at `timeoutMs`,
 * as PrometheusSource and ScrapeSource do.
 */
class SlowSource implements StatusSource {
  readonly kind = 'prometheus' as const;
  constructor(
    private readonly takesMs: number,
    private readonly timeoutMs: number,
  ) {}
  read(): Promise<SourceReading> {
    const at = Date.now();
    return new Promise((resolve, reject) => {
      if (this.takesMs > this.timeoutMs) {
        setTimeout(() => reject(new Error('timeout')), this.timeoutMs);
      } else {
        setTimeout(() => resolve({ at, slos: new Map([['s', healthy('s')]]) }), this.takesMs);
      }
    });
  }
}

/** The share of /readyz checks (one every 100 ms for a minute, after start) that say not ready. */
async function notReadyShare(timing: RemoteSourceTiming, takesMs: number): Promise<number> {
  const board = new StatusBoard([{ id: 'c', name: 'C', slos: ['s'] }], new SlowSource(takesMs, timing.timeoutMs), {
    refreshMs: timing.refreshMs,
    staleAfterMs: timing.staleAfterMs,
    now: Date.now,
  });
  await vi.advanceTimersByTimeAsync(0);
  board.refresh();
  board.start();
  await vi.advanceTimersByTimeAsync(timing.refreshMs * 2);
  let notReady = 0;
  const checks = 600;
  for (let i = 0; i < checks; i++) {
    await vi.advanceTimersByTimeAsync(100);
    if (!board.ready) notReady++;
  }
  board.stop();
  return notReady / checks;
}

const timingOf = (yaml: string): RemoteSourceTiming => {
  const source = parseConfig(withSection('source', yaml), 'status.yaml').source;
  if (source.kind === 'embedded') throw new Error('a remote source was expected');
  return source;
};

// Issue 25: with refresh 2 s and a source taking 1.5 s, 23% of readiness checks failed: a reading
// is dated when it starts, so the next one landed 3.5 s after it while staleAfter was 3 s.
describe('/readyz while the source is slow but healthy', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-11-24T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the timing before the fix (timeout = refresh) flaps: what the regression looked like', async () => {
    const before = { refreshMs: 2000, staleAfterMs: 3000, timeoutMs: 2000 };
    expect(await notReadyShare(before, 1500)).toBeGreaterThan(0.15);
  });

  it('a source taking almost as long as the configured timeout allows never makes the service unready', async () => {
    const timing = timingOf(
      'source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  refresh: 2s\n  staleAfter: 4s',
    );
    expect(timing.timeoutMs).toBe(2000);
    expect(await notReadyShare(timing, 1500)).toBe(0);
    // Just within the timeout: a reading that takes the whole timeout is cut and counts as failed.
    expect(await notReadyShare(timing, timing.timeoutMs - 50)).toBe(0);
  });

  it('with the default staleAfter, the default timeout keeps a slow source within it', async () => {
    const timing = timingOf('source:\n  kind: prometheus\n  url: http://127.0.0.1:9090\n  refresh: 2s');
    expect(timing).toMatchObject({ staleAfterMs: 3000, timeoutMs: 1000 });
    expect(await notReadyShare(timing, timing.timeoutMs - 50)).toBe(0);
  });
});
