import { formatDuration, HartslagError } from '@hartslag/metrics/contract';

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

/**
 * Why a spec file, or part of it, is refused: each problem carries one of these, so a refusal can
 * be told apart from a typo (and a corpus of OpenSLO files records why each is refused). The
 * generic `HARTSLAG_ERR_SPEC_INVALID` covers syntax, unknown fields, types and ranges.
 */
export const SPEC_PROBLEM_CODES = [
  'HARTSLAG_ERR_SPEC_INVALID',
  'HARTSLAG_ERR_SPEC_API_VERSION',
  'HARTSLAG_ERR_SPEC_NO_SLO',
  'HARTSLAG_ERR_SPEC_METRIC_SOURCE',
  'HARTSLAG_ERR_SPEC_THRESHOLD_METRIC',
  'HARTSLAG_ERR_SPEC_RAW_METRIC',
  'HARTSLAG_ERR_SPEC_REF_MISSING',
  'HARTSLAG_ERR_SPEC_BUDGETING',
  'HARTSLAG_ERR_SPEC_GROUP_LABEL',
  'HARTSLAG_ERR_SPEC_GROUP_UNSUPPORTED',
] as const;
export type SpecProblemCode = (typeof SPEC_PROBLEM_CODES)[number];

/** What a spec file has that Hartslag reads past: an ignored OpenSLO field, or an old Hartslag form. */
export const SPEC_WARNING_CODES = ['HARTSLAG_WARN_SPEC_IGNORED', 'HARTSLAG_WARN_SPEC_DEPRECATED'] as const;
export type SpecWarningCode = (typeof SPEC_WARNING_CODES)[number];

/** One thing wrong in a spec file, where it is: `slos.yaml:14: spec.objectives[0].target …`. */
export interface SpecProblem {
  file: string;
  line: number;
  /** The field, e.g. `spec.timeWindow[0].duration`; empty for YAML syntax and whole-file problems. */
  path: string;
  message: string;
  /** Why; absent means HARTSLAG_ERR_SPEC_INVALID. */
  code?: SpecProblemCode;
}

/** One thing read past in a spec file; printed like a problem, prefixed `warning:`. */
export interface SpecWarning {
  file: string;
  line: number;
  path: string;
  message: string;
  code: SpecWarningCode;
}

/** The line an editor or CI log makes clickable: `file:line: path message`. */
export function formatProblem(p: SpecProblem): string {
  // A refusal names its code, the row of docs/errors.md that says what to do; typos need none.
  const code = p.code === undefined || p.code === 'HARTSLAG_ERR_SPEC_INVALID' ? '' : ` [${p.code}]`;
  return `${p.file}:${p.line}: ${p.path === '' ? '' : `${p.path} `}${p.message}${code}`;
}

/** `slos.yaml:3: warning: spec.alertPolicies[0] … [HARTSLAG_WARN_SPEC_IGNORED]`. */
export function formatWarning(w: SpecWarning): string {
  return `${w.file}:${w.line}: warning: ${w.path === '' ? '' : `${w.path} `}${w.message} [${w.code}]`;
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

/** One window too short for the scrape interval, in one SLO. */
export interface ScrapeIntervalProblem {
  slo: string;
  /** Seconds. */
  window: number;
  /** Which window, in words: "short window of alert tier page-1h". */
  what: string;
  /** Seconds between scrapes that the window was held against. */
  scrapeInterval: number;
  /** Scrapes the window must hold. */
  needs: number;
  /** How to fix it, in words. */
  fix: string;
}

/** Windows that hold too few scrapes for a rate over them to be trusted; lists every one at once. */
export class ScrapeIntervalError extends HartslagSloError {
  readonly problems: readonly ScrapeIntervalProblem[];
  constructor(file: string, problems: readonly ScrapeIntervalProblem[]) {
    const lines = problems.map(
      (p) =>
        `  SLO ${p.slo}: the ${formatDuration(p.window)} ${p.what} holds ${Number((p.window / p.scrapeInterval).toPrecision(3))} scrapes at a ${formatDuration(p.scrapeInterval)} scrape interval, a rate over it needs ${p.needs}: ${p.fix} (--scrape-interval, or the SLO's hartslag.dev/scrape-interval annotation)`,
    );
    super('HARTSLAG_ERR_SCRAPE_INTERVAL', [`${file}: windows too short for the scrape interval:`, ...lines].join('\n'));
    this.problems = problems;
  }
}

/** A monthly report that cannot be made: Prometheus unreachable or refusing, or SLOs it cannot count. */
export class ReportError extends HartslagSloError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('HARTSLAG_ERR_REPORT_FAILED', message, options);
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
  'HARTSLAG_ERR_SCRAPE_INTERVAL',
  'HARTSLAG_ERR_REPORT_FAILED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
