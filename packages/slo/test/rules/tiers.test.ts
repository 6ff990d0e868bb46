import { ALERT_WINDOWS } from '@hartslag/metrics/contract';
import { describe, expect, it } from 'vitest';
import { ScrapeIntervalError, SpecError } from '../../src/errors.js';
import { evaluatorObjectives } from '../../src/model/objectives.js';
import { generateRules } from '../../src/rules/generate.js';
import { ALERTS, SERIES } from '../../src/rules/names.js';
import type { AlertingRule } from '../../src/rules/RuleFile.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

/** One SLO on the care metrics, with the given annotations and objectives lines. */
function spec(annotations: Record<string, string>, objectives = '[{ target: 0.999 }]') {
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`);
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: lookups
${lines.length > 0 ? `  annotations:\n${lines.join('\n')}\n` : ''}spec:
  service: hub
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: ${objectives}
  indicator:
    metadata: { name: lookups }
    spec:
      ratioMetric:
        counter: true
        bad: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="hub",operation="lookup",outcome=~"server_error|timeout"}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: 'care_calls_total{service="hub",operation="lookup"}' } } }
`;
}

const burns = (text: string, scrapeInterval?: number) =>
  generateRules(parseSpec(text, 'slos.yaml'), scrapeInterval === undefined ? {} : { scrapeInterval })
    .groups.flatMap((g) => g.rules)
    .filter((r): r is AlertingRule => 'alert' in r && r.alert === ALERTS.budgetBurn);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('alert tiers', () => {
  it('takes the SRE workbook tiers by default, each alert labelled with its tier, names and windows as before', () => {
    const rules = burns(spec({}));
    expect(rules.map((r) => [r.labels?.tier, r.labels?.severity, r.labels?.long_window])).toEqual([
      ['page-1h', 'page', '1h'],
      ['page-6h', 'page', '6h'],
      ['ticket-1d', 'ticket', '1d'],
      ['ticket-3d', 'ticket', '3d'],
    ]);
    expect(rules[0]!.expr).toContain('slo:sli_error:ratio_rate1h{slo="lookups"} > 0.0144');
  });

  it('reads tiers from hartslag.dev/alert-tiers: burn factors as given, their windows recorded, one alert per tier', () => {
    const text = spec({
      'hartslag.dev/alert-tiers': 'fast 2h/10m 10x page, weekly 7d/12h 0.5x ticket',
    });
    const rules = burns(text);
    expect(rules.map((r) => r.labels)).toEqual([
      expect.objectContaining({ tier: 'fast', severity: 'page', long_window: '2h' }),
      expect.objectContaining({ tier: 'weekly', severity: 'ticket', long_window: '7d' }),
    ]);
    // 10 × 0.1% and 0.5 × 0.1%: the factor is not scaled by the period.
    expect(rules[0]!.expr).toContain('slo:sli_error:ratio_rate2h{slo="lookups"} > 0.01 ');
    expect(rules[0]!.expr).toContain('slo:sli_error:ratio_rate10m{slo="lookups"}');
    expect(rules[1]!.expr).toContain('slo:sli_error:ratio_rate7d{slo="lookups"} > 0.0005 ');
    const recorded = generateRules(parseSpec(text, 'slos.yaml')).groups.flatMap((g) =>
      g.rules.flatMap((r) => ('record' in r ? [r.record] : [])),
    );
    for (const w of [600, 7200, 43_200, 604_800]) {
      expect(recorded).toContain(SERIES.errorRatio(w));
      expect(recorded).toContain(SERIES.calls(w));
      expect(recorded).toContain(SERIES.failedCalls(w));
    }
    // The inhibitor's aftermath follows the slowest ticket tier's short window (12h) plus its margin.
    const inhibitor = generateRules(parseSpec(text, 'slos.yaml'))
      .groups.flatMap((g) => g.rules)
      .find((r) => 'alert' in r && r.alert === 'HartslagPagedRecently');
    expect(inhibitor!.expr).toContain('[12h10m]');
  });

  it('gives the evaluator the same tiers and minimum traffic', () => {
    const text = spec({ 'hartslag.dev/alert-tiers': 'fast 2h/10m 10x page', 'hartslag.dev/min-traffic': '20' });
    const [objective] = evaluatorObjectives(
      {
        ...parseSpec(text, 'slos.yaml'),
        slos: parseSpec(text, 'slos.yaml').slos.map((s) => ({
          ...s,
          indicator: { kind: 'care' as const, selector: { service: 'hub' } },
        })),
      },
      'hub',
    );
    expect(objective!.alertWindows).toEqual([
      { name: 'fast', severity: 'page', long: 7200, short: 600, budgetConsumed: (10 * 7200) / (30 * 86_400) },
    ]);
    expect(objective!.minCalls).toBe(20);
  });

  it('refuses bad tiers, every one in one error, naming the annotation', () => {
    const e = thrown(() =>
      parseSpec(
        spec({
          'hartslag.dev/alert-tiers':
            'Fast 1h/5m 14.4x page, slow 5m/1h 2x ticket, odd 1h/2m 0x warning, big 1h/5m 2000x page',
        }),
        'slos.yaml',
      ),
    );
    expect(e).toBeInstanceOf(SpecError);
    const messages = (e as SpecError).problems.map((p) => `${p.path} ${p.message}`);
    expect(messages).toEqual([
      'metadata.annotations.hartslag.dev/alert-tiers tier "Fast 1h/5m 14.4x page": the name "Fast" must be a DNS label (a-z, 0-9 and -), e.g. page-1h',
      'metadata.annotations.hartslag.dev/alert-tiers tier "slow 5m/1h 2x ticket": the short window (1h) must be shorter than the long one (5m)',
      'metadata.annotations.hartslag.dev/alert-tiers tier "odd 1h/2m 0x warning": another tier already looks back 1h: give each tier its own long window',
      'metadata.annotations.hartslag.dev/alert-tiers tier "odd 1h/2m 0x warning": the burn factor must be a number above 0 such as 14.4x, got 0x',
      'metadata.annotations.hartslag.dev/alert-tiers tier "odd 1h/2m 0x warning": the severity must be page or ticket, got warning',
      'metadata.annotations.hartslag.dev/alert-tiers tier "big 1h/5m 2000x page": another tier already looks back 1h: give each tier its own long window',
    ]);
  });

  it('refuses a burn factor that can never fire for the objective', () => {
    const e = thrown(() => parseSpec(spec({ 'hartslag.dev/alert-tiers': 'fast 1h/5m 2000x page' }), 'slos.yaml'));
    expect((e as SpecError).problems.map((p) => p.message)).toEqual([
      'tier "fast": a 2000x burn of a 0.999 objective is more than every call failing, so it never fires; give a burn factor below 1000',
    ]);
  });
});

describe('minimum traffic', () => {
  it('keeps burn alerts and outages silent below hartslag.dev/min-traffic calls in their window', () => {
    const text = spec({ 'hartslag.dev/min-traffic': '20', 'hartslag.dev/max-outage': '10m' });
    const rules = generateRules(parseSpec(text, 'slos.yaml')).groups.flatMap((g) => g.rules);
    for (const w of ALERT_WINDOWS) {
      const rule = rules.find((r) => 'alert' in r && r.labels?.tier === w.name)!;
      expect(rule.expr).toContain(`${SERIES.calls(w.long)}{slo="lookups"} >= 19.5`);
    }
    const active = rules.find((r) => 'record' in r && r.record === SERIES.outageActive)!;
    expect(active.expr).toContain(`${SERIES.calls(60)}{slo="lookups"} >= 19.5`);
    const judgeable = rules.find((r) => 'record' in r && r.record === SERIES.judgeable)!;
    expect(judgeable.expr).toBe(`${SERIES.calls(21_600)}{slo="lookups"} >= bool 19.5`);
  });

  it('adds nothing at or below the 3 failed calls every alert needs anyway', () => {
    const plain = burns(spec({}));
    expect(burns(spec({ 'hartslag.dev/min-traffic': '3' }))).toEqual(plain);
  });

  it('refuses a minimum that is not a whole number of calls', () => {
    const e = thrown(() => parseSpec(spec({ 'hartslag.dev/min-traffic': 'lots' }), 'slos.yaml'));
    expect((e as SpecError).problems.map((p) => p.message)).toEqual([
      'must be a whole number of calls such as 20, got "lots"',
    ]);
  });
});

describe('the scrape-interval guard', () => {
  const slices = (extra: Record<string, string> = {}) =>
    spec(extra, '[{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 1m }]').replace(
      'timeWindow:',
      'budgetingMethod: Timeslices\n  timeWindow:',
    );

  it('refuses, at the default 30s, a window under four scrapes, naming the SLO and the window', () => {
    const e = thrown(() => burns(slices()));
    expect(e).toBeInstanceOf(ScrapeIntervalError);
    expect((e as ScrapeIntervalError).code).toBe('HARTSLAG_ERR_SCRAPE_INTERVAL');
    expect((e as ScrapeIntervalError).problems).toEqual([
      expect.objectContaining({ slo: 'lookups', window: 60, what: 'time slice (timeSliceWindow)', scrapeInterval: 30 }),
    ]);
    expect((e as Error).message).toContain(
      'SLO lookups: the 1m time slice (timeSliceWindow) holds 2 scrapes at a 30s scrape interval, a rate over it needs 4: lengthen it to 2m or scrape every 15s or more often',
    );
  });

  it('accepts the same spec at a 15s scrape interval, from the option or from hartslag.dev/scrape-interval', () => {
    expect(burns(slices(), 15)).toHaveLength(4);
    expect(burns(slices({ 'hartslag.dev/scrape-interval': '15s' }))).toHaveLength(4);
    // The SLO's own interval wins over the generator's.
    expect(() => burns(slices({ 'hartslag.dev/scrape-interval': '30s' }), 15)).toThrow(ScrapeIntervalError);
  });

  it('holds the tiers to it: a 5-minute short window needs scrapes every 75s or more often', () => {
    const e = thrown(() => burns(spec({ 'hartslag.dev/scrape-interval': '2m' })));
    const problems = (e as ScrapeIntervalError).problems.map((p) => [p.window, p.what, p.needs]);
    expect(problems).toEqual([
      [300, 'short window of alert tier page-1h', 4],
      [60, 'built-in "right now" window (outage, page guard, silence)', 2],
    ]);
  });

  it('accepts every default tier at a 30s scrape interval', () => {
    expect(burns(spec({}), 30)).toHaveLength(ALERT_WINDOWS.length);
  });
});
