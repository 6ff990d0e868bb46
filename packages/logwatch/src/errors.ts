import { HartslagError } from '@hartslag/metrics/contract';

/**
 * Every error this package throws, with a stable code. docs/errors.md lists them (test/errors.test.ts
 * keeps code, docs and classes in step). Retired codes are never reused.
 */
export const ERROR_CODES = [
  'HARTSLAG_ERR_LOGWATCH_CONFIG',
  'HARTSLAG_ERR_LOGWATCH_CHECKPOINT',
  'HARTSLAG_ERR_LOGWATCH_CHECKPOINT_CORRUPT',
  'HARTSLAG_ERR_LOGWATCH_CLI_USAGE',
  'HARTSLAG_ERR_LOGWATCH_FILE_READ',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class LogwatchError extends HartslagError {
  declare readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    // One base across Hartslag packages: callers can catch `instanceof HartslagError` everywhere.
    super(code, message, options);
    this.name = 'LogwatchError';
  }
}

/** One thing wrong in a config file, where it is: `logwatch.yaml:14: sources[0].format …`. */
export interface ConfigProblem {
  file: string;
  line: number;
  /** The field, e.g. `sources[0].timestamp.zone`; empty for YAML syntax problems. */
  path: string;
  message: string;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}: ${p.path === '' ? '' : `${p.path} `}${p.message}`;
}

/** An invalid config file; lists every problem at once, so one run fixes them all. */
export class ConfigError extends LogwatchError {
  readonly problems: readonly ConfigProblem[];
  constructor(file: string, unsorted: readonly ConfigProblem[]) {
    // In file order, so the list reads top to bottom like the file (ties keep the order found).
    const problems = [...unsorted].sort((a, b) => a.line - b.line);
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    super('HARTSLAG_ERR_LOGWATCH_CONFIG', [`${file}: ${count}:`, ...problems.map(formatProblem)].join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** The checkpoint could not be written; the last good one is left as it was. */
export class CheckpointWriteError extends LogwatchError {
  constructor(dir: string, cause: unknown) {
    const why = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'error';
    super(
      'HARTSLAG_ERR_LOGWATCH_CHECKPOINT',
      `cannot write the checkpoint in ${dir} (${why}); the last good checkpoint is intact and lines read since ` +
        'are counted again from it after a restart. Make the directory writable and give it free space ' +
        '(checkpoint.dir in the config)',
      { cause },
    );
    this.name = 'CheckpointWriteError';
  }
}

/** The checkpoint file exists but is not one logwatch wrote; refusing it beats counting twice. */
export class CheckpointCorruptError extends LogwatchError {
  constructor(file: string, why: string) {
    super(
      'HARTSLAG_ERR_LOGWATCH_CHECKPOINT_CORRUPT',
      `${file} is not a logwatch checkpoint (${why}); move it away to start counting from the start of the files`,
    );
    this.name = 'CheckpointCorruptError';
  }
}

/** Bad command-line arguments; the message ends with the usage. */
export class CliUsageError extends LogwatchError {
  constructor(message: string) {
    super('HARTSLAG_ERR_LOGWATCH_CLI_USAGE', message);
    this.name = 'CliUsageError';
  }
}

/** A file named on the command line could not be read. */
export class FileReadError extends LogwatchError {
  constructor(file: string, cause: unknown) {
    const why = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'error';
    super('HARTSLAG_ERR_LOGWATCH_FILE_READ', `cannot read ${file} (${why}); check the path and its permissions`, {
      cause,
    });
    this.name = 'FileReadError';
  }
}
