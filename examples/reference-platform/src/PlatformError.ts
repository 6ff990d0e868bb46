import { HartslagError } from '@hartslag/metrics/errors';

/** A misconfiguration or misuse of the reference platform, with a code and how to fix it. */
export class PlatformError extends HartslagError {
  constructor(code: PlatformErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'PlatformError';
  }
}

export const PLATFORM_ERROR_CODES = [
  'HARTSLAG_ERR_PLATFORM_OPTIONS',
  'HARTSLAG_ERR_PLATFORM_DATA_DIR',
  'HARTSLAG_ERR_PLATFORM_FAULTS',
  'HARTSLAG_ERR_PLATFORM_QUEUE_CLOSED',
  'HARTSLAG_ERR_PLATFORM_CLI',
] as const;
export type PlatformErrorCode = (typeof PLATFORM_ERROR_CODES)[number];
