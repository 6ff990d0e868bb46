import { createCareMetrics } from '@hartslag/metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { stageMessage } from '../../src/console/stageMessages.js';
import { STALLED_AFTER, type StageEvent, StageWatch } from '../../src/pipeline/StageWatch.js';

const watches: StageWatch[] = [];
afterEach(() => {
  for (const w of watches.splice(0)) w.stop();
});

function setUp() {
  const metrics = createCareMetrics({ service: 'reference-platform', registry: false });
  const pipeline = metrics.pipeline('send-message');
  const store = pipeline.stage('store');
  const deliver = pipeline.stage('deliver');
  const events: StageEvent[] = [];
  const watch = new StageWatch(
    metrics,
    (e) => events.push(e),
    () => 1_000,
  );
  watches.push(watch);
  return { store, deliver, events, watch };
}

describe('the stage watch', () => {
  it('names the stage whose oldest waiting message passed the limit, once, with its queue', () => {
    const { store, deliver, events, watch } = setUp();
    store.queue(3, Date.now() - 1_000);
    deliver.queue(120, Date.now() - (STALLED_AFTER + 10) * 1000);
    watch.check();
    watch.check();
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.type).toBe('stalled');
    if (e.type !== 'stalled') return;
    expect(e.reading).toMatchObject({ pipeline: 'send-message', stage: 'deliver', depth: 120 });
    expect(e.reading.oldestAge).toBeGreaterThanOrEqual(STALLED_AFTER + 10);
    expect(watch.current.map((r) => r.stage)).toEqual(['deliver']);
    expect(stageMessage(e)).toMatch(
      /^▲ \d\d:\d\d:\d\d stage send-message\/deliver stalled: 120 messages waiting, the oldest 4\d s\./,
    );
  });

  it('says when the stage moves again: its queue emptied', () => {
    const { deliver, events, watch } = setUp();
    deliver.queue(50, Date.now() - 60_000);
    watch.check();
    deliver.queue(0);
    watch.check();
    expect(events.map((e) => e.type)).toEqual(['stalled', 'moving']);
    expect(watch.current).toEqual([]);
    expect(stageMessage(events[1]!)).toContain('stage send-message/deliver moving again');
  });

  it('names nothing while every queue moves', () => {
    const { store, deliver, events, watch } = setUp();
    store.queue(10, Date.now() - 2_000);
    deliver.queue(400, Date.now() - (STALLED_AFTER - 5) * 1000);
    watch.check();
    expect(events).toEqual([]);
  });
});
