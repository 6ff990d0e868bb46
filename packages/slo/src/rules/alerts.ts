import { burnFactor, MIN_FAILED_CALLS, minDataSeconds, PAGE_FOR, silenceFor } from '@hartslag/metrics/contract';
import { formatDuration } from '../model/duration.js';
import type { Grouping } from '../model/groups.js';
import type { Slo } from '../model/Slo.js';
import { tiersOf } from '../model/tiers.js';
import { ALERTS, groupName, SERIES } from './names.js';
import { atLeast, num, sloLabels, sloSelector } from './promql.js';
import type { AlertingRule, RuleGroup } from './RuleFile.js';
import { nlNumber, percent, subject, words } from './text.js';

export function alertGroup(slo: Slo): RuleGroup {
  return {
    name: groupName(slo, 'alerts'),
    rules: [...burnAlerts(slo), ...coffeeBreakAlerts(slo), ...silenceAlerts(slo)],
  };
}

/**
 * One burn-rate alert per tier. For a grouped SLO the same rules read each group's series: every
 * comparison matches on all labels, so each group's alert has its own `ALERTS` series (`slo`,
 * `tier`, the group label) and pages on its own; a group has no "latest calls" series, so its
 * page rests on the tier's two windows.
 */
export function burnAlerts(slo: Slo, g?: Grouping): AlertingRule[] {
  const sel = sloSelector(slo);
  const who = g ? `${g.label} {{ $labels.${g.label} }}` : '';
  const whose = g ? `, ${who}` : '';
  const budget = 1 - slo.objective;
  const days = words(slo.window, 'en');
  const dagen = words(slo.window, 'nl');
  // Below the SLO's minimum traffic a window's ratio rests on too few calls: its alert stays silent.
  const traffic = (w: number) =>
    slo.minCalls !== undefined && slo.minCalls > MIN_FAILED_CALLS
      ? ` and ${SERIES.calls(w)}${sel} ${atLeast(slo.minCalls)}`
      : '';
  return tiersOf(slo).map((w) => {
    const factor = burnFactor(w, slo.window);
    const threshold = num(factor * budget);
    // The short window decides only when it holds enough calls to judge; on a quiet night it
    // takes the long window's ratio. A burn needs k failed calls, and a page the latest calls
    // still failing (the last minute, or the shortest window holding a call).
    const short = `((${SERIES.errorRatio(w.short)}${sel} and ${SERIES.calls(w.short)}${sel} ${atLeast(MIN_FAILED_CALLS)}) or ${SERIES.errorRatio(w.long)}${sel})`;
    const pair =
      `${SERIES.errorRatio(w.long)}${sel} > ${threshold} and ${SERIES.failedCalls(w.long)}${sel} ${atLeast(MIN_FAILED_CALLS)}` +
      `${traffic(w.long)} and ${short} > ${threshold}`;
    const page = w.severity === 'page';
    // A ticket waits for its long window to hold enough data; a page does not (a new service that burns pages).
    const data = minDataSeconds(w);
    const covered = data > 0 ? ` and ${SERIES.coverage(w.long)}${sel} >= ${num(data / w.long)}` : '';
    const expr = page && !g ? `${pair} and ${SERIES.recentErrorRatio}${sel} > ${threshold}` : `${pair}${covered}`;
    return {
      alert: ALERTS.budgetBurn,
      expr,
      ...(page ? { for: formatDuration(PAGE_FOR) } : {}),
      labels: {
        ...sloLabels(slo),
        ...slo.labels,
        severity: w.severity,
        tier: w.name,
        long_window: formatDuration(w.long),
      },
      annotations: {
        summary: `${subject(slo)}${whose}: the error budget burns ${num(factor)}× too fast (${percent(w.budgetConsumed)} of the ${days} budget in ${words(w.long, 'en')})`,
        summary_nl: `${subject(slo)}${whose}: het foutbudget raakt ${nlNumber(factor)}× te snel op (${percent(w.budgetConsumed).replace('.', ',')} van het budget van ${dagen} in ${words(w.long, 'nl')})`,
        description: `More than ${percent(factor * budget)} of ${g ? `the calls of ${who}` : 'calls'} failed over the last ${words(w.long, 'en')} and ${words(w.short, 'en')} (objective ${percent(slo.objective)}).`,
        description_nl: `Meer dan ${percent(factor * budget).replace('.', ',')} van de aanroepen${g ? ` van ${who}` : ''} mislukte in de afgelopen ${words(w.long, 'nl')} en ${words(w.short, 'nl')} (doel ${percent(slo.objective).replace('.', ',')}).`,
      },
    };
  });
}

function coffeeBreakAlerts(slo: Slo): AlertingRule[] {
  const o = slo.maxOutage;
  if (o === undefined) return [];
  const sel = sloSelector(slo);
  const labels = { ...sloLabels(slo), ...slo.labels, severity: 'page' };
  return [
    {
      alert: ALERTS.outageRunning,
      expr: `${SERIES.outageSeconds}${sel} >= ${o.warnAfter}`,
      labels: { ...labels, coffee_break: 'warning' },
      annotations: {
        summary: `${subject(slo)} has been down for {{ $value | humanizeDuration }}; the limit is ${words(o.limit, 'en')}`,
        summary_nl: `${subject(slo)} is al {{ $value | humanizeDuration }} onbereikbaar; de grens is ${words(o.limit, 'nl')}`,
        description: `At least ${percent(o.errorRatio)} of calls fail. Restore service before ${words(o.limit, 'en')} have passed: fail over, roll back, or restart.`,
        description_nl: `Minstens ${percent(o.errorRatio)} van de aanroepen mislukt. Herstel binnen ${words(o.limit, 'nl')}: schakel over, rol terug of herstart.`,
      },
    },
    {
      alert: ALERTS.outageLimit,
      expr: `${SERIES.outageSeconds}${sel} >= ${o.limit}`,
      labels: { ...labels, coffee_break: 'breached' },
      annotations: {
        summary: `${subject(slo)}: outage longer than ${words(o.limit, 'en')} (now {{ $value | humanizeDuration }})`,
        summary_nl: `${subject(slo)}: storing langer dan ${words(o.limit, 'nl')} (nu {{ $value | humanizeDuration }})`,
        description: `The maximum-outage objective of ${words(o.limit, 'en')} is broken. Inform the partners and record an incident.`,
        description_nl: `Het doel van maximaal ${words(o.limit, 'nl')} storing is niet gehaald. Informeer de partners en registreer een incident.`,
      },
    },
  ];
}

function silenceAlerts(slo: Slo): AlertingRule[] {
  const s = slo.silence;
  if (s === undefined) return [];
  const sel = sloSelector(slo);
  return [
    {
      alert: ALERTS.silence,
      expr:
        `${SERIES.trafficRate}${sel} < ${num(s.ratio)} * ${SERIES.trafficBaseline}${sel}` +
        ` and ${SERIES.trafficBaseline}${sel} > ${num(s.minExpectedRate)}`,
      for: formatDuration(silenceFor(s.detectWithin)),
      labels: { ...sloLabels(slo), ...slo.labels, severity: 'page' },
      annotations: {
        summary: `${subject(slo)}: calls fell silent ({{ $value | humanize }}/s, usually more at this time of week)`,
        summary_nl: `${subject(slo)}: het aantal aanroepen is stilgevallen ({{ $value | humanize }}/s, normaal meer op dit moment van de week)`,
        description: `Fewer than ${percent(s.ratio)} of the usual calls (median of the same time in the last ${s.baselineWeeks} weeks). Check whether callers can reach the service, or whether a partner's side has failed.`,
        description_nl: `Minder dan ${percent(s.ratio)} van het gebruikelijke aantal aanroepen (mediaan van hetzelfde moment in de laatste ${s.baselineWeeks} weken). Controleer of aanroepers de dienst bereiken, of dat de kant van een partner faalt.`,
      },
    },
  ];
}
