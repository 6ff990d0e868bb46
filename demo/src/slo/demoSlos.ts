import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE } from '@hartslag/reference-platform';
import {
  type EvaluatorObjective,
  evaluatorObjectives,
  generateRules,
  type MetricRelabelConfig,
  parseSpec,
  renderRules,
  type Slo,
  type SloSpec,
  serviceRelabelling,
} from '@hartslag/slo';
import { REPO_ROOT, SPEC_FILES } from '../config/paths.js';
import { DemoError } from '../errors.js';

/** The log-in SLO is written as PromQL; its indicator is the default one of the `login` operation. */
export const LOGIN_SLO = { name: 'provider-login', operation: 'login' } as const;

/** SLOs the status page's components read; the demo cannot run without them. */
export const REQUIRED_SLOS = [
  'fetch-medication-history',
  'register-dispensation',
  'fetch-prescription',
  'send-message',
  LOGIN_SLO.name,
] as const;

export interface DemoSlos {
  /** Every SLO of the spec files, in file order. */
  spec: SloSpec;
  /** What the in-process evaluator judges. */
  objectives: EvaluatorObjective[];
  /** The Prometheus rules of every SLO, with the generated-file header. */
  rules: string;
  /** The scrape's relabelling from the platform's one service to the specs' services. */
  relabel: MetricRelabelConfig[];
}

/** Reads the spec files (relative to `root`), checks the SLOs the demo needs are there, and derives the rest. */
export function loadDemoSlos(root: string = REPO_ROOT, files: readonly string[] = SPEC_FILES): DemoSlos {
  const slos: Slo[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(path.join(root, file), 'utf8');
    } catch (cause) {
      throw new DemoError(
        'HARTSLAG_ERR_DEMO_SPEC',
        `cannot read ${file}; run the demo from a checkout of the repository`,
        {
          cause,
        },
      );
    }
    for (const slo of parseSpec(text, file).slos) {
      const twin = slos.find((s) => s.name === slo.name);
      if (twin !== undefined) {
        throw new DemoError(
          'HARTSLAG_ERR_DEMO_SPEC',
          `SLO "${slo.name}" is in both ${twin.source.file}:${twin.source.line} and ${file}:${slo.source.line}; rename one`,
        );
      }
      slos.push(slo);
    }
  }
  const spec: SloSpec = { file: files.join(' '), slos };
  const missing = REQUIRED_SLOS.filter((name) => !slos.some((s) => s.name === name));
  if (missing.length > 0) {
    throw new DemoError(
      'HARTSLAG_ERR_DEMO_SPEC',
      `${files.join(' and ')} lack the SLOs ${missing.join(', ')} that the status page's components read; restore them`,
    );
  }
  // The platform hosts every service of the specs in one process, so one evaluator judges them all.
  const services = [...new Set(slos.map((s) => s.service))];
  const objectives = services.flatMap((service) => evaluatorObjectives(spec, service));
  const login = slos.find((s) => s.name === LOGIN_SLO.name)!;
  objectives.push(loginObjective(login));
  return {
    spec,
    objectives,
    rules: renderRules(generateRules(spec), spec.file),
    relabel: serviceRelabelling([spec], SERVICE),
  };
}

/**
 * The log-in SLO for the in-process evaluator. Its spec counts `server_error|timeout` calls of
 * operation `login` against all of them in PromQL — what the evaluator judges for an operation
 * anyway — and the evaluator cannot run PromQL, so it gets the operation instead.
 */
function loginObjective(slo: Slo): EvaluatorObjective {
  return {
    name: slo.name,
    operation: LOGIN_SLO.operation,
    objective: slo.objective,
    window: slo.window,
    ...(slo.maxOutage ? { maxOutage: { ...slo.maxOutage } } : {}),
    ...(slo.silence ? { silence: { ...slo.silence } } : {}),
    ...(Object.keys(slo.labels).length > 0 ? { labels: { ...slo.labels } } : {}),
  };
}
