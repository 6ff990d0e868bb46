import { SLO_SERIES } from '@hartslag/metrics/contract';
import type { Slo } from '@hartslag/slo';
import type { InstantQuery } from '../source/InstantQuery.js';

/**
 * The SLOs a report covers, as their generated rules record them (`slo:objective:ratio`, with
 * service and operation): the status API has the names from its components, not the spec file.
 * Any SLO recorded during the `windowSeconds` before `atMs` counts, so one retired since, or
 * whose rules stopped before the period ended, is still in its report. Sorted by name; names
 * that no series carries are left out.
 */
export async function slosOnRecord(
  prometheus: { instant: InstantQuery; timeoutMs: number },
  wanted: readonly string[],
  atMs: number,
  windowSeconds: number,
): Promise<Slo[]> {
  const names = new Set(wanted);
  const known = await prometheus.instant.query(
    `max by (slo, service, operation) (last_over_time(${SLO_SERIES.objective}[${windowSeconds}s]))`,
    atMs,
    AbortSignal.timeout(prometheus.timeoutMs),
  );
  return known
    .filter((s) => names.has(s.metric.slo ?? '') && typeof s.metric.service === 'string')
    .map((s) => {
      const { slo, service, operation } = s.metric as { slo: string; service: string; operation?: string };
      return {
        name: slo,
        service,
        ...(operation ? { operation } : {}),
        indicator: { kind: 'care', selector: { service, ...(operation ? { operation } : {}) } },
        objective: Number(s.value[1]),
        window: windowSeconds,
        breakdown: [],
        labels: {},
        source: { file: SLO_SERIES.objective, line: 0 },
      } satisfies Slo;
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
