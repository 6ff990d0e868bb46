import { HartslagError } from '@hartslag/metrics/contract';

/**
 * Every error this package throws, with a stable code. docs/errors.md lists them (test/errors.test.ts
 * keeps code, docs and classes in step). Retired codes are never reused. A probe that fails is a
 * result (an outcome and a code), never an error: these are for configuration and misuse only.
 */
export const PROBE_ERROR_CODES = [
  'HARTSLAG_ERR_PROBES_CONFIG',
  'HARTSLAG_ERR_PROBES_OPTIONS',
  'HARTSLAG_ERR_PROBES_USAGE',
  'HARTSLAG_ERR_PROBES_FILE',
  'HARTSLAG_ERR_PROBES_LISTEN',
] as const;
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

/** `hartslag-probes` was called wrongly (an unknown command or flag, no --config, a bad port): exit 2. */
export class ProbeUsageError extends ProbeError {
  constructor(message: string) {
    super('HARTSLAG_ERR_PROBES_USAGE', message);
    this.name = 'ProbeUsageError';
  }
}

/** The config file named by --config cannot be read (missing, a directory, no permission). */
export class ProbeFileError extends ProbeError {
  constructor(file: string, cause: unknown) {
    const why =
      (cause as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'no such file' : String((cause as Error)?.message);
    super('HARTSLAG_ERR_PROBES_FILE', `cannot read the probes config ${file}: ${why}`, { cause });
    this.name = 'ProbeFileError';
  }
}

/** The /metrics server cannot listen (the port is taken, the address is not this machine's). */
export class ProbeListenError extends ProbeError {
  constructor(host: string, port: number, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException)?.code;
    const why =
      code === 'EADDRINUSE'
        ? 'the port is already in use by another process; choose another with --port'
        : code === 'EADDRNOTAVAIL'
          ? "the address is not one of this machine's; choose another with --host"
          : code === 'EACCES'
            ? 'permission denied; ports below 1024 need privileges, choose another with --port'
            : String((cause as Error)?.message);
    super('HARTSLAG_ERR_PROBES_LISTEN', `cannot serve /metrics on ${host}:${port}: ${why}`, { cause });
    this.name = 'ProbeListenError';
  }
}
