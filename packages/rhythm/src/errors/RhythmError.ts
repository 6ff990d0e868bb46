export const RHYTHM_ERROR_CODES = [
  'HARTSLAG_ERR_RHYTHM_TIMEZONE_INVALID',
  'HARTSLAG_ERR_RHYTHM_PERIOD_INVALID',
  'HARTSLAG_ERR_RHYTHM_STEP_INVALID',
  'HARTSLAG_ERR_RHYTHM_DATE_INVALID',
  'HARTSLAG_ERR_RHYTHM_SHIFT_INVALID',
  'HARTSLAG_ERR_RHYTHM_QUANTILE_INVALID',
  'HARTSLAG_ERR_RHYTHM_OPTION_INVALID',
  'HARTSLAG_ERR_RHYTHM_GRID_MISMATCH',
] as const;
export type RhythmErrorCode = (typeof RHYTHM_ERROR_CODES)[number];

/**
 * Invalid options given to @hartslag/rhythm. It has the same shape as `HartslagError` from
 * @hartslag/metrics (`code`, `message`, `cause`) but does not extend it: this package must stay
 * dependency-free so a Grafana panel can bundle it without the Node metrics library.
 * Thrown only when options are checked, never for a bad data point (those are skipped).
 */
export class RhythmError extends Error {
  readonly code: RhythmErrorCode;
  constructor(code: RhythmErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'RhythmError';
  }
}
