import { HartslagError } from '@hartslag/metrics/errors';

/**
 * Every error this package throws, with a stable code (documented in docs/errors.md).
 * Retired codes are never reused.
 */
export const LOADTEST_ERROR_CODES = [
  'HARTSLAG_ERR_LOADTEST_SCALE',
  'HARTSLAG_ERR_LOADTEST_THRESHOLDS',
  'HARTSLAG_ERR_LOADTEST_SCENARIO',
  'HARTSLAG_ERR_LOADTEST_GENERATE',
  'HARTSLAG_ERR_LOADTEST_DRIFT',
] as const;

export type LoadtestErrorCode = (typeof LOADTEST_ERROR_CODES)[number];

/** A load-test catalogue error: a HartslagError with a stable code and a message that says how to fix it. */
export class LoadtestError extends HartslagError {
  declare readonly code: LoadtestErrorCode;
  constructor(code: LoadtestErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'LoadtestError';
  }
}
