import { HartslagError } from '@hartslag/metrics/contract';

/**
 * Every error this package throws, with a stable code. docs/errors.md lists them (test/errors.test.ts
 * keeps code, docs and classes in step). Retired codes are never reused. A probe that fails is a
 * result (an outcome and a code), never an error: these are for configuration and misuse only.
 */
export const PROBE_ERROR_CODES = ['HARTSLAG_ERR_PROBES_CONFIG', 'HARTSLAG_ERR_PROBES_OPTIONS'] as const;
export type ProbeErrorCode = (typeof PROBE_ERROR_CODES)[number];

export class ProbeError extends HartslagError {
  declare readonly code: ProbeErrorCode;
  constructor(code: ProbeErrorCode, message: string, options?: { cause?: unknown }) {
    // One base across Hartslag packages: callers can catch `instanceof HartslagError` everywhere.
    super(code, message, options);
    this.name = 'ProbeError';
  }
}

/** One thing wrong in a probe config, where it is: `probes.yaml:14:7: probes[0].http.url …`. */
export interface ProbeConfigProblem {
  /** `file:line:column` as editors link it. */
  at: string;
  line: number;
  /** The field, e.g. `probes[0].timeout`; empty for YAML syntax problems. */
  path: string;
  message: string;
}

/** An invalid probe config; lists every problem at once, in file order, so one run fixes them all. */
export class ProbeConfigError extends ProbeError {
  readonly problems: readonly ProbeConfigProblem[];
  constructor(file: string, unsorted: readonly ProbeConfigProblem[]) {
    const problems = [...unsorted].sort((a, b) => a.line - b.line);
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    super(
      'HARTSLAG_ERR_PROBES_CONFIG',
      [`${file}: ${count}:`, ...problems.map((p) => `${p.at}: ${p.path === '' ? '' : `${p.path} `}${p.message}`)].join(
        '\n',
      ),
    );
    this.name = 'ProbeConfigError';
    this.problems = problems;
  }
}

/** A bad argument to the runner's API (the config file has ProbeConfigError). */
export class ProbeOptionsError extends ProbeError {
  constructor(message: string) {
    super('HARTSLAG_ERR_PROBES_OPTIONS', message);
    this.name = 'ProbeOptionsError';
  }
}
