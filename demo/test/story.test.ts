import { baselineBand, detectAnomalies, fold, MINUTE_MS } from '@hartslag/rhythm';
import { DEMO_STALL, seededRandom } from '@hartslag/scenarios';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../src/clock/SimClock.js';
import type { Frame } from '../src/preview/RhythmData.js';
import { RhythmData } from '../src/preview/RhythmData.js';
import { TIME_ZONE } from '../src/services/statusApi.js';
import { TrafficCurve } from '../src/traffic/curve.js';
import { TrafficPlan } from '../src/traffic/plan.js';
import { planSpan } from '../src/traffic/Traffic.js';

/** The demo's defaults: a simulated day every 600 s, 40 calls/s at the busiest minute, from 07:00. */
const DAY_SECONDS = 600;
const PEAK = 40;
const TICK_MS = 100;
const FIRST_DATE = '2026-11-24';

interface Story {
  clock: SimClock;
  rhythm: RhythmData;
  /** The stall in simulated time, [from, to). */
  stall: { from: number; to: number };
  now: number;
}

/**
 * The demo's own traffic, planned tick by tick as the demo plans it, for `hours` simulated hours
 * from 07:00, with the platform modelled as answering every care call except those of the stalled
 * operation while the incident lasts. Ticks come late now and then, as on a busy machine.
 */
function runStory(hours: number, incident: { atHour: number; minutes: number } | null): Story {
  const clock = new SimClock({ startedAt: 0, daySeconds: DAY_SECONDS, timeZone: TIME_ZONE, firstDate: FIRST_DATE });
  const curve = new TrafficCurve(PEAK, clock.firstDate);
  const minuteSeconds = MINUTE_MS / clock.speed / 1000;
  const rhythm = new RhythmData(curve, TIME_ZONE, minuteSeconds);
  const plan = new TrafficPlan(curve, seededRandom(curve.seed));
  const realOf = (hour: number) => ((hour - clock.startHour) * 3_600_000) / clock.speed;
  const stallReal =
    incident === null
      ? { from: -1, to: -1 }
      : {
          from: realOf(incident.atHour),
          to: realOf(incident.atHour) + (incident.minutes * MINUTE_MS) / clock.speed,
        };
  const lateness = seededRandom(3);
  const end = realOf(clock.startHour + hours);
  for (let last = 0, t = TICK_MS; last < end; last = t, t += TICK_MS * (lateness() < 0.05 ? 8 : 1)) {
    for (const call of planSpan(clock, plan, last, Math.min(t, end), (minute) => rhythm.cover(minute))) {
      // The platform stalls for the calls that arrive during the incident: they are sent at the tick.
      const stalled =
        call.kind === 'care' && call.operation === DEMO_STALL.operation && t > stallReal.from && t <= stallReal.to;
      if (call.kind === 'care' && !stalled) rhythm.answer(call.minute);
    }
  }
  return {
    clock,
    rhythm,
    stall: { from: clock.at(stallReal.from).instant, to: clock.at(stallReal.to).instant },
    now: clock.at(end).instant,
  };
}

const points = (frame: Frame) => frame.fields[0].values.map((t, i) => ({ t, v: frame.fields[1].values[i]! }));

/** What the panel computes from the preview's frames: today (A) against the band of 1–4 weeks back (C–F). */
function anomalies(story: Story) {
  const data = story.rhythm.frames(story.now);
  const foldDay = (frame: Frame) =>
    [...fold(points(frame), { period: 'day', timeZone: TIME_ZONE, step: MINUTE_MS }).values()][0]!;
  const byRef = (refId: string) => data.series.find((f) => f.refId === refId)!;
  const band = baselineBand(
    ['C', 'D', 'E', 'F'].map((r) => foldDay(byRef(r))),
    { step: MINUTE_MS },
  );
  const minuteSeconds = MINUTE_MS / story.clock.speed / 1000;
  // The preview's panel options: one call more or fewer in a minute is rounding.
  return detectAnomalies(foldDay(byRef('A')), band, { minTolerance: 1 / minuteSeconds });
}

describe('the demo tells one story: live traffic continues the seeded history', () => {
  it('leaves four simulated hours without an incident free of anomalies', () => {
    const found = anomalies(runStory(4, null));
    expect(found.ranges).toEqual([]);
    expect(found.anomalousMinutes).toBe(0);
  });

  it.each([
    { atHour: 9.4, minutes: DEMO_STALL.minutes },
    { atHour: 9.8, minutes: 20 },
    { atHour: 14.25, minutes: 11 },
  ])(
    'reports an incident of $minutes min at hour $atHour as $minutes ± 2 anomalous minutes, below the band, and nothing else',
    (incident) => {
      const story = runStory(8, incident);
      const found = anomalies(story);
      expect(Math.abs(found.anomalousMinutes - incident.minutes)).toBeLessThanOrEqual(2);
      expect(found.ranges).toHaveLength(1);
      expect(found.ranges[0]!.direction).toBe('below');
      const dayStart = Date.parse(`${FIRST_DATE}T00:00:00+01:00`);
      expect(Math.abs(dayStart + found.ranges[0]!.from - story.stall.from)).toBeLessThanOrEqual(MINUTE_MS);
      expect(Math.abs(dayStart + found.ranges[0]!.to - story.stall.to)).toBeLessThanOrEqual(MINUTE_MS);
    },
  );
});
