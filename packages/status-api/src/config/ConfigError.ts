import { fileLine } from '@hartslag/common/yaml';
import { HartslagError } from '@hartslag/metrics/errors';
import { codesOf } from '../errors.js';

/**
 * One problem in the configuration, by field path (`components[2].slos`) and where it is in the
 * file (1-based). Line and column are 0 for what does not come from the file (an environment
 * variable, the file itself being unreadable).
 */
export interface ConfigProblem {
  path: string;
  line: number;
  column: number;
  message: string;
}

export const CONFIG_ERROR_CODES = codesOf('HARTSLAG_ERR_STATUS_CONFIG');
export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[number];

/**
 * The status configuration cannot be used. Lists every problem at once, each as
 * `file:line:column path: message`, so one edit fixes them all.
 */
export class ConfigError extends HartslagError {
  readonly file: string;
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[], options?: { code?: ConfigErrorCode; cause?: unknown }) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      options?.code ?? 'HARTSLAG_ERR_STATUS_CONFIG',
      `invalid status configuration ${file} (${count}):\n${problems.map((p) => `  ${formatProblem(file, p)}`).join('\n')}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ConfigError';
    this.file = file;
    this.problems = problems;
  }
}

/** `status.yaml:14:7 components[2].slos: must list at least one SLO name`, as editors link it. */
export function formatProblem(file: string, p: ConfigProblem): string {
  const where = fileLine(file, p);
  return p.path === '' ? `${where} ${p.message}` : `${where} ${p.path}: ${p.message}`;
}
