import { HartslagError } from '@hartslag/metrics/errors';

/**
 * Every error the hartslag command throws itself, with a stable code (docs/errors.md); `hartslag
 * slo` keeps @hartslag/slo's. Retired codes are never reused.
 */
export const CLI_ERROR_CODES = [
  'HARTSLAG_ERR_CLI_USAGE',
  'HARTSLAG_ERR_CLI_SCRAPE',
  'HARTSLAG_ERR_CLI_EXPOSITION',
  'HARTSLAG_ERR_INIT_INPUT',
  'HARTSLAG_ERR_INIT_SPEC',
  'HARTSLAG_ERR_INIT_CONFLICT',
  'HARTSLAG_ERR_INIT_MANIFEST',
] as const;

export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

/** Usage errors exit with 2, as `hartslag slo` does; the rest with 1. */
const USAGE_CODES: readonly CliErrorCode[] = ['HARTSLAG_ERR_CLI_USAGE', 'HARTSLAG_ERR_INIT_INPUT'];

/** An error of the hartslag command: a stable code and a message that says how to fix it. */
export class CliError extends HartslagError {
  declare readonly code: CliErrorCode;
  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'CliError';
  }

  get exitCode(): number {
    return USAGE_CODES.includes(this.code) ? 2 : 1;
  }
}
