import type { IncidentEvent } from '../incident/IncidentScheduler.js';
import { INCIDENT_OPERATION, INCIDENT_STAGE } from '../incident/platformFaults.js';
import { clockTime } from './messages.js';

/** What to print when the incident starts, ends or cannot be switched; and where to look. */
export function incidentMessage(
  event: IncidentEvent,
  where: { statusPage: string; badge: string; prometheusAlerts?: string },
  callTimeoutSeconds: number,
): string {
  if (event.type === 'failed') {
    return `! could not ${event.action === 'start' ? 'start' : 'end'} the incident: ${(event.error as Error)?.message ?? event.error}\n`;
  }
  if (event.type === 'recovered') {
    return [
      `■ ${clockTime(event.at)} incident over${event.onDemand ? ' (on demand)' : ''}: the faults are cleared.`,
      '  The outage ends within a minute. The budget it burned stays spent: the page may show',
      '  "degraded" while the slower burn-rate windows still hold the incident.',
      '',
    ].join('\n');
  }
  const minutes = Math.round((event.endsAt - event.at) / 6_000) / 10;
  return [
    `▶ ${clockTime(event.at)} incident${event.onDemand ? ' (on demand)' : ''}: ${INCIDENT_OPERATION} stalls until ${clockTime(event.endsAt)} (${minutes} min).`,
    `  The platform hangs up on each stalled call after ${callTimeoutSeconds} s: outcome "timeout", which burns the budget.`,
    `  The ${INCIDENT_STAGE} stage of the message pipeline stalls too: messages wait in its queue and go out late after it.`,
    '  Watch: the badge turns within a few refreshes and shows a major outage once the outage',
    '  has lasted a minute; the burn-rate page fires after about 2 min and the coffee-break',
    '  warning (HartslagOutageRunning) after about 5.5 min, here and in Prometheus.',
    `  ${where.badge}  ${where.statusPage}${where.prometheusAlerts ? `  ${where.prometheusAlerts}` : ''}`,
    '',
  ].join('\n');
}
