import { formatDuration } from '../model/duration.js';
import type { CalendarPeriod, Slo } from '../model/Slo.js';
import { groupName, PERIOD_SERIES } from './names.js';
import { badRate, errorRatio, num, sloLabels, sloSelector, totalRate } from './promql.js';
import type { RuleGroup } from './RuleFile.js';

const DAY = 86_400;
/** Events are counted in 5-minute steps: a month of them is 8,928 samples per series. */
const STEP = 300;
/** The time-zone offsets are written out for this many years from the calendar's start. */
const ZONE_YEARS = 20;

/**
 * Calendar-period and Timeslices budgets (OpenSLO `isRolling: false` + `calendar`, and
 * `budgetingMethod: Timeslices`): `slo:period_error:ratio`, which the meta group turns into the
 * budget left. Undefined groups for an SLO with neither.
 *
 * A calendar period is known by a number (months since year 0, weeks since the calendar's start…)
 * computed from the wall clock of the calendar's time zone; `count_values` turns it into a
 * `period` label, so the events of the current period are summed over a range that covers the
 * longest period and picked out by that label — PromQL has no range that starts at a given time.
 */
export function periodGroups(slo: Slo): RuleGroup[] {
  if (slo.calendar === undefined && slo.timeslices === undefined) return [];
  const labels = sloLabels(slo);
  const sel = sloSelector(slo);
  const groups: RuleGroup[] = [];
  const c = slo.calendar;
  const current = c && `count_values("period", ${periodId(c, `${PERIOD_SERIES.localTime}${sel}`)})`;
  const inPeriod = (expr: string) => (current === undefined ? expr : `(${expr}) * on() group_left(period) ${current}`);
  if (c !== undefined) {
    groups.push({
      // The clock every minute, so that a period changes within a minute of its wall-clock start.
      name: groupName(slo, 'calendar-clock'),
      interval: '1m',
      rules: [{ record: PERIOD_SERIES.localTime, expr: `vector(${localTime(c)})`, labels }],
    });
  }
  const t = slo.timeslices;
  if (t !== undefined) {
    const cmp = t.strict ? '<' : '<=';
    groups.push({
      // One evaluation per slice: the share of the slice's calls that failed, against what a good slice allows.
      name: groupName(slo, 'timeslices'),
      interval: formatDuration(t.window),
      rules: [
        {
          record: PERIOD_SERIES.timesliceGood,
          expr: inPeriod(`(${errorRatio(slo.indicator, t.window)}) ${cmp} bool ${num(1 - t.target)}`),
          labels,
        },
      ],
    });
  }
  const rules = [];
  if (t !== undefined) {
    const good = `avg_over_time(${PERIOD_SERIES.timesliceGood}${sel}[${formatDuration(c ? longest(c) : slo.window)}])`;
    const share = current === undefined ? good : `sum without (period) (${good} and on(period) ${current})`;
    rules.push({ record: PERIOD_SERIES.periodErrorRatio, expr: `1 - ${share}`, labels });
  } else if (c !== undefined && current !== undefined) {
    const range = formatDuration(longest(c));
    const sum = (series: string) =>
      `sum without (period) (sum_over_time(${series}${sel}[${range}]) and on(period) ${current})`;
    rules.push(
      { record: PERIOD_SERIES.badEvents, expr: inPeriod(`${badRate(slo.indicator, STEP)} * ${STEP}`), labels },
      { record: PERIOD_SERIES.events, expr: inPeriod(`${totalRate(slo.indicator, STEP)} * ${STEP}`), labels },
      { record: PERIOD_SERIES.periodBadEvents, expr: sum(PERIOD_SERIES.badEvents), labels },
      { record: PERIOD_SERIES.periodEvents, expr: sum(PERIOD_SERIES.events), labels },
      {
        // No failed call in the period yet is a ratio of 0, not no value; no call at all is no value, never NaN.
        record: PERIOD_SERIES.periodErrorRatio,
        expr: `(${PERIOD_SERIES.periodBadEvents}${sel} or ${PERIOD_SERIES.periodEvents}${sel} * 0) / (${PERIOD_SERIES.periodEvents}${sel} > 0)`,
        labels,
      },
    );
  }
  groups.push({ name: groupName(slo, 'period'), interval: formatDuration(STEP), rules });
  return groups;
}

/** The longest a period can be, for the range that must cover all of it. */
function longest(c: CalendarPeriod): number {
  switch (c.unit) {
    case 'day':
      return c.count * DAY;
    case 'week':
      return c.count * 7 * DAY;
    case 'month':
      return c.count * 31 * DAY;
    case 'quarter':
      return c.count * 92 * DAY;
  }
}

/** PromQL for the number of the period the wall clock `local` (a vector of seconds) is in. */
function periodId(c: CalendarPeriod, local: string): string {
  const [year, month, day, hour, minute, second] = c.start;
  const start = Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  if (c.unit === 'day' || c.unit === 'week') {
    const length = (c.unit === 'day' ? DAY : 7 * DAY) * c.count;
    return `floor((${local} - ${start}) / ${length})`;
  }
  // Months count from the start's day and time of day: shift the clock back by that much.
  const shift = (day - 1) * DAY + hour * 3600 + minute * 60 + second;
  const shifted = shift === 0 ? local : `(${local} - ${shift})`;
  const months = `(year(${shifted}) * 12 + month(${shifted}) - 1)`;
  const per = c.unit === 'quarter' ? 3 * c.count : c.count;
  const first = year * 12 + month - 1;
  return per === 1 ? months : `floor((${months} - ${first}) / ${per})`;
}

/**
 * `time()` on the wall clock of the calendar's time zone: UTC plus the zone's offset, which
 * changes at each daylight-saving transition from the calendar's start for ZONE_YEARS years.
 */
export function localTime(c: CalendarPeriod): string {
  const from = Date.UTC(c.start[0], 0, 1) / 1000;
  const to = Date.UTC(c.start[0] + ZONE_YEARS, 0, 1) / 1000;
  const offsetAt = offsetOf(c.timeZone);
  const base = offsetAt(from);
  const terms: string[] = [];
  let before = base;
  for (let day = from; day < to; day += DAY) {
    const after = offsetAt(day + DAY);
    if (after === before) continue;
    // The transition is within this day: find its second.
    let lo = day;
    let hi = day + DAY;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
    terms.push(`${after - before > 0 ? '+' : '-'} ${Math.abs(after - before)} * (time() >= bool ${hi})`);
    before = after;
  }
  const head = base === 0 ? 'time()' : `time() ${base > 0 ? '+' : '-'} ${Math.abs(base)}`;
  return [head, ...terms].join(' ');
}

/** The zone's offset from UTC in seconds at a moment (seconds since the epoch). */
export function offsetOf(timeZone: string): (t: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  return (t) => {
    const name = format.formatToParts(new Date(t * 1000)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?/.exec(name);
    if (m === null) return 0;
    const seconds = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? -seconds : seconds;
  };
}
