import { HartslagError } from '@hartslag/metrics/errors';

/**
 * Every error this package throws, with a stable code (documented in docs/errors.md).
 * Retired codes are never reused.
 */
export const DASHBOARDS_ERROR_CODES = [
  'HARTSLAG_ERR_DASHBOARDS_DRIFT',
  'HARTSLAG_ERR_DASHBOARDS_SPEC',
  'HARTSLAG_ERR_DASHBOARDS_FORMAT',
] as const;

export type DashboardsErrorCode = (typeof DASHBOARDS_ERROR_CODES)[number];

/** A dashboards error: a HartslagError with a stable code and a message that says how to fix it. */
export class DashboardsError extends HartslagError {
  declare readonly code: DashboardsErrorCode;
  constructor(code: DashboardsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'DashboardsError';
  }
}
