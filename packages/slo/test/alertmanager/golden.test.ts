import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { amtoolCheckConfig, amtoolRoutes } from '@hartslag/testkit';
import { describe, expect, it } from 'vitest';
import {
  alertmanagerConfig,
  DEFAULT_RECEIVERS,
  defaultTiming,
  escalationInterval,
  renderAlertmanagerConfig,
} from '../../src/alertmanager/generate.js';
import { readReceivers } from '../../src/alertmanager/readReceivers.js';
import { ReceiversError } from '../../src/errors.js';
import type { SloSpec } from '../../src/model/Slo.js';
import { ALERTS, INHIBITORS } from '../../src/rules/names.js';
import { parseSpec } from '../../src/spec/parseSpec.js';
import { scenarioSlo } from '../promtool/harness.js';

const golden = new URL('../../testdata/golden/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';
const full = parseSpec(readFileSync(new URL('in-full.yaml', golden), 'utf8'), 'in-full.yaml');
const receiversFile = readFileSync(new URL('../../examples/receivers.yaml', import.meta.url), 'utf8');
const routed = ['oncall-phone', 'team-board'];

/** The generated text against its committed copy (UPDATE_GOLDEN=1 rewrites the copy). */
function expectFile(file: URL, text: string): void {
  if (update) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const files = {
  'alertmanager-full.yaml': () =>
    renderAlertmanagerConfig(alertmanagerConfig(full), 'hartslag slo alertmanager in-full.yaml'),
  'alertmanager-full-receivers.yaml': () =>
    renderAlertmanagerConfig(
      alertmanagerConfig(full, {
        pageReceiver: 'oncall-phone',
        ticketReceiver: 'team-board',
        receivers: readReceivers(receiversFile, 'receivers.yaml', routed, DEFAULT_RECEIVERS.silent),
      }),
      'hartslag slo alertmanager in-full.yaml --page-receiver oncall-phone --ticket-receiver team-board --receivers receivers.yaml',
    ),
};

describe('generated Alertmanager configuration equals the golden files (UPDATE_GOLDEN=1 rewrites them)', () => {
  it.each(Object.keys(files))('Having in-full.yaml it generates %s', (name) => {
    expectFile(new URL(name, golden), files[name as keyof typeof files]());
  });

  it('keeps examples/alertmanager.yaml in step with examples/slos.yaml', () => {
    const spec = parseSpec(readFileSync(new URL('../../examples/slos.yaml', import.meta.url), 'utf8'), 'slos.yaml');
    expectFile(
      new URL('../../examples/alertmanager.yaml', import.meta.url),
      renderAlertmanagerConfig(alertmanagerConfig(spec), 'hartslag slo alertmanager slos.yaml'),
    );
  });
});

describe('amtool accepts every generated configuration', () => {
  const paths = [
    ...Object.keys(files).map((f) => new URL(f, golden)),
    new URL('../../examples/alertmanager.yaml', import.meta.url),
  ];
  it.each(paths.map((f) => [f.pathname.split('/').slice(-2).join('/'), f] as const))(
    'amtool check-config passes on %s',
    (_name, file) => {
      const r = amtoolCheckConfig(fileURLToPath(file));
      expect(r.output).toContain('SUCCESS');
      expect(r.ok).toBe(true);
    },
  );
});

describe('routes, as amtool reads them', () => {
  const file = fileURLToPath(new URL('alertmanager-full-receivers.yaml', golden));
  const slo = { slo: 'fetch-medication-history', service: 'medication-history' };
  it.each([
    [{ alertname: ALERTS.budgetBurn, severity: 'page', long_window: '1h' }, 'oncall-phone'],
    [{ alertname: ALERTS.outageLimit, severity: 'page', coffee_break: 'breached' }, 'oncall-phone'],
    [{ alertname: ALERTS.silence, severity: 'page' }, 'oncall-phone'],
    [{ alertname: ALERTS.budgetBurn, severity: 'ticket', long_window: '3d' }, 'team-board'],
    [{ alertname: ALERTS.budgetBurn, severity: 'page', tier: 'page-1h', long_window: '1h' }, 'oncall-phone'],
    // A tier of the spec's own routes by the severity it gives.
    [{ alertname: ALERTS.budgetBurn, severity: 'ticket', tier: 'weekly', long_window: '7d' }, 'team-board'],
    [{ alertname: INHIBITORS.pagedRecently, severity: 'none' }, DEFAULT_RECEIVERS.silent],
    [{ alertname: 'NodeDown', severity: 'page' }, 'team-board'],
  ])('sends %j to %s', (labels, receiver) => {
    expect(amtoolRoutes(file, { ...slo, ...labels })).toEqual([receiver]);
  });
});

describe('timing', () => {
  const withOutage = (limit: number, warnAfter: number): SloSpec => ({
    file: 'x',
    slos: [{ ...scenarioSlo(), maxOutage: { limit, warnAfter, errorRatio: 0.5 } }],
  });

  it('sends an escalation within a minute', () => {
    expect(escalationInterval(withOutage(600, 300))).toBe(60);
    expect(defaultTiming(withOutage(600, 300)).page).toEqual({
      groupWait: 30,
      groupInterval: 60,
      repeatInterval: 14_400,
    });
  });

  it('sends it sooner when an SLO breaches less than two minutes after its warning', () => {
    expect(escalationInterval(withOutage(120, 60))).toBe(30);
    expect(escalationInterval(withOutage(60, 45))).toBe(10);
  });

  it('holds the first ticket back 30 minutes, for a page at low traffic to inhibit it', () => {
    expect(defaultTiming(withOutage(600, 300)).ticket.groupWait).toBe(1800);
  });
});

describe('receivers file', () => {
  it('passes the receivers through and adds the silent one', () => {
    const config = alertmanagerConfig(full, {
      pageReceiver: 'oncall-phone',
      ticketReceiver: 'team-board',
      receivers: readReceivers(receiversFile, 'receivers.yaml', routed, DEFAULT_RECEIVERS.silent),
    });
    expect(config.receivers.map((r) => r.name)).toEqual([...routed, DEFAULT_RECEIVERS.silent]);
    expect(config.global).toEqual({ resolve_timeout: '5m' });
    expect(config.route.receiver).toBe('team-board');
  });

  it('lists every problem of a receivers file at once', () => {
    const text = [
      'route: {}',
      'receivers:',
      '  - name: oncall-phone',
      '  - name: oncall-phone',
      '  - webhook_configs: []',
      `  - name: ${DEFAULT_RECEIVERS.silent}`,
    ].join('\n');
    let error: unknown;
    try {
      readReceivers(text, 'receivers.yaml', routed, DEFAULT_RECEIVERS.silent);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ReceiversError);
    expect((error as ReceiversError).problems).toEqual([
      'unknown section "route": only global, templates, receivers are read',
      'receivers[1]: the name "oncall-phone" is defined twice',
      'receivers[2] has no name',
      `receivers[3]: the name "${DEFAULT_RECEIVERS.silent}" is the generated silent receiver's`,
      'no receiver named "team-board", which the routes send to (defined: oncall-phone)',
    ]);
    expect((error as ReceiversError).code).toBe('HARTSLAG_ERR_RECEIVERS_INVALID');
  });

  it.each([
    ['receivers: [', /not valid YAML/],
    ['- a list', /must be a mapping/],
    ['receivers: none', /receivers must be a list/],
  ])('refuses %j', (text, message) => {
    expect(() => readReceivers(text, 'r.yaml', routed, DEFAULT_RECEIVERS.silent)).toThrow(message);
  });
});
