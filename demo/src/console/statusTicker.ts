import type { SloEvaluator } from '@hartslag/metrics';
import type { SimClock } from '../clock/SimClock.js';
import type { IncidentScheduler } from '../incident/IncidentScheduler.js';
import type { TrafficClient } from '../traffic/TrafficClient.js';
import { clockTime, statusLine } from './messages.js';

const STATUS_LINE_MS = 10_000;

/** Prints the status line every 10 s: calls and their rate, the badge, the incident, what fires. Returns its stop. */
export function startStatusTicker(o: {
  client: TrafficClient;
  clock: SimClock;
  badgeState: () => string;
  evaluator: SloEvaluator;
  incident: IncidentScheduler;
  write: (text: string) => unknown;
}): () => void {
  let lastTotal = 0;
  let lastAt = Date.now();
  const ticker = setInterval(() => {
    const now = Date.now();
    const counts = o.client.counts;
    const perSecond = ((counts.total - lastTotal) * 1000) / Math.max(1, now - lastAt);
    lastTotal = counts.total;
    lastAt = now;
    const state = o.incident.state;
    o.write(
      statusLine({
        now,
        moment: o.clock.at(now),
        counts,
        callsPerSecond: perSecond,
        badgeState: o.badgeState(),
        firing: o.evaluator.firingAlerts(),
        incident:
          state.phase === 'active'
            ? `incident until ${clockTime(state.endsAt!)}`
            : state.phase === 'scheduled'
              ? `incident at ${clockTime(state.startsAt!)}`
              : 'no incident',
      }),
    );
  }, STATUS_LINE_MS);
  return () => clearInterval(ticker);
}
