import { HartslagError } from '@hartslag/metrics/errors';

/**
 * Every error the load-test driver throws, with a stable code (documented in docs/errors.md).
 * Retired codes are never reused.
 */
export const DRIVER_ERROR_CODES = [
  'HARTSLAG_ERR_LOADTEST_UNKNOWN_SCENARIO',
  'HARTSLAG_ERR_LOADTEST_SCRIPT_MISSING',
  'HARTSLAG_ERR_LOADTEST_ARTILLERY_FAILED',
  'HARTSLAG_ERR_LOADTEST_PLATFORM_START',
  'HARTSLAG_ERR_LOADTEST_ADMIN_REQUEST',
  'HARTSLAG_ERR_LOADTEST_STAGE_MISSING',
  'HARTSLAG_ERR_LOADTEST_DRAIN_TIMEOUT',
  'HARTSLAG_ERR_LOADTEST_PUSH_FAILED',
] as const;

export type DriverErrorCode = (typeof DRIVER_ERROR_CODES)[number];

/**
 * A load-test run that could not be carried out (as opposed to one that ran and missed its
 * thresholds, which is a result, not an error).
 */
export class LoadtestDriverError extends HartslagError {
  declare readonly code: DriverErrorCode;
  constructor(code: DriverErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'LoadtestDriverError';
  }
}
