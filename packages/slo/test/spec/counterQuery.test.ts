import { describe, expect, it } from 'vitest';
import { normaliseWindow, wrapCounters } from '../../src/spec/counterQuery.js';

describe('raw counters with counter: true get the window from each rule', () => {
  it.each([
    ['sum(http_requests_total{code=~"5.."})', 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))'],
    ['http_requests_total{}', 'rate(http_requests_total{}[{{window}}])'],
    ['http_requests_total', 'rate(http_requests_total[{{window}}])'],
    ['{__name__="x_total"}', 'rate({__name__="x_total"}[{{window}}])'],
    ['sum by (code) (x_total{path="/a}b"})', 'sum by (code) (rate(x_total{path="/a}b"}[{{window}}]))'],
    ['sum without(le) (x_total) * 1e3', 'sum without(le) (rate(x_total[{{window}}])) * 1e3'],
    [
      'sum(a_total) - sum(b_total{job="x"})',
      'sum(rate(a_total[{{window}}])) - sum(rate(b_total{job="x"}[{{window}}]))',
    ],
    [
      'sum(x_total) / on(job) group_left(team) y_total',
      'sum(rate(x_total[{{window}}])) / on(job) group_left(team) rate(y_total[{{window}}])',
    ],
  ])('%s becomes %s', (query, wrapped) => {
    expect(wrapCounters(query)).toEqual({ query: wrapped });
  });

  it.each([
    ['sum(rate(x_total[5m]))', 'has a fixed range'],
    ['x_total offset 1h', 'uses offset'],
    ['sum(x_total{a="b"', 'has an unclosed {'],
    ['vector(1)', 'names no counter to count'],
  ])('refuses %s: it %s', (query, problem) => {
    const r = wrapCounters(query);
    expect('problem' in r && r.problem).toMatch(new RegExp(`^${problem.replace(/[{(]/g, '\\$&')}`));
  });

  it('reads Go-template windows as Hartslag’s', () => {
    expect(normaliseWindow('rate(x[{{.window}}]) + rate(y[{{ .window }}]) + rate(z[{{window}}])')).toBe(
      'rate(x[{{window}}]) + rate(y[{{window}}]) + rate(z[{{window}}])',
    );
  });
});
