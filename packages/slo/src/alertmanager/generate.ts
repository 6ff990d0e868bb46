import { stringify } from 'yaml';
import { formatDuration } from '../model/duration.js';
import type { SloSpec } from '../model/Slo.js';
import { SILENT_SEVERITY } from '../rules/inhibit.js';
import { ALERTS, INHIBITORS } from '../rules/names.js';
import type { AlertmanagerConfig, GroupTiming, InhibitRule, Receiver } from './AlertmanagerConfig.js';
import type { ReceiversSection } from './readReceivers.js';

export const DEFAULT_RECEIVERS = {
  page: 'hartslag-page',
  ticket: 'hartslag-ticket',
  /** Takes the alerts that only inhibit; has no integrations, so it notifies no one. */
  silent: 'hartslag-silent',
} as const;

export interface AlertmanagerOptions {
  /** Receiver of pages (default `hartslag-page`). */
  pageReceiver?: string;
  /** Receiver of tickets and of alerts that are not Hartslag's (default `hartslag-ticket`). */
  ticketReceiver?: string;
  /** The user's `global`, `templates` and `receivers`; without it the receivers have no integrations. */
  receivers?: ReceiversSection;
  /** Other timing than the defaults: tests replay an incident in seconds with it. */
  timing?: { page?: Partial<GroupTiming>; ticket?: Partial<GroupTiming> };
}

/** Every alert the rules send that someone may be notified of. */
const NOTIFYING = Object.values(ALERTS);
const HARTSLAG = `alertname=~${JSON.stringify(NOTIFYING.join('|'))}`;
const is = (label: string, value: string) => `${label}=${JSON.stringify(value)}`;

const MINUTE = 60;
const HOUR = 3600;

/**
 * Timing of the page and ticket groups. Pages: alerts of one evaluation arrive together (30 s),
 * an escalation reaches the phone within a minute, an unresolved page rings again every 4 hours.
 * Tickets wait 30 minutes before the first notification: at one call every 10 minutes a ticket's
 * windows cross their threshold at the first failed call, the page only once three calls have
 * failed; by then the page's inhibition holds the ticket back.
 */
export function defaultTiming(spec: SloSpec): { page: GroupTiming; ticket: GroupTiming } {
  return {
    page: { groupWait: 30, groupInterval: escalationInterval(spec), repeatInterval: 4 * HOUR },
    ticket: { groupWait: 30 * MINUTE, groupInterval: HOUR, repeatInterval: 24 * HOUR },
  };
}

/**
 * A minute, or less when an SLO's coffee-break stages lie closer: half the time from the warning
 * to the breach, so the breach is never held back behind the warning's notification for long.
 */
export function escalationInterval(spec: SloSpec): number {
  const gaps = spec.slos.flatMap((s) => (s.maxOutage ? [s.maxOutage.limit - s.maxOutage.warnAfter] : []));
  return Math.max(10, Math.min(MINUTE, ...gaps.map((g) => Math.floor(g / 2))));
}

/**
 * Alertmanager configuration for the rules `generateRules` writes: one notification group per SLO
 * on the page receiver, which escalates (burn → coffee-break warning → breach) as the alerts
 * change; tickets held back while the SLO pages and in the aftermath of a page.
 */
export function alertmanagerConfig(spec: SloSpec, options: AlertmanagerOptions = {}): AlertmanagerConfig {
  const page = options.pageReceiver ?? DEFAULT_RECEIVERS.page;
  const ticket = options.ticketReceiver ?? DEFAULT_RECEIVERS.ticket;
  const defaults = defaultTiming(spec);
  const pageTiming = { ...defaults.page, ...options.timing?.page };
  const ticketTiming = { ...defaults.ticket, ...options.timing?.ticket };
  const inhibitOnly = is('alertname', INHIBITORS.pagedRecently);
  // A grouped SLO pages per vendor (or tenant): each group its own notifications and inhibitions.
  const perSlo = ['slo', ...groupLabels(spec)];
  const inhibitRules: InhibitRule[] = [
    // The aftermath: tickets keep firing for hours after the outage that paged is over.
    { source_matchers: [inhibitOnly], target_matchers: [HARTSLAG, is('severity', 'ticket')], equal: perSlo },
    // While it pages, also before the rules' inhibitor group has seen the page.
    {
      source_matchers: [HARTSLAG, is('severity', 'page')],
      target_matchers: [HARTSLAG, is('severity', 'ticket')],
      equal: perSlo,
    },
    // The breach takes the warning's place in the page group: the group shows the current stage.
    {
      source_matchers: [is('alertname', ALERTS.outageLimit)],
      target_matchers: [is('alertname', ALERTS.outageRunning)],
      equal: ['slo'],
    },
  ];
  return {
    ...(options.receivers?.global ? { global: options.receivers.global } : {}),
    ...(options.receivers?.templates ? { templates: options.receivers.templates } : {}),
    route: {
      receiver: ticket,
      routes: [
        { receiver: DEFAULT_RECEIVERS.silent, matchers: [inhibitOnly, is('severity', SILENT_SEVERITY)] },
        { receiver: page, matchers: [HARTSLAG, is('severity', 'page')], group_by: perSlo, ...timing(pageTiming) },
        {
          receiver: ticket,
          matchers: [HARTSLAG, is('severity', 'ticket')],
          group_by: perSlo,
          ...timing(ticketTiming),
        },
      ],
    },
    inhibit_rules: inhibitRules,
    receivers: receivers(options.receivers?.receivers, [page, ticket]),
  };
}

/**
 * The group labels of the spec's grouped SLOs. Alertmanager takes a label missing on both sides as
 * equal, so ungrouped SLOs group and inhibit by `slo` alone as before.
 */
function groupLabels(spec: SloSpec): string[] {
  return [...new Set(spec.slos.flatMap((s) => (s.groupBy ? [s.groupBy.label] : [])))].sort();
}

function timing(t: GroupTiming) {
  return {
    group_wait: formatDuration(t.groupWait),
    group_interval: formatDuration(t.groupInterval),
    repeat_interval: formatDuration(t.repeatInterval),
  };
}

/** The user's receivers (checked to hold the routed names by readReceivers), or empty ones. */
function receivers(given: readonly Receiver[] | undefined, routed: string[]): Receiver[] {
  const silent: Receiver = { name: DEFAULT_RECEIVERS.silent };
  if (given !== undefined) return [...given, silent];
  return [...new Set(routed)].map((name) => ({ name })).concat(silent);
}

/** The configuration as YAML, with the generated-file header naming the command that wrote it. */
export function renderAlertmanagerConfig(config: AlertmanagerConfig, command: string): string {
  const header =
    `# Code generated by "${command}". DO NOT EDIT.\n` +
    '# One page notification group per SLO, escalating; tickets inhibited while and after it pages.\n';
  return header + stringify(config, { lineWidth: 0, indent: 2, aliasDuplicateObjects: false });
}
