import { formatDuration } from '../model/duration.js';
import type { Grouping } from '../model/groups.js';
import type { Slo } from '../model/Slo.js';
import { tiersOf } from '../model/tiers.js';
import { groupName, INHIBITORS } from './names.js';
import { sloLabels, str } from './promql.js';
import type { AlertingRule, RuleGroup } from './RuleFile.js';
import { subject } from './text.js';

/**
 * Severity of alerts that notify no one: the generated Alertmanager configuration routes them to a
 * receiver without integrations and uses them only to inhibit.
 */
export const SILENT_SEVERITY = 'none';

/**
 * A ticket keeps firing after the outage that paged is over, until its short window no longer
 * holds the outage's errors (6 h for the 3-day tier). Margin: Prometheus runs each rule group on
 * its own schedule, so this group may see the page's last evaluation a few intervals late.
 */
export function ticketAftermath(slo: Slo): number {
  const shorts = tiersOf(slo)
    .filter((w) => w.severity === 'ticket')
    .map((w) => w.short);
  return Math.max(0, ...shorts) + AFTERMATH_MARGIN;
}
const AFTERMATH_MARGIN = 10 * 60;

/**
 * Fires while a page of this SLO fired within the ticket aftermath: the tickets of the same
 * incident are inhibited by it (see src/alertmanager), so one outage rings once and files no
 * ticket, while a slow burn with no page still files one. For a grouped SLO, per group: a page of
 * one vendor holds back that vendor's tickets, not another's.
 */
export function inhibitGroup(slo: Slo, g?: Grouping): RuleGroup {
  const aftermath = formatDuration(ticketAftermath(slo));
  const who = g ? `, ${g.label} {{ $labels.${g.label} }}` : '';
  const and = g ? ` and ${g.label}` : '';
  const en = g ? ` en ${g.label}` : '';
  const rule: AlertingRule = {
    alert: INHIBITORS.pagedRecently,
    expr: `max${g ? ` by (${g.label}) ` : ''}(max_over_time(ALERTS{alertstate="firing",severity="page",slo=${str(slo.name)}}[${aftermath}]))`,
    labels: { ...sloLabels(slo), ...slo.labels, severity: SILENT_SEVERITY },
    annotations: {
      summary: `${subject(slo)}${who} paged within the last ${aftermath}; its tickets belong to that incident`,
      summary_nl: `${subject(slo)}${who} heeft in de afgelopen ${aftermath} gepaged; de tickets horen bij dat incident`,
      description: `Notifies no one: Alertmanager inhibits the tickets of this SLO${and} while it fires (hartslag slo alertmanager).`,
      description_nl: `Stuurt geen melding: Alertmanager houdt de tickets van deze SLO${en} tegen zolang dit alert actief is (hartslag slo alertmanager).`,
    },
  };
  return { name: groupName(slo, 'inhibit'), rules: [rule] };
}
