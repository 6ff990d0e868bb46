import { stringify } from 'yaml';
import type { InitAnswers } from './answers.js';

/** Where init keeps what it writes, relative to the target directory. */
export const INIT_DIR = 'hartslag';
export const SPEC_PATH = `${INIT_DIR}/slos.yaml`;

const SILENCE = 'detectWithin=3m, baseline=sameTimeLastWeeks(3), minExpectedRate=0.1, ratio=0.25';

/**
 * The SLO spec: one availability SLO per operation on the calls @hartslag/metrics counts, with the
 * coffee-break limit, silence detection and, when a tenant header is known, the vendor and tenant breakdowns. Written
 * once; the team owns it from then on (init regenerates everything else from it).
 */
export function renderSpec(a: InitAnswers): string {
  const breakdown = a.tenantLabel !== undefined ? 'vendor, tenant' : a.vendorLabel !== undefined ? 'vendor' : undefined;
  const docs = a.operations.map((operation) => {
    const selector = `service="${a.service}",operation="${operation}"`;
    return stringify(
      {
        apiVersion: 'openslo/v1',
        kind: 'SLO',
        metadata: {
          name: `${a.service}-${operation}`,
          displayName: `${operation} calls of ${a.service}`,
          annotations: {
            'hartslag.dev/max-outage': a.maxOutage,
            // Calls falling silent at a time of week they never do: a stall seen within 3 minutes.
            'hartslag.dev/silence': SILENCE,
            ...(breakdown ? { 'hartslag.dev/breakdown': breakdown } : {}),
          },
        },
        spec: {
          service: a.service,
          budgetingMethod: 'Occurrences',
          timeWindow: [{ duration: '30d', isRolling: true }],
          objectives: [{ target: a.objective }],
          indicator: {
            metadata: { name: `${operation}-calls` },
            spec: {
              ratioMetric: {
                counter: true,
                bad: {
                  metricSource: {
                    type: 'Prometheus',
                    spec: { query: `care_calls_total{${selector},outcome=~"server_error|timeout"}` },
                  },
                },
                total: { metricSource: { type: 'Prometheus', spec: { query: `care_calls_total{${selector}}` } } },
              },
            },
          },
        },
      },
      { lineWidth: 0 },
    );
  });
  const header = [
    `# Downtime budgets of ${a.service}, written by hartslag init (OpenSLO v1; docs: @hartslag/slo docs/spec.md).`,
    '# Yours to edit: run hartslag init again and the rules, dashboards, status and k6 files follow.',
  ];
  return `${header.join('\n')}\n${docs.join('---\n')}`;
}
