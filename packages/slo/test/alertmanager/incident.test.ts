/**
 * One outage, one notification: the generated rules (evaluated by the real promtool) and the
 * generated Alertmanager configuration (loaded by the real Alertmanager), with webhook receivers
 * for pages and tickets. See replay.ts for how 7 hours of alerts play in seconds.
 */

import {
  type RunningAlertmanager,
  type RunningWebhookReceiver,
  startAlertmanager,
  startWebhookReceiver,
} from '@hartslag/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerConfig, defaultTiming, renderAlertmanagerConfig } from '../../src/alertmanager/generate.js';
import type { Slo, SloSpec } from '../../src/model/Slo.js';
import { generateRules } from '../../src/rules/generate.js';
import { ALERTS, INHIBITORS } from '../../src/rules/names.js';
import { SELECTOR, scenarioSlo, t } from '../promtool/harness.js';
import { during, STEP } from '../promtool/scenarioKit.js';
import { callSeries, weeklyRhythm } from '../promtool/series.js';
import { type Change, changes, type Observation, Replay } from './replay.js';
import { alertTimeline, type FiredAlert, type Timeline } from './timeline.js';

const STEP_MS = 250;
const MAX_STRETCH = 8;

const first = scenarioSlo();
const secondSelector = { service: 'dispensation', operation: 'register-dispensation' };
const second: Slo = {
  ...first,
  name: 'register-dispensation',
  ...secondSelector,
  indicator: { kind: 'care', selector: secondSelector },
};
const spec: SloSpec = { file: 'incident', slos: [first, second] };

// Thursday 10:00 at the morning peak: the first SLO fails every call for 15 minutes; the second,
// in the other test, from 10:02 to 10:17. The ticket tiers keep firing for hours afterwards.
const OUTAGE = t('10h');
const LENGTH = OUTAGE + t('6h45m');
const times: number[] = [];
for (let s = OUTAGE - 60; s <= LENGTH; s += STEP) times.push(s);

let timeline: Timeline;
// promtool evaluates the rules at 813 instants: 104 s in the last fresh-clone CI, over 120 s beside
// the other scenarios. The timeout guards against a hang, not a cost.
beforeAll(() => {
  const input = [
    ...callSeries(
      SELECTOR,
      { total: weeklyRhythm, errors: during(OUTAGE, OUTAGE + t('15m'), weeklyRhythm) },
      LENGTH,
      STEP,
    ),
    ...callSeries(
      secondSelector,
      { total: weeklyRhythm, errors: during(OUTAGE + t('2m'), OUTAGE + t('17m'), weeklyRhythm) },
      LENGTH,
      STEP,
    ),
  ];
  timeline = alertTimeline(generateRules(spec), input, STEP, times);
}, 900_000);

interface Notification {
  /** Scenario time of the last change posted before it arrived. */
  time: number;
  groupKey: string;
  status: string;
  groupLabels: Record<string, string>;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
}

interface Run {
  page: Notification[];
  ticket: Notification[];
  observations: Observation[];
  replay: Replay;
}

const reason = (labels: Record<string, string>) =>
  [labels.alertname, labels.long_window ?? labels.coffee_break].filter(Boolean).join(' ');
const firing = (n: Notification) => n.alerts.filter((a) => a.status === 'firing').map((a) => reason(a.labels));
const clock = (seconds: number) =>
  `${String(Math.floor(seconds / 3600) % 24).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;

const running: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
});

/** Starts Alertmanager with the generated configuration, timed for the replay, and plays the changes. */
async function play(cs: Change[]): Promise<Run> {
  const replay = new Replay(cs, STEP, STEP_MS, MAX_STRETCH);
  const prod = defaultTiming(spec);
  const firstPage = cs.find((c) => c.firing.some((a) => a.labels.severity === 'page'))!.time;
  const firstTicket = cs.find((c) => c.firing.some((a) => a.labels.severity === 'ticket'))!.time;
  const hooks: RunningWebhookReceiver = await startWebhookReceiver();
  running.push(hooks);
  const hook = (path: string, sendResolved: boolean) => [{ url: `${hooks.url}/${path}`, send_resolved: sendResolved }];
  const config = alertmanagerConfig(spec, {
    receivers: {
      receivers: [
        { name: 'hartslag-page', webhook_configs: hook('page', true) },
        { name: 'hartslag-ticket', webhook_configs: hook('ticket', true) },
      ],
    },
    timing: {
      page: {
        groupWait: replay.realSeconds(firstPage, prod.page.groupWait),
        groupInterval: replay.realSeconds(firstPage, prod.page.groupInterval),
        repeatInterval: replay.realSeconds(firstPage, prod.page.repeatInterval),
      },
      // The first ticket notification waits as long as in production; after that the ticket
      // group is looked at every evaluation, more often than the hourly production interval, so
      // any moment a ticket is not held back reaches the ticket receiver.
      ticket: {
        groupWait: replay.realSeconds(firstTicket, prod.ticket.groupWait),
        groupInterval: STEP_MS / 1000,
        repeatInterval: STEP_MS / 1000,
      },
    },
  });
  const am: RunningAlertmanager = await startAlertmanager(renderAlertmanagerConfig(config, 'incident.test.ts'));
  running.push(am);
  let now = cs[0]!.time;
  const arrived = new Map<number, number>();
  const observations = await replay.play(
    am,
    (time) => {
      // What arrived since the last change came in answer to it.
      for (let i = 0; i < hooks.calls.length; i++) if (!arrived.has(i)) arrived.set(i, now);
      now = time;
    },
    6 * STEP_MS,
  );
  const notifications = hooks.calls.map((c, i) => ({
    ...(c.body as Omit<Notification, 'time'>),
    time: arrived.get(i) ?? now,
    path: c.path,
  }));
  await am.stop();
  return {
    page: notifications.filter((n) => n.path === '/page'),
    ticket: notifications.filter((n) => n.path === '/ticket'),
    observations,
    replay,
  };
}

const ofSlo = (name: string) => (a: FiredAlert) => a.labels.slo === name;

describe('one outage rings once: the real Alertmanager with the generated configuration', () => {
  it('a 15-minute total outage sends one page notification group that escalates, and no ticket', async () => {
    const cs = changes(timeline, times, ofSlo(first.name));
    // The rules fire what makes the test mean something: a burn page, both coffee-break stages,
    // a ticket, and the inhibitor.
    const fired = new Set(cs.flatMap((c) => c.firing.map((a) => `${reason(a.labels)} ${a.labels.severity}`)));
    for (const expected of [
      `${ALERTS.outageRunning} warning page`,
      `${ALERTS.outageLimit} breached page`,
      `${INHIBITORS.pagedRecently} none`,
    ]) {
      expect(fired).toContain(expected);
    }
    expect([...fired].some((f) => f.startsWith(ALERTS.budgetBurn) && f.endsWith(' page'))).toBe(true);
    expect([...fired].some((f) => f.startsWith(ALERTS.budgetBurn) && f.endsWith(' ticket'))).toBe(true);

    const run = await play(cs);
    console.log(
      'page receiver during a 15-minute outage at 10:00:\n' +
        run.page.map((n) => `  ${clock(n.time)} ${n.status}: ${firing(n).join(', ') || '(all resolved)'}`).join('\n'),
    );

    // One group: every notification has the same key and the SLO as its group label.
    expect(new Set(run.page.map((n) => n.groupKey)).size).toBe(1);
    expect(run.page.every((n) => n.groupLabels.slo === first.name && Object.keys(n.groupLabels).length === 1)).toBe(
      true,
    );
    // It escalates: a notification with the coffee-break warning, then one where the breach has
    // taken its place, then the all-clear.
    const warned = run.page.findIndex((n) => firing(n).includes(`${ALERTS.outageRunning} warning`));
    const breached = run.page.findIndex((n) => firing(n).includes(`${ALERTS.outageLimit} breached`));
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(breached).toBeGreaterThan(warned);
    expect(firing(run.page[breached]!)).not.toContain(`${ALERTS.outageRunning} warning`);
    expect(firing(run.page[0]!).some((r) => r.startsWith(ALERTS.budgetBurn))).toBe(true);
    expect(run.page.at(-1)!.status).toBe('resolved');
    // Nothing else pages: every alert in the group is a page of this SLO.
    expect(
      run.page.flatMap((n) => n.alerts).every((a) => a.labels.severity === 'page' && a.labels.slo === first.name),
    ).toBe(true);

    expect(run.ticket).toEqual([]);
    // Why no ticket: from the moment the ticket group could first notify, every firing ticket is
    // inhibited (Alertmanager's own verdict); before the page it was active, waiting.
    const firstTicket = cs.find((c) => c.firing.some((a) => a.labels.severity === 'ticket'))!.time;
    const ticketStates = (o: Observation) => o.states.filter((s) => s.labels.severity === 'ticket');
    const due = run.observations.filter((o) => o.time >= firstTicket + defaultTiming(spec).ticket.groupWait);
    // With ten hours of (sparsely sampled) history a ticket may be over before it is due: then
    // there is nothing to inhibit, and the ticket receiver's silence above is the whole verdict.
    for (const o of due) {
      for (const s of ticketStates(o)) {
        expect({ at: clock(o.time), alert: reason(s.labels), ...s.status }).toMatchObject({
          state: 'suppressed',
          inhibitedBy: [expect.any(String)],
        });
      }
    }
    const beforePage = run.observations.filter(
      (o) => o.time < cs.find((c) => c.firing.some((a) => a.labels.severity === 'page'))!.time,
    );
    expect(beforePage.flatMap(ticketStates).map((s) => s.status.state)).toContain('active');
  }, 180_000);

  it('two SLOs failing at once send two page notification groups, one per SLO, and no ticket', async () => {
    // Up to the all-clear of both: the hours of tickets afterwards are the first test's.
    const cs = changes(timeline, times, () => true).filter((c) => c.time <= OUTAGE + t('30m'));
    const run = await play(cs);
    const groups = new Map<string, Set<string>>();
    for (const n of run.page) {
      const slos = groups.get(n.groupKey) ?? new Set();
      for (const a of n.alerts) slos.add(a.labels.slo!);
      groups.set(n.groupKey, slos);
    }
    expect([...groups.values()].map((s) => [...s]).sort()).toEqual([[first.name], [second.name]]);
    expect(run.ticket).toEqual([]);
  }, 180_000);
});
