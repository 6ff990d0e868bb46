import { RhythmError } from '../errors/RhythmError.js';

/** How far back an overlay looks. Named shifts are calendar-aware; `{ ms }` is a plain duration. */
export type ShiftSpec =
  | 'previous-day'
  | 'last-week'
  | 'last-month'
  | 'last-year'
  | { days: number }
  | { weeks: number }
  | { ms: number };

/**
 * A resolved shift. `calendar`: the same wall-clock time `days` local dates earlier, so across a
 * DST change "last week" is 7 local days back, not 7 × 86400000 ms. `fixed`: exactly `ms` earlier.
 */
export type Shift = { kind: 'calendar'; id: string; days: number } | { kind: 'fixed'; id: string; ms: number };

/**
 * Resolves a shift. Month and year are whole weeks so that weekdays line up (a Monday is compared
 * with a Monday): last-month = 4 weeks (28 days), last-year = 52 weeks (364 days).
 */
export function shiftFor(spec: ShiftSpec): Shift {
  switch (spec) {
    case 'previous-day':
      return { kind: 'calendar', id: spec, days: 1 };
    case 'last-week':
      return { kind: 'calendar', id: spec, days: 7 };
    case 'last-month':
      return { kind: 'calendar', id: spec, days: 28 };
    case 'last-year':
      return { kind: 'calendar', id: spec, days: 364 };
  }
  if (typeof spec === 'object' && spec !== null) {
    if ('weeks' in spec && isPositiveInteger(spec.weeks)) {
      return { kind: 'calendar', id: `${spec.weeks}-weeks`, days: 7 * spec.weeks };
    }
    if ('days' in spec && isPositiveInteger(spec.days)) {
      return { kind: 'calendar', id: `${spec.days}-days`, days: spec.days };
    }
    if ('ms' in spec && typeof spec.ms === 'number' && Number.isFinite(spec.ms) && spec.ms > 0) {
      return { kind: 'fixed', id: `${spec.ms}-ms`, ms: spec.ms };
    }
  }
  throw new RhythmError(
    'HARTSLAG_ERR_RHYTHM_SHIFT_INVALID',
    `Unknown shift ${JSON.stringify(spec) ?? String(spec)}: use 'previous-day', 'last-week', 'last-month', 'last-year', ` +
      `{ weeks: n } or { days: n } with a whole n ≥ 1, or { ms: n } with n > 0.`,
  );
}

function isPositiveInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1;
}
