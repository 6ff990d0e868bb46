import { generateRules, type RuleFile, type SloSpec, serviceRelabelling } from '@hartslag/slo';
import { stringify } from 'yaml';
import { COMPOSE, SCRAPE_INTERVAL } from './compose.js';
import { YAML_HEADER } from './header.js';

/**
 * prometheus/rules.yaml: the rules of every SLO in the reference platform's spec files, generated
 * by @hartslag/slo. The SLO overview reads the `slo:*` series they record.
 */
export function prometheusRules(specs: readonly SloSpec[]): string {
  const rules: RuleFile = { groups: specs.flatMap((s) => generateRules(s).groups) };
  const sources = `# From ${specs.map((s) => s.file).join(' and ')} (hartslag slo generate, one file).\n`;
  return YAML_HEADER + sources + stringify(rules, { lineWidth: 0, indent: 2, aliasDuplicateObjects: false });
}

/**
 * prometheus/prometheus.yml for compose: the reference platform of the demo on the host, the
 * Pushgateway the load-test driver pushes to, and Prometheus itself. The platform hosts the specs'
 * two services in one process under one `service` label; the scrape gives each series the
 * spec's service by operation, so the rules find them.
 */
export function prometheusConfig(specs: readonly SloSpec[]): string {
  const config = {
    global: { scrape_interval: SCRAPE_INTERVAL, evaluation_interval: SCRAPE_INTERVAL },
    rule_files: [COMPOSE.rulesPath],
    scrape_configs: [
      {
        job_name: 'reference-platform',
        static_configs: [{ targets: [COMPOSE.platformTarget] }],
        metric_relabel_configs: serviceRelabelling(specs, COMPOSE.platformService),
      },
      {
        job_name: 'pushgateway',
        // Keep the job="artillery" the driver pushed with, instead of job="pushgateway".
        honor_labels: true,
        static_configs: [{ targets: [COMPOSE.pushgatewayTarget] }],
      },
      { job_name: 'prometheus', static_configs: [{ targets: ['localhost:9090'] }] },
    ],
  };
  return YAML_HEADER + stringify(config, { lineWidth: 0, indent: 2 });
}
