import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type IncidentEvent, IncidentScheduler } from '../../src/incident/IncidentScheduler.js';

/** A scheduler whose platform calls are recorded, on fake timers. */
function scheduler(afterMs: number | undefined, durationMs = 6 * 60_000, failing?: 'begin' | 'end') {
  const calls: string[] = [];
  const events: IncidentEvent[] = [];
  const s = new IncidentScheduler({
    afterMs,
    durationMs,
    actions: {
      begin: async () => {
        calls.push('begin');
        if (failing === 'begin') throw new Error('platform said no');
      },
      end: async () => {
        calls.push('end');
        if (failing === 'end') throw new Error('platform said no');
      },
    },
    onEvent: (e) => events.push(e),
  });
  return { s, calls, events };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-12-02T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the scripted incident', () => {
  it('starts afterMs after arming and recovers durationMs later', async () => {
    const { s, calls, events } = scheduler(60_000);
    s.arm();
    expect(s.state).toEqual({ phase: 'scheduled', startsAt: Date.parse('2026-12-02T12:01:00Z') });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['begin']);
    expect(s.state).toEqual({ phase: 'active', endsAt: Date.parse('2026-12-02T12:07:00Z') });
    expect(events).toEqual([
      {
        type: 'started',
        at: Date.parse('2026-12-02T12:01:00Z'),
        endsAt: Date.parse('2026-12-02T12:07:00Z'),
        onDemand: false,
      },
    ]);
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    expect(calls).toEqual(['begin', 'end']);
    expect(events[1]).toEqual({ type: 'recovered', at: Date.parse('2026-12-02T12:07:00Z'), onDemand: false });
    expect(s.state).toEqual({ phase: 'idle' });
  });

  it('schedules nothing without afterMs (--no-incident), yet starts one on demand', async () => {
    const { s, calls } = scheduler(undefined, 60_000);
    s.arm();
    expect(s.state.phase).toBe('idle');
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(calls).toEqual([]);
    expect(s.trigger()).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['begin', 'end']);
  });

  it('on demand, starts now instead of at the scheduled time, once', async () => {
    const { s, calls, events } = scheduler(60_000, 120_000);
    s.arm();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.trigger()).toBe(true);
    expect(s.trigger()).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(events[0]).toMatchObject({ type: 'started', onDemand: true, at: Date.parse('2026-12-02T12:00:10Z') });
    // The scheduled start at 60 s does not come on top of it.
    await vi.advanceTimersByTimeAsync(110_000);
    expect(calls).toEqual(['begin']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual(['begin', 'end']);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(calls).toEqual(['begin', 'end']);
  });

  it('recovers early on demand, and says so when nothing is on', async () => {
    const { s, calls, events } = scheduler(0);
    expect(s.recover()).toBe(false);
    s.arm();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(s.recover()).toBe(true);
    expect(s.recover()).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['begin', 'end']);
    expect(events[1]).toEqual({ type: 'recovered', at: Date.parse('2026-12-02T12:00:30Z'), onDemand: true });
    // The end the schedule had planned does not come again.
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    expect(calls).toEqual(['begin', 'end']);
  });

  it('keeps the platform calls in order: a recovery right after a start never overtakes it', async () => {
    const order: string[] = [];
    const s = new IncidentScheduler({
      afterMs: undefined,
      durationMs: 60_000,
      actions: {
        begin: () =>
          new Promise<void>((r) =>
            setTimeout(() => {
              order.push('begin');
              r();
            }, 50),
          ),
        end: async () => {
          order.push('end');
        },
      },
      onEvent: () => undefined,
    });
    s.trigger();
    s.recover();
    await vi.advanceTimersByTimeAsync(100);
    expect(order).toEqual(['begin', 'end']);
  });

  it('reports a platform call that fails, and goes on', async () => {
    const { s, events } = scheduler(0, 1_000, 'begin');
    s.arm();
    await vi.advanceTimersByTimeAsync(0);
    expect(events[0]).toMatchObject({ type: 'failed', action: 'start' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events[1]).toMatchObject({ type: 'recovered' });
  });

  it('stop cancels what is scheduled', async () => {
    const { s, calls } = scheduler(1_000);
    s.arm();
    await s.stop();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(calls).toEqual([]);
    expect(s.state.phase).toBe('idle');
  });
});
