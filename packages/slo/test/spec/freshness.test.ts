import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors.js';
import { parseSpec } from '../../src/spec/parseSpec.js';

const golden = readFileSync(new URL('../../testdata/golden/in-freshness.yaml', import.meta.url), 'utf8');

function problems(text: string): string[] {
  try {
    parseSpec(text, 'slos.yaml');
  } catch (err) {
    if (err instanceof SpecError) return err.message.split('\n').filter((l) => /^slos\.yaml:\d+:/.test(l));
    throw err;
  }
  throw new Error('the spec was accepted');
}

describe('freshness SLOs: a ratioMetric over care_pipeline_message_age_seconds', () => {
  it('Having good = the age bucket at 60 s and total = the count it recognises a freshness SLO', () => {
    const [slo] = parseSpec(golden, 'in-freshness.yaml').slos;
    expect(slo!.objective).toBe(0.99);
    expect(slo!.indicator).toEqual({
      kind: 'ratio',
      freshness: { pipeline: 'send-message', stage: 'deliver', within: 60 },
      good: 'sum(rate(care_pipeline_message_age_seconds_bucket{service="messaging",pipeline="send-message",stage="deliver",le=~"60|60.0"}[{{window}}]))',
      total:
        'sum(rate(care_pipeline_message_age_seconds_count{service="messaging",pipeline="send-message",stage="deliver"}[{{window}}]))',
    });
  });

  it('refuses a threshold that is not a bucket bound, naming the bounds and the line', () => {
    const found = problems(golden.replace('le="60"', 'le="45"'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^slos\.yaml:25: /);
    expect(found[0]).toContain('within le="45", which is not one of its bucket bounds (0.5, 1, 2.5, 5, 10, 30, 60,');
  });

  it('leaves other queries over the age histogram to the ratio indicator as written', () => {
    const other = golden.replace('stage="deliver", le="60"', 'stage="notify", le="60"');
    const [slo] = parseSpec(other, 'slos.yaml').slos;
    expect(slo!.indicator).not.toHaveProperty('freshness');
    const regex = golden.replace('le="60"', 'le=~"60|120"');
    expect(parseSpec(regex, 'slos.yaml').slos[0]!.indicator).not.toHaveProperty('freshness');
  });
});
