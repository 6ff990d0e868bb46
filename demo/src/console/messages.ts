import type { SloAlert } from '@hartslag/metrics';
import type { SimMoment } from '../clock/SimClock.js';
import type { TrafficCounts } from '../traffic/TrafficClient.js';

/** The URLs the banner prints, one per line as `  <label>  <url>`: people click them, tests parse them. */
export interface DemoUrls {
  statusPage: string;
  badge: string;
  statusJson: string;
  platformMetrics: string;
  prometheus?: string;
  prometheusAlerts?: string;
}

const LABEL_WIDTH = 18;

export function urlLine(label: string, url: string, note = ''): string {
  return `  ${label.padEnd(LABEL_WIDTH)}${url}${note === '' ? '' : `  ${note}`}`;
}

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function simTime(m: SimMoment): string {
  const h = Math.floor(m.hour);
  const min = Math.floor((m.hour - h) * 60);
  return `${WEEKDAYS[m.weekday]} ${m.date} ${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

export function clockTime(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

export function banner(o: {
  daySeconds: number;
  startHour: number;
  urls: DemoUrls;
  prometheusNote?: string;
  preview: 'starting' | 'off';
}): string {
  const { urls } = o;
  const lines = [
    `Hartslag demo: a pharmacy platform under a simulated day every ${o.daySeconds} s, from ${String(o.startHour).padStart(2, '0')}:00`,
    '',
    urlLine('status page', urls.statusPage),
    urlLine('badge', urls.badge),
    urlLine('status JSON', urls.statusJson),
    urlLine('platform metrics', urls.platformMetrics),
  ];
  if (urls.prometheus !== undefined) {
    lines.push(urlLine('Prometheus', urls.prometheus), urlLine('Prometheus alerts', urls.prometheusAlerts!));
  }
  if (o.prometheusNote !== undefined) lines.push(`  ${o.prometheusNote}`);
  if (o.preview === 'starting') {
    lines.push('  panel preview     starting (the panel is built first when needed); its URL follows');
  }
  return `${lines.join('\n')}\n`;
}

function alertName(a: SloAlert): string {
  const window = a.labels.long_window === undefined ? '' : ` ${a.labels.long_window}`;
  const coffee = a.labels.coffee_break === undefined ? '' : ` coffee-break ${a.labels.coffee_break}`;
  return `${a.alertname}(${a.labels.slo}, ${a.severity}${window}${coffee})`;
}

/** One line every ~10 s: simulated time, calls so far, the badge's state, what fires. */
export function statusLine(o: {
  now: number;
  moment: SimMoment;
  counts: TrafficCounts;
  callsPerSecond: number;
  badgeState: string;
  firing: SloAlert[];
  incident: string;
}): string {
  const c = o.counts;
  const firing = o.firing.length === 0 ? 'nothing' : o.firing.map(alertName).join(', ');
  return (
    `${clockTime(o.now)}  simulated ${simTime(o.moment)} · ${c.total.toLocaleString('en')} calls ` +
    `(${o.callsPerSecond.toFixed(1)}/s; ${c.denied} denied, ${c.failed} failed, ${c.hungUp} hung up) · ` +
    `medication-history badge: ${o.badgeState} · ${o.incident} · firing: ${firing}\n`
  );
}
