import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Downstream } from '../src/queue/Downstream.js';
import { DrainRate, drainEtaSeconds } from '../src/queue/DrainRate.js';
import { MessageQueue } from '../src/queue/MessageQueue.js';
import { ADMIN, bearer, login, removeDir, startPlatform, tempDir, until } from './helpers.js';

const dirs: string[] = [];
const queues: MessageQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
  for (const d of dirs.splice(0)) removeDir(d);
});

function openQueue(options: { workers: number; deliveryMs: number; dataDir?: string; down?: boolean }) {
  const dataDir = options.dataDir ?? tempDir();
  dirs.push(dataDir);
  const downstream = new Downstream(options.deliveryMs);
  downstream.down = options.down ?? false;
  const queue = MessageQueue.open({ dataDir, downstream, workers: options.workers });
  queues.push(queue);
  return { queue, downstream, dataDir };
}

const message = (i: number) => ({ to: 'provider-0007', body: `message ${i}`, tenant: 'pharmacy-001' });

describe('the message queue', () => {
  it('delivers every acknowledged message exactly once with a pool of workers', async () => {
    const { queue } = openQueue({ workers: 4, deliveryMs: 1 });
    const ids = await Promise.all(Array.from({ length: 500 }, (_, i) => queue.enqueue(message(i))));
    expect(new Set(ids).size).toBe(500);
    await until('the backlog to drain', () => (queue.stats().backlog === 0 ? true : undefined));
    const stats = queue.stats();
    expect(stats).toMatchObject({ accepted: 500, delivered: 500, duplicates: 0, backlog: 0, etaSeconds: 0 });
    expect(ids.every((id) => queue.statusOf(id) === 'delivered')).toBe(true);
  });

  it('reports a drain rate and an ETA that match the backlog while it drains', async () => {
    const { queue, downstream } = openQueue({ workers: 2, deliveryMs: 2, down: true });
    queue.enqueueMany(1500, message);
    downstream.down = false;
    // Read mid-drain, whenever that is on this machine: the figures must agree with each other.
    const s = await until('the drain to be under way', () => {
      const now = queue.stats();
      return now.delivered >= 100 && now.backlog > 0 ? now : undefined;
    });
    expect(s.accepted).toBe(1500);
    expect(s.delivered + s.backlog).toBe(1500);
    // Two workers at 2 ms a message cannot exceed 1000/s, however fast the machine.
    expect(s.drainRatePerSecond).toBeLessThan(1100);
    expect(s.etaSeconds).toBeCloseTo(s.backlog / s.drainRatePerSecond, 6);
  });

  it.each([1, 8])('with %i worker(s), hands that many messages at a time to a slow downstream', async (workers) => {
    const { queue, downstream } = openQueue({ workers, deliveryMs: 5 });
    queue.enqueueMany(160, message);
    await until('the backlog to drain', () => (queue.stats().backlog === 0 ? true : undefined));
    expect(downstream.peakInFlight).toBe(workers);
    expect(queue.stats()).toMatchObject({ accepted: 160, delivered: 160, duplicates: 0 });
  });

  it('keeps messages queued while the downstream is down, with an unbounded ETA', async () => {
    const { queue } = openQueue({ workers: 2, deliveryMs: 0, down: true });
    await Promise.all([0, 1, 2].map((i) => queue.enqueue(message(i))));
    await new Promise((r) => setTimeout(r, 250));
    expect(queue.stats()).toMatchObject({ accepted: 3, delivered: 0, backlog: 3, etaSeconds: Infinity });
  });

  it('counts a second delivery of an id as a duplicate instead of delivering it', async () => {
    const first = openQueue({ workers: 1, deliveryMs: 0, down: true });
    const [id] = first.queue.enqueueMany(2, message);
    await first.queue.close();
    // What a delivery that forgot to remove its message would leave behind.
    const db = new Database(join(first.dataDir, 'messages.sqlite'));
    db.prepare('INSERT INTO delivered (id, delivered_at) VALUES (?, ?)').run(id, Date.now());
    db.close();
    const again = openQueue({ workers: 1, deliveryMs: 0, dataDir: first.dataDir });
    await until('the backlog to drain', () => (again.queue.stats().backlog === 0 ? true : undefined));
    expect(again.queue.stats()).toMatchObject({ delivered: 2, duplicates: 1, backlog: 0 });
  });

  it('rejects messages once closed', async () => {
    const { queue } = openQueue({ workers: 1, deliveryMs: 0 });
    await queue.close();
    await expect(queue.enqueue(message(0))).rejects.toMatchObject({ code: 'HARTSLAG_ERR_PLATFORM_QUEUE_CLOSED' });
  });

  it('names the folder when the database cannot be opened', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(() => MessageQueue.open({ dataDir: join(file, 'queue'), downstream: new Downstream(0) })).toThrow(
      expect.objectContaining({ code: 'HARTSLAG_ERR_PLATFORM_DATA_DIR', message: expect.stringContaining(file) }),
    );
  });
});

describe('a restart on the same data dir', () => {
  it('delivers the backlog queued before it, none lost and none twice', async () => {
    const before = await startPlatform({ workers: 2 });
    dirs.push(before.dataDir);
    const token = await login(before.app);
    await before.app.inject({ method: 'PUT', url: '/admin/faults', headers: ADMIN, payload: { downstreamDown: true } });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await before.app.inject({
        method: 'POST',
        url: '/messages',
        headers: bearer(token),
        payload: { to: 'provider-0007', body: `message ${i}` },
      });
      ids.push(res.json<{ id: string }>().id);
    }
    await before.close();

    const after = await startPlatform({ dataDir: before.dataDir, workers: 4 });
    try {
      await until('the backlog to drain', () => (after.queue.stats().backlog === 0 ? true : undefined));
      const res = await after.app.inject({ method: 'GET', url: '/admin/queue', headers: ADMIN });
      expect(res.json()).toMatchObject({ accepted: 30, delivered: 30, duplicates: 0, backlog: 0 });
      expect(ids.every((id) => after.queue.statusOf(id) === 'delivered')).toBe(true);
    } finally {
      await after.close();
    }
  });
});

describe('the drain rate', () => {
  it('starts at the first measured rate, then moves toward new rates by 1 - e^(-dt/tau)', () => {
    const rate = new DrainRate(0, 0, 10);
    expect(rate.sample(100, 1000)).toBe(100);
    const next = rate.sample(100, 2000);
    expect(next).toBeCloseTo(100 * Math.exp(-0.1), 9);
  });

  it('folds samples closer than 200 ms into the next one', () => {
    const rate = new DrainRate(0, 0);
    expect(rate.sample(5, 50)).toBe(0);
    expect(rate.sample(50, 500)).toBe(100);
  });

  it('gives an ETA of 0 for an empty backlog and Infinity when nothing drains', () => {
    expect(drainEtaSeconds(0, 0)).toBe(0);
    expect(drainEtaSeconds(10, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(drainEtaSeconds(100, 50)).toBe(2);
  });
});
