import { describe, expect, it } from 'vitest';
import { type DeriveInput, deriveState, STATE_RANK, worstState } from '../../src/state/deriveState.js';
import { type SloFigures, STATES, type State } from '../../src/state/State.js';

const NOW = Date.UTC(2025, 0, 6, 10, 0, 0);
const STALE_AFTER = 120_000;
const SLO = 'fetch-medication-history';
const OTHER = 'send-prescription';

function figures(over: Partial<SloFigures> = {}, slo = SLO): SloFigures {
  return { slo, budgetRemaining: 0.8, errorRatio5m: 0.001, outage: undefined, silent: false, firing: [], ...over };
}

function input(over: Partial<DeriveInput> = {}, slos: SloFigures[] = [figures()]): DeriveInput {
  return {
    component: { id: 'medication-history', slos: [SLO] },
    reading: { at: NOW - 10_000, slos: new Map(slos.map((f) => [f.slo, f])) },
    now: NOW,
    staleAfterMs: STALE_AFTER,
    maintenance: false,
    ...over,
  };
}

const page = (alertname = 'HartslagErrorBudgetBurn') => ({ alertname, severity: 'page' });
const ticket = { alertname: 'HartslagErrorBudgetBurn', severity: 'ticket' };
const outage = (seconds: number, active = true) => ({ active, seconds, limit: 600 });

describe('deriveState', () => {
  const cases: [string, DeriveInput, State, string[]][] = [
    ['A fresh reading with budget left and nothing firing is operational', input(), 'operational', []],
    ['Without a reading the state is unknown', input({ reading: undefined }), 'unknown', ['source:none']],
    [
      'A source that threw makes the state unknown, whatever the last reading said',
      input({ readError: new Error('ECONNREFUSED') }),
      'unknown',
      ['source:error'],
    ],
    [
      'A reading exactly staleAfterMs old is still fresh',
      input({ reading: { at: NOW - STALE_AFTER, slos: new Map([[SLO, figures()]]) } }),
      'operational',
      [],
    ],
    [
      'A reading one millisecond older than staleAfterMs is stale and unknown',
      input({ reading: { at: NOW - STALE_AFTER - 1, slos: new Map([[SLO, figures()]]) } }),
      'unknown',
      ['source:stale'],
    ],
    [
      'A stale reading hides an outage it once showed: unknown, not major outage',
      input({ reading: { at: NOW - STALE_AFTER - 1, slos: new Map([[SLO, figures({ outage: outage(300) })]]) } }),
      'unknown',
      ['source:stale'],
    ],
    [
      'A reading from slightly in the future (clock skew) counts as fresh',
      input({ reading: { at: NOW + 5_000, slos: new Map([[SLO, figures()]]) } }),
      'operational',
      [],
    ],
    [
      'A component whose SLO is missing from the reading is unknown',
      input({}, [figures({}, OTHER)]),
      'unknown',
      [`slo:${SLO}:missing`],
    ],
    [
      'A component without SLOs is unknown',
      input({ component: { id: 'empty', slos: [] } }),
      'unknown',
      ['component:no_slos'],
    ],
    [
      'An outage active for 60 seconds is a major outage',
      input({}, [figures({ outage: outage(60) })]),
      'major_outage',
      [`slo:${SLO}:outage_active`],
    ],
    [
      'An outage active for 59 seconds is a blip and stays operational',
      input({}, [figures({ outage: outage(59) })]),
      'operational',
      [],
    ],
    [
      'Outage seconds without an active outage do not count',
      input({}, [figures({ outage: outage(600, false) })]),
      'operational',
      [],
    ],
    [
      'The coffee-break limit breached is a major outage',
      input({}, [figures({ firing: [page('HartslagOutageLimitBreached')] })]),
      'major_outage',
      [`slo:${SLO}:alert:HartslagOutageLimitBreached`],
    ],
    [
      'The coffee-break warning is a major outage',
      input({}, [figures({ firing: [page('HartslagOutageRunning')] })]),
      'major_outage',
      [`slo:${SLO}:alert:HartslagOutageRunning`],
    ],
    [
      'A budget-burn page is a partial outage',
      input({}, [figures({ firing: [page()] })]),
      'partial_outage',
      [`slo:${SLO}:alert:HartslagErrorBudgetBurn:page`],
    ],
    [
      'Two burn-rate windows paging give one reason',
      input({}, [figures({ firing: [page(), page()] })]),
      'partial_outage',
      [`slo:${SLO}:alert:HartslagErrorBudgetBurn:page`],
    ],
    [
      'Calls falling silent is a partial outage',
      input({}, [figures({ silent: true, firing: [page('HartslagTrafficSilent')] })]),
      'partial_outage',
      [`slo:${SLO}:alert:HartslagTrafficSilent`],
    ],
    [
      'An SLO that reads silent before its alert fires is a partial outage',
      input({}, [figures({ silent: true })]),
      'partial_outage',
      [`slo:${SLO}:silent`],
    ],
    [
      'A budget-burn ticket is degraded',
      input({}, [figures({ firing: [ticket] })]),
      'degraded',
      [`slo:${SLO}:alert:HartslagErrorBudgetBurn:ticket`],
    ],
    [
      'An overspent budget is degraded',
      input({}, [figures({ budgetRemaining: -0.01 })]),
      'degraded',
      [`slo:${SLO}:budget_spent`],
    ],
    [
      'Too few calls in six hours to judge is unknown, not operational',
      input({}, [figures({ judgeable: false })]),
      'unknown',
      [`slo:${SLO}:too_few_calls`],
    ],
    [
      'Too few calls to judge does not hide a ticket',
      input({}, [figures({ judgeable: false, firing: [ticket] })]),
      'degraded',
      [`slo:${SLO}:alert:HartslagErrorBudgetBurn:ticket`, `slo:${SLO}:too_few_calls`],
    ],
    [
      'An overspent budget over days of data out of 30 is not judged: collecting data',
      input({}, [figures({ budgetRemaining: -0.5, coverage: { ratio: 0.1, window: 2_592_000, collecting: true } })]),
      'operational',
      [],
    ],
    [
      'A budget spent to exactly zero is still operational',
      input({}, [figures({ budgetRemaining: 0 })]),
      'operational',
      [],
    ],
    [
      'A high 5-minute error ratio alone is not judged: the burn-rate alerts decide',
      input({}, [figures({ errorRatio5m: 0.5 })]),
      'operational',
      [],
    ],
    [
      'No calls in any window (undefined figures) is operational',
      input({}, [figures({ budgetRemaining: undefined, errorRatio5m: undefined })]),
      'operational',
      [],
    ],
    [
      'The worst SLO of a component decides, reasons most severe first',
      input({ component: { id: 'medication-history', slos: [SLO, OTHER] } }, [
        figures({ firing: [ticket] }),
        figures({ outage: outage(120) }, OTHER),
      ]),
      'major_outage',
      [`slo:${OTHER}:outage_active`, `slo:${SLO}:alert:HartslagErrorBudgetBurn:ticket`],
    ],
    [
      'A missing SLO does not hide an outage another SLO proves',
      input({ component: { id: 'medication-history', slos: [SLO, OTHER] } }, [figures({ firing: [page()] })]),
      'partial_outage',
      [`slo:${SLO}:alert:HartslagErrorBudgetBurn:page`, `slo:${OTHER}:missing`],
    ],
    [
      'A missing SLO keeps a component out of operational even when the others are fine',
      input({ component: { id: 'medication-history', slos: [SLO, OTHER] } }, [figures()]),
      'unknown',
      [`slo:${OTHER}:missing`],
    ],
    [
      'Maintenance during an outage shows maintenance',
      input({ maintenance: true }, [figures({ outage: outage(900), firing: [page('HartslagOutageLimitBreached')] })]),
      'maintenance',
      ['maintenance'],
    ],
    [
      'Maintenance while the source is down shows maintenance',
      input({ maintenance: true, readError: new Error('down') }),
      'maintenance',
      ['maintenance'],
    ],
    [
      'Maintenance with a stale reading shows maintenance',
      input({ maintenance: true, reading: { at: NOW - 10 * STALE_AFTER, slos: new Map() } }),
      'maintenance',
      ['maintenance'],
    ],
    [
      'A minor incident raises operational to degraded',
      input({ incidentImpact: 'minor' }),
      'degraded',
      ['incident:minor'],
    ],
    [
      'A major incident raises operational to partial outage',
      input({ incidentImpact: 'major' }),
      'partial_outage',
      ['incident:major'],
    ],
    [
      'A critical incident raises operational to major outage',
      input({ incidentImpact: 'critical' }),
      'major_outage',
      ['incident:critical'],
    ],
    ['An incident without impact changes nothing', input({ incidentImpact: 'none' }), 'operational', []],
    [
      'A minor incident never lowers a major outage',
      input({ incidentImpact: 'minor' }, [figures({ outage: outage(300) })]),
      'major_outage',
      ['incident:minor', `slo:${SLO}:outage_active`],
    ],
    [
      'A major incident never lowers a major outage',
      input({ incidentImpact: 'major' }, [figures({ firing: [page('HartslagOutageRunning')] })]),
      'major_outage',
      ['incident:major', `slo:${SLO}:alert:HartslagOutageRunning`],
    ],
    [
      'A major incident keeps a partial outage a partial outage',
      input({ incidentImpact: 'major' }, [figures({ firing: [page()] })]),
      'partial_outage',
      ['incident:major', `slo:${SLO}:alert:HartslagErrorBudgetBurn:page`],
    ],
    [
      'A declared incident raises unknown: a person saw what the source could not',
      input({ incidentImpact: 'major', readError: new Error('timeout') }),
      'partial_outage',
      ['incident:major', 'source:error'],
    ],
    [
      'A declared incident raises maintenance: maintenance hides measurements, not declarations',
      input({ incidentImpact: 'minor', maintenance: true }),
      'degraded',
      ['incident:minor', 'maintenance'],
    ],
  ];

  it.each(cases)('%s', (_name, given, state, reasons) => {
    expect(deriveState(given)).toEqual({ state, reasons });
  });

  it('never reads the component dependencies: the caller combines them', () => {
    const withDeps = input({ component: { id: 'medication-history', slos: [SLO], dependsOn: ['identity'] } });
    expect(deriveState(withDeps)).toEqual(deriveState(input()));
  });
});

describe('worstState', () => {
  it('ranks every state, operational lowest and major outage highest', () => {
    expect([...STATES].sort((a, b) => STATE_RANK[a] - STATE_RANK[b])).toEqual([
      'operational',
      'maintenance',
      'unknown',
      'degraded',
      'partial_outage',
      'major_outage',
    ]);
  });

  const cases: [string, State[], State][] = [
    ['All operational is operational', ['operational', 'operational'], 'operational'],
    ['One degraded component makes the page degraded', ['operational', 'degraded'], 'degraded'],
    ['Unknown outranks operational and maintenance', ['operational', 'unknown', 'maintenance'], 'unknown'],
    ['Degraded outranks unknown', ['unknown', 'degraded'], 'degraded'],
    ['Maintenance outranks operational', ['maintenance', 'operational'], 'maintenance'],
    ['A major outage outranks everything', ['partial_outage', 'major_outage', 'unknown'], 'major_outage'],
    ['No components at all is unknown', [], 'unknown'],
  ];
  it.each(cases)('%s', (_name, states, expected) => {
    expect(worstState(states)).toBe(expected);
  });
});
