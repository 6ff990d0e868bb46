import { describe, expect, it } from 'vitest';
import { weekRange } from '../../src/report/week.js';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('weekRange', () => {
  it('runs an ISO week from Monday midnight to the next Monday midnight, in the time zone asked for', () => {
    const week = weekRange('2026-W49', 'Europe/Amsterdam')!;
    // 2026-W49 is Monday 30 November to Sunday 6 December; Amsterdam is UTC+1 in winter.
    expect(iso(week.start)).toBe('2026-11-29T23:00:00.000Z');
    expect(iso(week.end)).toBe('2026-12-06T23:00:00.000Z');
    expect(week.month).toBe('2026-W49');
  });

  it('puts 4 January in week 1, even when the week starts in December', () => {
    // 4 January 2026 is a Sunday: week 1 starts on Monday 29 December 2025.
    expect(iso(weekRange('2026-W01', 'UTC')!.start)).toBe('2025-12-29T00:00:00.000Z');
  });

  it('is one hour shorter across the spring clock change', () => {
    const week = weekRange('2026-W13', 'Europe/Amsterdam')!;
    expect(week.end - week.start).toBe(7 * 86_400 - 3600);
  });

  it('knows week 53 only in years that have one', () => {
    expect(weekRange('2026-W53', 'UTC')).toBeDefined();
    expect(weekRange('2027-W53', 'UTC')).toBeUndefined();
  });

  it.each(['2026-49', '2026-W00', '2026-W54', '2026-w49', ' 2026-W49', '2026-W4'])('refuses %j', (text) => {
    expect(weekRange(text, 'UTC')).toBeUndefined();
  });
});
