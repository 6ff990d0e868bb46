import { HartslagError } from '@hartslag/metrics/contract';

/**
 * Every error this package throws, with a stable code. Codes are documented in docs/errors.md
 * (test/spec/errors.test.ts keeps code, docs and exports in step). Retired codes are never reused.
 */
export class HartslagSloError extends HartslagError {
  declare readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    // One base across Hartslag packages: callers can catch `instanceof HartslagError` everywhere.
    super(code, message, options);
    this.name = 'HartslagSloError';
  }
}

/** One thing wrong in a spec file, where it is: `slos.yaml:14: spec.objectives[0].target …`. */
export interface SpecProblem {
  file: string;
  line: number;
  /** The field, e.g. `spec.timeWindow[0].duration`; empty for YAML syntax and whole-file problems. */
  path: string;
  message: string;
}

/** The line an editor or CI log makes clickable: `file:line: path message`. */
export function formatProblem(p: SpecProblem): string {
  return `${p.file}:${p.line}: ${p.path === '' ? '' : `${p.path} `}${p.message}`;
}

/** An invalid spec file. Lists every problem of every document at once, so one run fixes them all. */
export class SpecError extends HartslagSloError {
  readonly problems: readonly SpecProblem[];
  constructor(file: string, problems: readonly SpecProblem[]) {
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    super('HARTSLAG_ERR_SPEC_INVALID', [`${file}: ${count}:`, ...problems.map(formatProblem)].join('\n'));
    this.problems = problems;
  }
}

/** Bad command-line arguments; the message ends with the usage. */
export class CliUsageError extends HartslagSloError {
  constructor(message: string) {
    super('HARTSLAG_ERR_CLI_USAGE', message);
  }
}

/** A file that could not be read, with the operating system's reason ("no such file or directory"). */
export class FileReadError extends HartslagSloError {
  readonly file: string;
  constructor(file: string, cause: unknown) {
    super('HARTSLAG_ERR_FILE_READ', `cannot read ${file}: ${osReason(cause)}`, { cause });
    this.file = file;
  }
}

/** Specs that give one operation to two services: relabelling by operation cannot place its series. */
export class RelabelError extends HartslagSloError {
  constructor(message: string) {
    super('HARTSLAG_ERR_RELABEL_AMBIGUOUS', message);
  }
}

/** A receivers file for `hartslag slo alertmanager` that cannot be used; lists every problem at once. */
export class ReceiversError extends HartslagSloError {
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    super('HARTSLAG_ERR_RECEIVERS_INVALID', [`${file}:`, ...problems.map((p) => `  ${p}`)].join('\n'));
    this.problems = problems;
  }
}

/** "ENOENT: no such file or directory, open 'x'" → "no such file or directory (ENOENT)": the path is already named. */
function osReason(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const { code, syscall } = cause as NodeJS.ErrnoException;
  let reason = cause.message;
  if (code !== undefined && reason.startsWith(`${code}: `)) reason = reason.slice(code.length + 2);
  const call = syscall === undefined ? -1 : reason.lastIndexOf(`, ${syscall}`);
  if (call > 0) reason = reason.slice(0, call);
  return code === undefined ? reason : `${reason} (${code})`;
}

export const ERROR_CODES = [
  'HARTSLAG_ERR_SPEC_INVALID',
  'HARTSLAG_ERR_CLI_USAGE',
  'HARTSLAG_ERR_FILE_READ',
  'HARTSLAG_ERR_RELABEL_AMBIGUOUS',
  'HARTSLAG_ERR_RECEIVERS_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
