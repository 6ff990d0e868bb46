import { MINUTE_MS } from '@hartslag/rhythm';
import {
  DENIED_SHARE,
  HAMMER,
  NO_CONTRACT_TENANTS,
  OPERATION_SHARES,
  PROVIDER_COUNT,
  seededRandom,
} from '@hartslag/scenarios';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/clock/SimClock.js';
import { TrafficCurve } from '../../src/traffic/curve.js';
import { OperationCycle, type PlannedCall, providerOf, TrafficPlan } from '../../src/traffic/plan.js';
import { planSpan } from '../../src/traffic/Traffic.js';

const TZ = 'Europe/Amsterdam';
/** Tuesday 24 November 2026, the first day of the story. */
const FIRST = '2026-11-24';

/** The demo's clock at its default speed (a day in 600 s), from `startHour` on the first day. */
const clockFrom = (startHour: number) =>
  new SimClock({ startedAt: 0, daySeconds: 600, timeZone: TZ, firstDate: FIRST, startHour });

/** The calls of `hours` simulated hours from `startHour`, planned in ticks of 100 ms as the demo does. */
function plan(startHour: number, hours: number, curve = new TrafficCurve(40, FIRST)) {
  const clock = clockFrom(startHour);
  const traffic = new TrafficPlan(curve, seededRandom(1));
  const end = (hours * 3_600_000) / clock.speed;
  const calls: PlannedCall[] = [];
  const minutes: number[] = [];
  for (let t = 0; t < end; t += 100) calls.push(...planSpan(clock, traffic, t, t + 100, (m) => minutes.push(m)));
  return { clock, curve, calls, minutes, seconds: end / 1000 };
}

describe('the traffic of the pharmacy day', () => {
  it('makes the curve’s calls per second: busy in the morning, a lunch dip, quiet in the evening and at night', () => {
    const rate = (hour: number) => {
      const { calls, seconds } = plan(hour, 0.5);
      return calls.length / seconds;
    };
    const night = rate(2);
    const morning = rate(8.5);
    expect(morning).toBeGreaterThan(0.7 * 40);
    expect(morning).toBeLessThan(1.2 * 40);
    expect(rate(12.5)).toBeLessThan(0.8 * rate(14.25));
    expect(rate(21)).toBeLessThan(0.25 * morning);
    expect(night).toBeLessThan(0.1 * morning);
    expect(night).toBeGreaterThan(0);
  });

  it('gives every simulated minute the calls the curve expects, to within one answered and one refused', () => {
    const { clock, curve, calls, minutes } = plan(9, 1);
    const minuteSeconds = MINUTE_MS / clock.speed / 1000;
    for (const minute of new Set(minutes)) {
      const moment = clock.at((minute - clock.at(0).instant) / clock.speed);
      const inMinute = calls.filter((c) => c.minute === minute);
      const expected = curve.usualAnswered(moment) * minuteSeconds;
      // The first and last minute are cut by the span; the rest are whole.
      if (minute === minutes[0] || minute === minutes.at(-1)) continue;
      expect(Math.abs(inMinute.filter((c) => c.kind === 'care').length - expected)).toBeLessThan(1.05);
      expect(
        Math.abs(inMinute.filter((c) => c.kind !== 'care').length - curve.usualDenied(moment) * minuteSeconds),
      ).toBeLessThan(1.05);
    }
  });

  it('splits the care calls over the operations by the mix, evenly', () => {
    const care = plan(8, 1.5).calls.filter((c) => c.kind === 'care' && c.tenant !== HAMMER.tenant);
    for (const [operation, share] of Object.entries(OPERATION_SHARES)) {
      const n = care.filter((c) => c.kind === 'care' && c.operation === operation).length;
      expect(Math.abs(n / care.length - share)).toBeLessThan(0.01);
    }
    const cycle = new OperationCycle();
    const twenty = Array.from({ length: 20 }, () => cycle.next());
    expect(twenty.filter((op) => op === 'fetch-medication-history')).toHaveLength(7);
    expect(twenty.filter((op) => op === 'send-message')).toHaveLength(3);
  });

  it('has pharmacies without a contract make 2% of the calls, as refused log-ins and calls', () => {
    const { calls } = plan(8, 1.5);
    const denied = calls.filter((c) => c.kind !== 'care');
    expect(Math.abs(denied.length / calls.length - DENIED_SHARE)).toBeLessThan(0.002);
    expect(denied.some((c) => c.kind === 'denied-login')).toBe(true);
    expect(denied.some((c) => c.kind === 'denied-call')).toBe(true);
    expect(denied.filter((c) => !NO_CONTRACT_TENANTS.includes(c.tenant))).toEqual([]);
    expect(calls.filter((c) => c.kind === 'care' && NO_CONTRACT_TENANTS.includes(c.tenant))).toEqual([]);
  });

  it('names providers the platform knows, the same one for the same pharmacy and seat', () => {
    const unknown = plan(8, 0.5).calls.filter((c) => {
      const n = Number(c.provider.slice('provider-'.length));
      return !(n >= 1 && n <= PROVIDER_COUNT);
    });
    expect(unknown).toEqual([]);
    expect(providerOf('pharmacy-001', 0)).toBe('provider-0001');
    expect(providerOf('pharmacy-002', 0)).not.toBe(providerOf('pharmacy-001', 0));
  });

  it('has the hammering pharmacy call in a loop only in its window on working days', () => {
    const hammering = (calls: PlannedCall[]) =>
      calls.filter((c) => c.tenant === HAMMER.tenant && c.kind === 'care' && c.operation === HAMMER.operation).length;
    const before = hammering(plan(9, 2).calls);
    const during = plan(12, 2);
    expect(hammering(during.calls)).toBeGreaterThan(10 * before);
    expect(hammering(during.calls) / during.seconds).toBeGreaterThan(0.9 * HAMMER.shareOfPeak * 40);
    const curve = new TrafficCurve(40, FIRST);
    const saturday = { date: '2026-11-28', weekday: 6, hour: 12, instant: 0 };
    expect(curve.hammerRate(saturday)).toBe(0);
    // It is there every working day, so the usual day has it too.
    const noon = { date: FIRST, weekday: 2, hour: 12, instant: 0 };
    expect(curve.usualAnswered(noon)).toBeCloseTo(curve.rate(noon) * (1 - DENIED_SHARE) + HAMMER.shareOfPeak * 40);
  });

  it('is quieter on Saturday and quieter still on Sunday, at the same hour', () => {
    const curve = new TrafficCurve(40, FIRST);
    const at = (date: string, weekday: number) => curve.rate({ date, weekday, hour: 10, instant: 0 });
    expect(at('2026-11-28', 6)).toBeLessThan(0.6 * at(FIRST, 2));
    expect(at('2026-11-29', 7)).toBeLessThan(at('2026-11-28', 6));
  });
});
