import { HartslagError } from '@hartslag/metrics/errors';
import { codesOf } from '../errors.js';

/**
 * A source that could not be read. The state derivation turns it into `unknown`; the message is
 * for the operator's log, never for the public page.
 */
export class SourceError extends HartslagError {
  constructor(code: SourceErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'SourceError';
  }
}

export const SOURCE_ERROR_CODES = codesOf('HARTSLAG_ERR_SOURCE_');
export type SourceErrorCode = (typeof SOURCE_ERROR_CODES)[number];
