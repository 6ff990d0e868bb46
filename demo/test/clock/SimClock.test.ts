import { localParts } from '@hartslag/rhythm';
import { describe, expect, it } from 'vitest';
import { lastWeekday, SimClock } from '../../src/clock/SimClock.js';

const TZ = 'Europe/Amsterdam';
// Wednesday 2 December 2026, 13:00 in Amsterdam.
const WEDNESDAY = Date.parse('2026-12-02T12:00:00Z');

describe('the simulated clock', () => {
  const clock = new SimClock({ startedAt: WEDNESDAY, daySeconds: 600, timeZone: TZ });

  it('starts at 07:00 on the real date when that is a working day', () => {
    const m = clock.at(WEDNESDAY);
    expect(m).toMatchObject({ day: 0, date: '2026-12-02', weekday: 3, hour: 7 });
    expect(localParts(m.instant, TZ)).toMatchObject({ date: '2026-12-02', hour: 7, minute: 0 });
  });

  it('runs a day every daySeconds: 25 s is an hour, 10 minutes later it is 07:00 the next day', () => {
    expect(clock.at(WEDNESDAY + 25_000).hour).toBeCloseTo(8);
    // 17 hours after 07:00 is midnight: the next date begins.
    expect(clock.at(WEDNESDAY + 424_000)).toMatchObject({ day: 0, date: '2026-12-02' });
    expect(clock.at(WEDNESDAY + 425_000)).toMatchObject({ day: 1, date: '2026-12-03', hour: 0 });
    const next = clock.at(WEDNESDAY + 600_000);
    expect(next).toMatchObject({ day: 1, date: '2026-12-03', weekday: 4 });
    expect(next.hour).toBeCloseTo(7);
    expect(clock.simulated(1_000)).toBe(144_000);
  });

  it('starts on the Friday before when started at the weekend', () => {
    const sunday = Date.parse('2026-12-06T10:00:00Z');
    expect(new SimClock({ startedAt: sunday, daySeconds: 600, timeZone: TZ }).at(sunday).date).toBe('2026-12-04');
    expect(lastWeekday('2026-12-05')).toBe('2026-12-04');
    expect(lastWeekday('2026-12-07')).toBe('2026-12-07');
  });

  it('gives every simulated day 24 wall-clock hours, the 25-hour day of October too', () => {
    const sat = Date.parse('2026-10-24T10:00:00Z');
    const c = new SimClock({ startedAt: sat, daySeconds: 240, timeZone: TZ, firstDate: '2026-10-25', startHour: 0 });
    // 10:00 on the wall clock is 10/24 of the way through the real day.
    const m = c.at(sat + 100_000);
    expect(m.hour).toBeCloseTo(10);
    expect(localParts(m.instant, TZ)).toMatchObject({ date: '2026-10-25', hour: 10, minute: 0 });
  });
});
