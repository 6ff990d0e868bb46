/** An SLO of a Go gRPC or HTTP service that knows only OpenTelemetry: `type: otel` sources. */
export function otelSlo(name: string, metric: string, bad: string, good?: string): string {
  const src = (spec: string) =>
    `{ metricSource: { type: otel, spec: { metric: ${metric}, job: records/record-api${spec} } } }`;
  return `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  service: record-api
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.99 }]
  indicator:
    metadata: { name: ${name} }
    spec:
      ratioMetric:
        ${good === undefined ? `bad: ${src(bad)}` : `good: ${src(good)}`}
        total: ${src('')}
`;
}
