import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { requestsPerSession } from '../../src/generate/header.js';
import { k6OperatorParallelism, RUNNER_REQUESTS_PER_SECOND } from '../../src/generate/k6Operator.js';
import { generateOutputs, PACKAGE_DIR } from '../../src/generate/outputs.js';
import { PROFILE_DEFAULTS } from '../../src/scale.js';
import { SCENARIOS } from '../../src/scenarios/catalogue.js';
import { planScenario } from '../../src/scenarios/plan.js';
import { loadThresholds } from '../../src/thresholds/fromSpec.js';
import { testRunProblems } from './testRunSchema.js';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: { parallelism: number; script: { configMap: { name: string; file: string } }; runner: unknown };
}

const thresholds = loadThresholds();
const outputs = generateOutputs(thresholds);
const manifests = outputs.filter((o) => o.path.startsWith('k6-operator/'));
const docsOf = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Manifest);
// Kubernetes refuses a ConfigMap whose data exceeds 1 MiB.
const CONFIGMAP_LIMIT = 1024 * 1024;

describe('k6-operator manifests', () => {
  it('are one file per scenario of the catalogue, each a ConfigMap and a TestRun', () => {
    expect(manifests.map((m) => m.path).sort()).toEqual(SCENARIOS.map((s) => `k6-operator/${s.id}.yaml`).sort());
    for (const m of manifests) expect(docsOf(m.content).map((d) => d.kind)).toEqual(['ConfigMap', 'TestRun']);
  });

  it.each(manifests.map((m) => [m.path, m] as const))('%s is valid against the k6-operator TestRun CRD', (_, m) => {
    const testRun = docsOf(m.content).find((d) => d.kind === 'TestRun');
    expect(testRun?.apiVersion).toBe('k6.io/v1alpha1');
    expect(testRunProblems(testRun)).toEqual([]);
  });

  it.each(manifests.map((m) => [m.path, m] as const))(
    '%s holds the committed k6 script in the ConfigMap the TestRun names',
    (path, m) => {
      const [configMap, testRun] = docsOf(m.content) as [Manifest, Manifest];
      const { name, file } = testRun.spec!.script.configMap;
      expect(configMap.metadata.name).toBe(name);
      const script = configMap.data?.[file];
      expect(script).toBe(readFileSync(join(PACKAGE_DIR, 'k6', file), 'utf8'));
      expect(Buffer.byteLength(script!)).toBeLessThan(CONFIGMAP_LIMIT);
      expect(file).toBe(path.replace('k6-operator/', '').replace('.yaml', '.js'));
    },
  );
});

describe('parallelism from the peak rate', () => {
  const plans = SCENARIOS.map((s) => planScenario(s, PROFILE_DEFAULTS.full, thresholds));
  const peakRequests = (p: (typeof plans)[number]) =>
    Math.max(...p.phases.map((ph) => Math.max(ph.arrivalRate, ph.rampTo ?? 0))) *
    Math.max(...p.flows.map((f) => requestsPerSession(f.steps)));

  it('gives each runner at most its planned share of the peak requests, with no runner to spare', () => {
    for (const plan of plans) {
      const n = k6OperatorParallelism(plan);
      expect(peakRequests(plan) / n, plan.scenario.id).toBeLessThanOrEqual(RUNNER_REQUESTS_PER_SECOND);
      if (n > 1) expect(peakRequests(plan) / (n - 1), plan.scenario.id).toBeGreaterThan(RUNNER_REQUESTS_PER_SECOND);
    }
  });

  it('is what the committed TestRun carries', () => {
    for (const plan of plans) {
      const file = readFileSync(join(PACKAGE_DIR, 'k6-operator', `${plan.scenario.id}.yaml`), 'utf8');
      expect(docsOf(file)[1]!.spec!.parallelism).toBe(k6OperatorParallelism(plan));
    }
  });

  it('is what the table in the README says, with the peak it comes from', () => {
    const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');
    for (const plan of plans) {
      const row = readme
        .split('\n')
        .find((l) => l.startsWith(`| \`${plan.scenario.id}\` `) && l.split('|').length === 7);
      const cells = row?.split('|').map((c) => c.trim().replace(/,/g, ''));
      expect(Number(cells?.[4]), plan.scenario.id).toBe(Math.round(peakRequests(plan)));
      expect(Number(cells?.[5]), plan.scenario.id).toBe(k6OperatorParallelism(plan));
    }
  });

  it('grows with the peak: the thundering herd needs more runners than jittered reconnects, a bigger morning more than ours', () => {
    const by = (id: string) => k6OperatorParallelism(plans.find((p) => p.scenario.id === id)!);
    expect(by('restart-storm')).toBeGreaterThan(by('restart-storm-jittered'));
    const morning = SCENARIOS.find((s) => s.id === 'morning-login-spike')!;
    const big = planScenario(morning, { ...PROFILE_DEFAULTS.full, peakUsers: 300_000 }, thresholds);
    expect(k6OperatorParallelism(big)).toBeGreaterThan(by('morning-login-spike'));
  });
});

describe('the CRD schema refuses a broken TestRun, naming the field', () => {
  const valid = () => structuredClone(docsOf(manifests[0]!.content)[1]!) as unknown as Record<string, never>;
  const spec = (doc: Record<string, never>) => doc.spec as unknown as Record<string, unknown>;

  it('parallelism as a string', () => {
    const doc = valid();
    spec(doc).parallelism = '4';
    expect(testRunProblems(doc)).toEqual(['spec.parallelism: must be integer']);
  });

  it('no script', () => {
    const doc = valid();
    delete spec(doc).script;
    expect(testRunProblems(doc)).toEqual(["spec.script: must have required property 'script'"]);
  });

  it('a ConfigMap script without its name', () => {
    const doc = valid();
    delete (spec(doc).script as { configMap: Record<string, unknown> }).configMap.name;
    expect(testRunProblems(doc)).toEqual(["spec.script.configMap.name: must have required property 'name'"]);
  });

  it('a misspelt field, as kubectl apply with strict validation does', () => {
    const doc = valid();
    spec(doc).paralelism = 4;
    expect(testRunProblems(doc)).toEqual(['spec.paralelism: must NOT have additional properties']);
  });
});
