import { PROVIDER_COUNT, TENANTS } from '@hartslag/reference-platform';
import { seededRandom as seeded } from '@hartslag/status-api';
import { describe, expect, it } from 'vitest';
import { DENIED_SHARE, HAMMER, MIX, TrafficCurve } from '../../src/traffic/curve.js';
import { type PlannedCall, planTick, poisson, providerOf } from '../../src/traffic/plan.js';

const TUESDAY = 2;

/** The calls of a simulated stretch of a day, drawn a minute at a time. */
function drawHours(curve: TrafficCurve, from: number, to: number, weekday = TUESDAY, seed = 1): PlannedCall[] {
  const random = seeded(seed);
  const calls: PlannedCall[] = [];
  for (let minute = from * 60; minute < to * 60; minute++) {
    calls.push(...planTick(curve, { hour: minute / 60, weekday }, 60, random));
  }
  return calls;
}

/** Calls per second over a stretch of the day, from the draws. */
function drawnRate(curve: TrafficCurve, from: number, to: number, weekday = TUESDAY): number {
  return drawHours(curve, from, to, weekday).length / ((to - from) * 3600);
}

describe('the traffic curve of a working day', () => {
  const curve = new TrafficCurve(40);

  it('peaks in the morning, dips at lunch, picks up in the afternoon and goes quiet in the evening and night', () => {
    const night = drawnRate(curve, 2, 4);
    const morningPeak = drawnRate(curve, 8, 9);
    const lunch = drawnRate(curve, 12.5, 13);
    const afternoon = drawnRate(curve, 14, 15);
    const evening = drawnRate(curve, 21, 22);
    // The peak is near the configured busiest minute (the hammering pharmacy is not on yet at 8).
    expect(morningPeak).toBeGreaterThan(0.7 * curve.peak);
    expect(morningPeak).toBeLessThan(1.2 * curve.peak);
    expect(lunch).toBeLessThan(0.8 * afternoon);
    expect(evening).toBeLessThan(0.25 * morningPeak);
    expect(night).toBeLessThan(0.1 * morningPeak);
    expect(night).toBeGreaterThan(0);
  });

  it('the draws follow the curve itself within a few percent', () => {
    for (const hour of [3, 8.5, 11, 12.6, 15, 20]) {
      const expected = curve.rate({ hour, weekday: TUESDAY }) + curve.hammerRate({ hour, weekday: TUESDAY });
      const drawn = drawnRate(curve, hour, hour + 0.5);
      expect(Math.abs(drawn - expected) / expected).toBeLessThan(0.1);
    }
  });

  it('is quieter on Saturday and quieter still on Sunday, at the same hour', () => {
    const at = (weekday: number) => curve.rate({ hour: 10, weekday });
    expect(at(6)).toBeLessThan(0.6 * at(TUESDAY));
    expect(at(7)).toBeLessThan(at(6));
  });
});

describe('the calls drawn', () => {
  const curve = new TrafficCurve(40);
  const calls = drawHours(curve, 8, 9.5);

  it('split over the operations by the mix', () => {
    const care = calls.filter((c) => c.kind === 'care');
    for (const [operation, share] of Object.entries(MIX)) {
      const n = care.filter((c) => c.kind === 'care' && c.operation === operation).length;
      expect(Math.abs(n / care.length - share)).toBeLessThan(0.02);
    }
  });

  it('come from pharmacies without a contract about 2% of the time, as refused log-ins and calls', () => {
    const denied = calls.filter((c) => c.kind !== 'care');
    expect(Math.abs(denied.length / calls.length - DENIED_SHARE)).toBeLessThan(0.006);
    expect(denied.some((c) => c.kind === 'denied-login')).toBe(true);
    expect(denied.some((c) => c.kind === 'denied-call')).toBe(true);
    const uncontracted = new Set(TENANTS.filter((t) => !t.contract).map((t) => t.id));
    expect(denied.filter((c) => !uncontracted.has(c.tenant))).toEqual([]);
    expect(calls.filter((c) => c.kind === 'care' && uncontracted.has(c.tenant))).toEqual([]);
  });

  it('name a provider the platform knows, the same one for the same pharmacy and seat', () => {
    const unknown = calls.filter((c) => {
      const n = Number(c.provider.slice('provider-'.length));
      return !(n >= 1 && n <= PROVIDER_COUNT);
    });
    expect(unknown).toEqual([]);
    expect(providerOf('pharmacy-001', 0)).toBe('provider-0001');
    expect(providerOf('pharmacy-002', 2)).toBe(providerOf('pharmacy-002', 2));
    expect(providerOf('pharmacy-002', 0)).not.toBe(providerOf('pharmacy-001', 0));
  });
});

describe('the hammering pharmacy', () => {
  const curve = new TrafficCurve(40);
  const hammering = (calls: PlannedCall[]) =>
    calls.filter((c) => c.tenant === HAMMER.tenant && c.kind === 'care' && c.operation === HAMMER.operation).length;

  it('calls in a loop only in its window on working days', () => {
    const before = hammering(drawHours(curve, 9, 11));
    const during = hammering(drawHours(curve, 12, 14));
    // Outside its window it is one pharmacy of forty.
    expect(during).toBeGreaterThan(10 * before);
    expect(during / (2 * 3600)).toBeGreaterThan(0.9 * HAMMER.shareOfPeak * curve.peak);
    expect(curve.hammerRate({ hour: 12, weekday: 6 })).toBe(0);
    expect(curve.hammerRate({ hour: HAMMER.toHour, weekday: TUESDAY })).toBe(0);
  });

  it('is left out of the usual day, which is the contracted calls', () => {
    const m = { hour: 12, weekday: TUESDAY };
    expect(curve.usualAnswered(m)).toBeCloseTo(curve.rate(m) * (1 - DENIED_SHARE));
  });
});

describe('poisson', () => {
  it.each([0.3, 4, 75])('draws with mean λ = %s', (lambda) => {
    const random = seeded(9);
    let sum = 0;
    const n = 4_000;
    for (let i = 0; i < n; i++) sum += poisson(lambda, random);
    expect(Math.abs(sum / n - lambda) / lambda).toBeLessThan(0.05);
  });

  it('draws nothing at λ = 0', () => {
    expect(poisson(0, seeded(1))).toBe(0);
  });
});
