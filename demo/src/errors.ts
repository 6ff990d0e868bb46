import { HartslagError } from '@hartslag/metrics/errors';

/**
 * Every error the demo throws, with a stable code (documented in the README's Errors table).
 * Retired codes are never reused.
 */
export const DEMO_ERROR_CODES = [
  'HARTSLAG_ERR_DEMO_USAGE',
  'HARTSLAG_ERR_DEMO_PORT_BUSY',
  'HARTSLAG_ERR_DEMO_SPEC',
  'HARTSLAG_ERR_DEMO_PROMETHEUS',
  'HARTSLAG_ERR_DEMO_PREVIEW',
  'HARTSLAG_ERR_DEMO_FAULTS',
] as const;

export type DemoErrorCode = (typeof DEMO_ERROR_CODES)[number];

/** A demo error: a HartslagError with a stable code and a message that says how to fix it. */
export class DemoError extends HartslagError {
  declare readonly code: DemoErrorCode;
  constructor(code: DemoErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'DemoError';
  }
}

/** Errors that are the caller's to fix (a flag, a port): exit code 2, as for a usage error. */
export function isUsageError(err: unknown): boolean {
  return (
    err instanceof DemoError && (err.code === 'HARTSLAG_ERR_DEMO_USAGE' || err.code === 'HARTSLAG_ERR_DEMO_PORT_BUSY')
  );
}
