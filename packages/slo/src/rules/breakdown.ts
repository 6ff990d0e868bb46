import { BUDGET_BURNING_OUTCOMES, METRICS } from '@hartslag/metrics/contract';
import { formatDuration } from '../model/duration.js';
import type { Breakdown, Slo } from '../model/Slo.js';
import { groupName, SERIES } from './names.js';
import { selector, sloLabels, str } from './promql.js';
import type { RuleGroup } from './RuleFile.js';

const WINDOWS = [300, 3600];

/**
 * "Who is hurt": the error ratio by vendor (exact, from care_vendor_calls_total) or by tenant
 * (the capped tenant series). These metrics carry no operation label, so the breakdown covers
 * the whole service. Only for SLOs on the care_* metrics.
 */
export function breakdownGroup(slo: Slo): RuleGroup | undefined {
  if (slo.indicator.kind !== 'care' || slo.breakdown.length === 0) return undefined;
  const sel = selector({ service: slo.service });
  const bad = str(BUDGET_BURNING_OUTCOMES.join('|'));
  const labels = sloLabels(slo);
  const rules = slo.breakdown.flatMap((by: Breakdown) => {
    const metric = by === 'vendor' ? METRICS.vendorCalls : METRICS.tenantCalls;
    const keep = by === 'vendor' ? 'vendor' : 'tenant, vendor';
    const name = by === 'vendor' ? SERIES.vendorErrorRatio : SERIES.tenantErrorRatio;
    return WINDOWS.map((w) => {
      const r = formatDuration(w);
      return {
        record: name(w),
        expr:
          `(sum by (${keep}) (rate(${metric}{${sel},outcome=~${bad}}[${r}])) or sum by (${keep}) (rate(${metric}{${sel}}[${r}])) * 0)` +
          // A vendor or tenant without calls in the window has no ratio: 0/0 would record NaN.
          ` / (sum by (${keep}) (rate(${metric}{${sel}}[${r}])) > 0)`,
        labels,
      };
    });
  });
  return { name: groupName(slo, 'breakdown'), rules };
}
