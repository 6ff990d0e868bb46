import { describe, expect, it } from 'vitest';
import { CounterRing } from '../../src/slo/CounterRing.js';
import { DAY } from './simulation.js';

describe('the counter ring', () => {
  it('counts the calls of the last slots, and wraps without growing', () => {
    const ring = new CounterRing(60, 10);
    const bytes = ring.bytes;
    for (let minute = 0; minute < 100; minute++) ring.add(minute * 60 + 30, minute, minute % 3);
    expect(ring.bytes).toBe(bytes);
    expect(ring.totals.length).toBe(10);
    // Minutes 95…99.
    expect(ring.calls(ring.latest, 5)).toEqual({ total: 95 + 96 + 97 + 98 + 99, bad: 2 + 0 + 1 + 2 + 0 });
    // Minutes 90…99: the oldest slot still held is the base of a 9-slot span, not of a 10-slot one.
    expect(ring.calls(ring.latest, 9)?.total).toBe(91 + 92 + 93 + 94 + 95 + 96 + 97 + 98 + 99);
    expect(ring.calls(ring.latest, 10)).toBeUndefined();
  });

  it('adds several ticks in one slot together', () => {
    const ring = new CounterRing(30, 4);
    ring.add(0, 0, 0);
    ring.add(10, 5, 1);
    ring.add(20, 7, 0);
    expect(ring.calls(ring.latest, 1)).toEqual({ total: 12, bad: 1 });
  });

  it('treats slots skipped between ticks as slots without calls, however long the gap', () => {
    const ring = new CounterRing(60, 10);
    ring.add(0, 0, 0);
    ring.add(60, 10, 1);
    ring.add(5 * 60, 4, 4);
    expect(ring.calls(ring.latest, 1)).toEqual({ total: 4, bad: 4 });
    expect(ring.calls(ring.latest, 4)).toEqual({ total: 4, bad: 4 });
    expect(ring.calls(ring.latest, 5)).toEqual({ total: 14, bad: 5 });
    ring.add(2 * DAY, 3, 0);
    expect(ring.calls(ring.latest, 9)).toEqual({ total: 3, bad: 0 });
  });

  it('counts the span before the first tick as empty, like a counter that did not exist yet', () => {
    const ring = new CounterRing(60, 10);
    ring.add(600, 0, 0);
    ring.add(660, 8, 2);
    expect(ring.calls(ring.latest, 5)).toEqual({ total: 8, bad: 2 });
    expect(ring.holds(ring.latest - 5)).toBe(false);
    expect(ring.holds(ring.latest - 1)).toBe(true);
  });

  it('counts a tick whose clock went back in the latest slot', () => {
    const ring = new CounterRing(60, 10);
    ring.add(600, 0, 0);
    ring.add(300, 6, 1);
    expect(ring.calls(ring.latest, 1)).toEqual({ total: 6, bad: 1 });
  });
});
