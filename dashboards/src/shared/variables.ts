import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  QueryVariableBuilder,
  type VariableModel,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { SLO_LABELS, SLO_SERIES } from '@hartslag/metrics/contract';
import { DATASOURCE } from './datasource.js';
import { METRICS, PIPELINE_METRICS, sel, VAR, type VariableName } from './promql.js';

/**
 * Query variables on `label_values`, each narrowed by the ones before it (a vendor's tenants only).
 * "All" is `.*`, not Grafana's list of every value: the list can hold a thousand tenants, and
 * `.*` keeps each query short and also matches series without the label (an SLO of a whole
 * service has no operation).
 */
const SOURCES: Record<
  VariableName,
  { label: string; metric: string; narrowBy: VariableName[]; description: string; valueLabel?: string }
> = {
  service: {
    label: 'Service',
    metric: METRICS.calls,
    narrowBy: [],
    description: 'The instrumented service (the service label of care_calls_total).',
  },
  operation: {
    label: 'Operation',
    metric: METRICS.calls,
    narrowBy: [VAR.service],
    description: 'What was called: register-dispensation, fetch-medication-history, login …',
  },
  vendor: {
    label: 'Vendor',
    metric: METRICS.vendorCalls,
    narrowBy: [VAR.service],
    description: "The tenants' software vendor; counted exactly, whatever the tenant cap does.",
  },
  tenant: {
    label: 'Tenant',
    metric: METRICS.tenantCalls,
    narrowBy: [VAR.service, VAR.vendor],
    description: 'The pharmacy, hospital or practice. __other__ holds the tenants beyond the cap.',
  },
  group: {
    label: 'Group',
    metric: SLO_SERIES.groupTop,
    narrowBy: [VAR.service],
    description:
      'A vendor or tenant of a grouped SLO (hartslag.dev/by): its budget and burn rates. __other__ (under All) holds the groups beyond the top N. SLOs without groups are always shown.',
    valueLabel: SLO_LABELS.group,
  },
  pipeline: {
    label: 'Pipeline',
    metric: PIPELINE_METRICS.stageCalls,
    narrowBy: [],
    description: 'A message pipeline, e.g. send-message (the pipeline label of care_pipeline_stage_calls_total).',
  },
  stage: {
    label: 'Stage',
    metric: PIPELINE_METRICS.stageCalls,
    narrowBy: [VAR.pipeline],
    description: 'A stage of the pipeline: receive, encrypt, store, notify, deliver …',
  },
};

export function variable(name: VariableName): cog.Builder<VariableModel> {
  const s = SOURCES[name];
  const query = `label_values(${s.metric}${s.narrowBy.length > 0 ? sel(s.narrowBy) : ''}, ${s.valueLabel ?? name})`;
  return new QueryVariableBuilder(name)
    .label(s.label)
    .description(s.description)
    .datasource(DATASOURCE)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ selected: true, text: ['All'], value: ['$__all'] });
}

/** The variables of a dashboard, in the order they narrow each other. */
export function variables(names: readonly VariableName[]): cog.Builder<VariableModel>[] {
  const order: VariableName[] = [
    VAR.service,
    VAR.operation,
    VAR.vendor,
    VAR.tenant,
    VAR.group,
    VAR.pipeline,
    VAR.stage,
  ];
  return order.filter((n) => names.includes(n)).map(variable);
}
