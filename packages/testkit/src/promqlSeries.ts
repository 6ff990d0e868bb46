import { parser } from '@prometheus-io/lezer-promql';

/**
 * Grafana's variables where PromQL wants a duration (`[$__rate_interval]`) or a number: the
 * parser knows neither, so each stands in as a value of the right kind. Variables inside label
 * matchers are strings already.
 */
const GRAFANA_DURATION = /\$(?:\{__\w+\}|__\w+)/g;

/** A PromQL expression whose parse failed, with where. */
export class PromqlSyntaxError extends Error {
  constructor(expr: string, at: number) {
    super(`not PromQL at offset ${at}: ${expr.slice(0, at)}⟨here⟩${expr.slice(at)}`);
    this.name = 'PromqlSyntaxError';
  }
}

/**
 * Names of the series an expression reads (metric names of its vector selectors, in order of
 * appearance, each once), found by Prometheus' own PromQL grammar (@prometheus-io/lezer-promql),
 * so functions, aggregations, label names and keywords are never taken for series.
 * Throws PromqlSyntaxError on an expression Prometheus would refuse.
 */
export function seriesNamesIn(expr: string): string[] {
  const text = expr.replace(GRAFANA_DURATION, '5m');
  const tree = parser.parse(text);
  const names = new Set<string>();
  let error: number | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError && error === undefined) error = node.from;
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id !== null) names.add(text.slice(id.from, id.to));
      } else if (node.name === 'UnquotedLabelMatcher') {
        // `{__name__="x"}`: the name as a label matcher.
        const label = node.node.getChild('LabelName');
        const value = node.node.getChild('StringLiteral');
        if (label !== null && value !== null && text.slice(label.from, label.to) === '__name__') {
          names.add(text.slice(value.from + 1, value.to - 1));
        }
      }
    },
  });
  if (error !== undefined) throw new PromqlSyntaxError(text, error);
  return [...names];
}
