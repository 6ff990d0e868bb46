import { describe, expect, it } from 'vitest';
import { FixedRate, phaseOf } from '../../src/schedule/FixedRate.js';

describe('FixedRate', () => {
  it('starts at the first phase-aligned due time at or after now', () => {
    expect(new FixedRate(30_000, 7_000, 100_000).due).toBe(127_000);
    expect(new FixedRate(30_000, 7_000, 127_000).due).toBe(127_000);
  });

  it('keeps due times on the grid however late each run started (no drift)', () => {
    const s = new FixedRate(1_000, 0, 0);
    const dues: number[] = [];
    for (let i = 0; i < 5; i++) {
      dues.push(s.due);
      // Each run starts 300 ms late: a setTimeout(run, interval) loop would slip 300 ms a run.
      expect(s.advance(s.due + 300)).toBe(0);
    }
    expect(dues).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
  });

  it('skips and counts the due times missed while blocked, instead of running them in a burst', () => {
    const s = new FixedRate(1_000, 0, 0);
    expect(s.advance(3_500)).toBe(3);
    expect(s.due).toBe(4_000);
    // Woken exactly on a later due time: that one has run now, the next is an interval on.
    expect(s.advance(5_000)).toBe(1);
    expect(s.due).toBe(6_000);
  });
});

describe('phaseOf', () => {
  it('is stable per name and spreads a thousand probes over the interval', () => {
    expect(phaseOf('ehealth', 30_000)).toBe(phaseOf('ehealth', 30_000));
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 1000; i++) buckets[Math.floor(phaseOf(`target-${i}`, 30_000) / 3_000)]++;
    // A uniform spread puts 100 in each tenth of the interval; none is empty or holds a herd.
    for (const n of buckets) {
      expect(n).toBeGreaterThan(60);
      expect(n).toBeLessThan(140);
    }
  });
});
