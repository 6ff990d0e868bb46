import { stringify } from 'yaml';
import type { ScenarioPlan } from '../scenarios/Scenario.js';
import { GENERATED_HEADER, requestsPerSession } from './header.js';

/**
 * Requests per second one k6 runner pod is planned for at the scenario's peak. The manifest
 * requests one CPU and 1 GiB per runner; k6's own guidance puts one CPU at a few thousand simple
 * requests per second, and ours parse JSON and run checks on every answer, so a quarter of that
 * keeps the load generator from becoming what the test measures. Each runner then holds
 * maxVUs / parallelism ≤ 500 VUs (k6Arrivals sizes maxVUs at half the peak request rate), about
 * 1 GiB at k6's ~1–2 MB per VU.
 */
export const RUNNER_REQUESTS_PER_SECOND = 1000;

/** The CPU and memory each runner requests: what RUNNER_REQUESTS_PER_SECOND is planned on. */
export const RUNNER_RESOURCES = { cpu: '1', memory: '1Gi' } as const;

/** The scenario's peak request rate: peak new sessions per second × the longest session's requests. */
export function peakRequestsPerSecond(plan: ScenarioPlan): number {
  const sessionsPerSecond = Math.max(...plan.phases.map((p) => Math.max(p.arrivalRate, p.rampTo ?? p.arrivalRate)));
  const requests = Math.max(...plan.flows.map((f) => requestsPerSession(f.steps)));
  return sessionsPerSecond * requests;
}

/**
 * Runner pods for a plan: one per RUNNER_REQUESTS_PER_SECOND at the peak, at least one. k6-operator
 * gives each runner an execution segment, so each starts 1/parallelism of the arrivals.
 */
export function k6OperatorParallelism(plan: ScenarioPlan): number {
  return Math.max(1, Math.ceil(peakRequestsPerSecond(plan) / RUNNER_REQUESTS_PER_SECOND));
}

/** Where the runners send their traffic until the user points them at their own platform. */
export const K6_OPERATOR_TARGET = 'http://reference-platform.hartslag.svc.cluster.local:8080';

/**
 * A ConfigMap holding the scenario's k6 script and a k6-operator TestRun (k6.io/v1alpha1) that runs
 * it at the full profile, as one multi-document file for `kubectl apply -f`.
 */
export function renderK6Operator(plan: ScenarioPlan, script: string): string {
  const { scenario } = plan;
  const name = `hartslag-${scenario.id}`;
  const file = `${scenario.id}.js`;
  const labels = { 'app.kubernetes.io/part-of': 'hartslag', 'app.kubernetes.io/name': name };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels },
    data: { [file]: script },
  };
  const testRun = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name, labels },
    spec: {
      parallelism: k6OperatorParallelism(plan),
      script: { configMap: { name, file } },
      arguments: `--tag scenario=${scenario.id}`,
      runner: {
        metadata: { labels },
        env: [
          { name: 'HARTSLAG_TARGET', value: K6_OPERATOR_TARGET },
          { name: 'HARTSLAG_PROFILE', value: plan.scale.profile },
        ],
        resources: { requests: { ...RUNNER_RESOURCES }, limits: { ...RUNNER_RESOURCES } },
      },
    },
  };
  const peak = peakRequestsPerSecond(plan);
  const header = [
    `# ${GENERATED_HEADER}`,
    `# ${scenario.title}, full profile, on k6-operator: kubectl apply -f <this file> (see loadtests/README.md).`,
    `# Peak ≈ ${Math.round(peak)} requests/s → parallelism ${testRun.spec.parallelism} (one runner per ${RUNNER_REQUESTS_PER_SECOND} requests/s).`,
    ...(plan.stages === undefined
      ? []
      : [
          '# The runners only make the traffic: faults and the restart at each stage are yours to do (the',
          '# stage list is at the top of the script; here the driver does it).',
        ]),
  ];
  const docs = [configMap, testRun].map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false }));
  return `${header.join('\n')}\n---\n${docs.join('---\n')}`;
}
