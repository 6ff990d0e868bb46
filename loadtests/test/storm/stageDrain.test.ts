import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bulkFill,
  getQueue,
  LoadtestDriverError,
  type RunningReferencePlatform,
  setFaults,
  stageDrain,
  stageSamples,
  startReferencePlatform,
} from '../../driver/index.js';
import { waitForDrain } from '../../driver/storm/drain.js';

const BACKLOG = 2_000;

describe('per-stage drain of the reference platform: a stalled stage is named', () => {
  let dir: string;
  let platform: RunningReferencePlatform;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hartslag-stage-drain-'));
    platform = await startReferencePlatform({ dataDir: join(dir, 'data'), deliveryMs: 0 });
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names deliver as stalled while the downstream is down, and no stage once it drains', async () => {
    await setFaults(platform.url, { downstreamDown: true });
    await bulkFill(platform.url, BACKLOG);
    // The queue reports its stages every second: wait for the backlog to be reported.
    const until = Date.now() + 30_000;
    while (
      (stageSamples(await (await fetch(`${platform.url}/metrics`)).text()).get('send-message deliver')?.waiting ?? 0) <
      BACKLOG
    ) {
      if (Date.now() > until) throw new Error('the deliver stage never reported its backlog');
      await new Promise((r) => setTimeout(r, 200));
    }
    const stalled = await stageDrain(platform.url, 1500);
    const deliver = stalled.find((s) => s.stage === 'deliver')!;
    expect(stalled.filter((s) => s.stalled).map((s) => s.stage)).toEqual(['deliver']);
    expect(deliver).toMatchObject({ pipeline: 'send-message', perSecond: 0, waiting: BACKLOG });
    expect(deliver.oldestSeconds).toBeGreaterThan(0);

    // A drain that times out says which stage held it up.
    const q = await getQueue(platform.url);
    const timedOut = await waitForDrain(platform.url, q.accepted, performance.now(), 500).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(LoadtestDriverError);
    expect((timedOut as Error).message).toContain('Stalled: deliver (send-message).');
    expect((timedOut as Error).message).toMatch(
      /stage deliver of send-message: 0 messages\/s, 2000 waiting, oldest \d+ s — STALLED/,
    );

    await setFaults(platform.url, {});
    const after = await getQueue(platform.url);
    await waitForDrain(platform.url, after.accepted, performance.now(), 60_000);
    const drained = await stageDrain(platform.url, 1500);
    expect(drained.filter((s) => s.stalled)).toEqual([]);
    // Every message of the backlog passed the deliver stage, counted by the stage as by the queue.
    const samples = stageSamples(await (await fetch(`${platform.url}/metrics`)).text());
    expect(samples.get('send-message deliver')!.success).toBe((await getQueue(platform.url)).delivered);
  }, 120_000);
});
