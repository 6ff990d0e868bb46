import { burnFactor, MIN_FAILED_CALLS, minDataSeconds, PAGE_FOR } from '@hartslag/metrics/contract';
import { formatDuration } from '../model/duration.js';
import type { Grouping } from '../model/groups.js';
import type { Slo } from '../model/Slo.js';
import { tiersOf } from '../model/tiers.js';
import { SILENT_SEVERITY, ticketAftermath } from './inhibit.js';
import { ALERTS, INHIBITORS, SERIES } from './names.js';
import { atLeast, num, sloLabels, sloSelector, str } from './promql.js';
import type { AlertingRule, RuleGroup } from './RuleFile.js';
import { nlNumber, percent, subject, words } from './text.js';

/**
 * One burn-rate alert per tier, as for an ungrouped SLO, on each group's series: every comparison
 * matches on all labels, so each group's alert has its own `ALERTS` series (`slo`, `tier`, the
 * group label) and pages on its own.
 */
export function groupedAlertGroup(slo: Slo, g: Grouping): RuleGroup {
  const sel = sloSelector(slo);
  const budget = 1 - slo.objective;
  const who = `{{ $labels.${g.label} }}`;
  const traffic = (w: number) =>
    slo.minCalls !== undefined && slo.minCalls > MIN_FAILED_CALLS
      ? ` and ${SERIES.calls(w)}${sel} ${atLeast(slo.minCalls)}`
      : '';
  const rules = tiersOf(slo).map((w): AlertingRule => {
    const factor = burnFactor(w, slo.window);
    const threshold = num(factor * budget);
    const short = `((${SERIES.errorRatio(w.short)}${sel} and ${SERIES.calls(w.short)}${sel} ${atLeast(MIN_FAILED_CALLS)}) or ${SERIES.errorRatio(w.long)}${sel})`;
    const pair =
      `${SERIES.errorRatio(w.long)}${sel} > ${threshold} and ${SERIES.failedCalls(w.long)}${sel} ${atLeast(MIN_FAILED_CALLS)}` +
      `${traffic(w.long)} and ${short} > ${threshold}`;
    const page = w.severity === 'page';
    const data = minDataSeconds(w);
    const covered = data > 0 ? ` and ${SERIES.coverage(w.long)}${sel} >= ${num(data / w.long)}` : '';
    return {
      alert: ALERTS.budgetBurn,
      expr: `${pair}${covered}`,
      ...(page ? { for: formatDuration(PAGE_FOR) } : {}),
      labels: {
        ...sloLabels(slo),
        ...slo.labels,
        severity: w.severity,
        tier: w.name,
        long_window: formatDuration(w.long),
      },
      annotations: {
        summary: `${subject(slo)}, ${g.label} ${who}: the error budget burns ${num(factor)}× too fast (${percent(w.budgetConsumed)} of the ${words(slo.window, 'en')} budget in ${words(w.long, 'en')})`,
        summary_nl: `${subject(slo)}, ${g.label} ${who}: het foutbudget raakt ${nlNumber(factor)}× te snel op (${percent(w.budgetConsumed).replace('.', ',')} van het budget van ${words(slo.window, 'nl')} in ${words(w.long, 'nl')})`,
        description: `More than ${percent(factor * budget)} of the calls of ${g.label} ${who} failed over the last ${words(w.long, 'en')} and ${words(w.short, 'en')} (objective ${percent(slo.objective)}).`,
        description_nl: `Meer dan ${percent(factor * budget).replace('.', ',')} van de aanroepen van ${g.label} ${who} mislukte in de afgelopen ${words(w.long, 'nl')} en ${words(w.short, 'nl')} (doel ${percent(slo.objective).replace('.', ',')}).`,
      },
    };
  });
  return { name: `hartslag-slo-${slo.name}-alerts`, rules };
}

/** As inhibitGroup, per group: a page of one vendor holds back that vendor's tickets, not another's. */
export function groupedInhibitGroup(slo: Slo, g: Grouping): RuleGroup {
  const aftermath = formatDuration(ticketAftermath(slo));
  const rule: AlertingRule = {
    alert: INHIBITORS.pagedRecently,
    expr: `max by (${g.label}) (max_over_time(ALERTS{alertstate="firing",severity="page",slo=${str(slo.name)}}[${aftermath}]))`,
    labels: { ...sloLabels(slo), ...slo.labels, severity: SILENT_SEVERITY },
    annotations: {
      summary: `${subject(slo)}, ${g.label} {{ $labels.${g.label} }} paged within the last ${aftermath}; its tickets belong to that incident`,
      summary_nl: `${subject(slo)}, ${g.label} {{ $labels.${g.label} }} heeft in de afgelopen ${aftermath} gepaged; de tickets horen bij dat incident`,
      description: `Notifies no one: Alertmanager inhibits the tickets of this SLO and ${g.label} while it fires (hartslag slo alertmanager).`,
      description_nl: `Stuurt geen melding: Alertmanager houdt de tickets van deze SLO en ${g.label} tegen zolang dit alert actief is (hartslag slo alertmanager).`,
    },
  };
  return { name: `hartslag-slo-${slo.name}-inhibit`, rules: [rule] };
}
