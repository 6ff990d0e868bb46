export const HARNESS_ERROR_CODES = [
  'HARTSLAG_ERR_HARNESS_EXTERNAL_MISSING',
  'HARTSLAG_ERR_HARNESS_PLUGIN_INVALID',
  'HARTSLAG_ERR_HARNESS_DATA_INVALID',
  'HARTSLAG_ERR_HARNESS_PLUGIN_NOT_BUILT',
] as const;
export type HarnessErrorCode = (typeof HARNESS_ERROR_CODES)[number];

/**
 * A harness that cannot show the panel as Grafana would. Same shape as `HartslagError` from
 * @hartslag/metrics (`code`, `message`, `cause`) without extending it: the harness runs in the
 * browser, where the Node metrics library is not bundled.
 */
export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  constructor(code: HarnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'HarnessError';
  }
}
