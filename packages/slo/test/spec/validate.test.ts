import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import type { Slo } from '../../src/model/Slo.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const good = new URL('../../testdata/validate/good/', import.meta.url);
const bad = new URL('../../testdata/validate/bad/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';
const yamlIn = (dir: URL) => readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const parse = (dir: URL, file: string) => parseSpec(readFileSync(new URL(file, dir), 'utf8'), file);

/** What each good fixture must come out as (the parts that matter; toMatchObject). */
const expected: Record<string, Partial<Slo>[]> = {
  'minimal.yaml': [
    {
      name: 'prescriptions',
      service: 'prescriptions',
      indicator: { kind: 'care', selector: { service: 'prescriptions' } },
      objective: 0.99,
      window: 30 * 86_400,
      breakdown: [],
      labels: {},
      source: { file: 'minimal.yaml', line: 3 },
    },
  ],
  'full.yaml': [
    {
      name: 'fetch-medication-history',
      displayName: 'Medication history lookups',
      description: "Pharmacies fetch a patient's medication history before dispensing.",
      service: 'medication-history',
      operation: 'fetch-medication-history',
      indicator: {
        kind: 'care',
        selector: { service: 'medication-history', operation: 'fetch-medication-history' },
      },
      objective: 0.999,
      window: 28 * 86_400,
      maxOutage: { limit: 600, warnAfter: 240, errorRatio: 0.9 },
      silence: { detectWithin: 180, baselineWeeks: 4, minExpectedRate: 1, ratio: 0.2 },
      breakdown: ['vendor', 'tenant'],
      labels: { team: 'pharmacy-hub', runbook_id: 'MED-7' },
    },
  ],
  'custom-good.yaml': [
    {
      name: 'record-exchange',
      service: 'record-exchange',
      indicator: {
        kind: 'ratio',
        good: 'sum(rate(grpc_server_handled_total{grpc_service="records.Exchange",grpc_code!~"Internal|Unavailable"}[{{window}}]))',
        total: 'sum(rate(grpc_server_handled_total{grpc_service="records.Exchange"}[ {{window}} ]))',
      },
      objective: 0.9995,
      window: 28 * 86_400,
      maxOutage: { limit: 900, warnAfter: 450, errorRatio: 0.5 },
      silence: { detectWithin: 300, baselineWeeks: 3, minExpectedRate: 0.1, ratio: 0.25 },
    },
  ],
  'two-documents.yaml': [
    {
      name: 'register-dispensation',
      operation: 'register-dispensation',
      indicator: { kind: 'care', selector: { service: 'medication-history', operation: 'register-dispensation' } },
      objective: 0.995,
      source: { file: 'two-documents.yaml', line: 4 },
    },
    {
      name: 'provider-login',
      displayName: 'Care provider log-in',
      indicator: {
        kind: 'ratio',
        bad: 'sum(rate(login_total{result="error"}[{{window}}]))',
        total: 'sum(rate(login_total[{{window}}]))',
      },
      objective: 0.98,
      window: 7 * 86_400,
      labels: { team: 'messaging' },
      source: { file: 'two-documents.yaml', line: 17 },
    },
  ],
  'two-objectives.yaml': [
    {
      name: 'prescriptions-0',
      objective: 0.999,
      window: 30 * 86_400,
      source: { file: 'two-objectives.yaml', line: 3 },
    },
    { name: 'prescriptions-1', objective: 0.99, window: 30 * 86_400, source: { file: 'two-objectives.yaml', line: 3 } },
  ],
  'grouped-hartslag-form.yaml': [
    {
      name: 'records-by-hospital',
      service: 'shared-record',
      indicator: { kind: 'care', selector: { service: 'shared-record' } },
      objective: 0.995,
      window: 28 * 86_400,
      groupBy: { label: 'tenant', top: 10 },
      source: { file: 'grouped-hartslag-form.yaml', line: 3 },
    },
  ],
};

describe('valid specs (testdata/validate/good)', () => {
  it('has an expectation for every fixture, and a fixture for every expectation', () => {
    expect(yamlIn(good).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(yamlIn(good))('Having %s it reads every SLO into the model', (file) => {
    const spec = parse(good, file);
    expect(spec.file).toBe(file);
    expect(spec.slos).toHaveLength(expected[file]!.length);
    for (const [i, slo] of spec.slos.entries()) expect(slo).toMatchObject(expected[file]![i]!);
  });

  it('leaves out what a spec does not give, rather than setting it to undefined', () => {
    const [slo] = parse(good, 'minimal.yaml').slos;
    expect(Object.keys(slo!).sort()).toEqual(
      ['breakdown', 'indicator', 'labels', 'name', 'objective', 'service', 'source', 'window'].sort(),
    );
  });

  it('gives a ratio SLI only the query the spec has, good or bad', () => {
    const [custom] = parse(good, 'custom-good.yaml').slos;
    expect(custom!.indicator).not.toHaveProperty('bad');
    const [, login] = parse(good, 'two-documents.yaml').slos;
    expect(login!.indicator).not.toHaveProperty('good');
  });
});

describe('invalid specs (testdata/validate/bad; UPDATE_GOLDEN=1 rewrites the .errors.txt files)', () => {
  it('has a .errors.txt beside every fixture, and no .errors.txt without one', () => {
    const errors = readdirSync(bad).filter((f) => f.endsWith('.errors.txt'));
    expect(errors.map((f) => f.replace(/\.errors\.txt$/, '.yaml')).sort()).toEqual(yamlIn(bad).sort());
  });

  it.each(yamlIn(bad))('Having %s it throws a SpecError with exactly the lines of its .errors.txt', (file) => {
    const golden = new URL(file.replace(/\.yaml$/, '.errors.txt'), bad);
    let error: unknown;
    try {
      parse(bad, file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    const message = (error as SpecError).message;
    if (update) writeFileSync(golden, `${message}\n`);
    expect(message).toBe(readFileSync(golden, 'utf8').trimEnd());
  });
});
