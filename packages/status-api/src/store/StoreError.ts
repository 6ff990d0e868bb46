import { HartslagError } from '@hartslag/metrics/errors';
import { codesOf } from '../errors.js';

/** The incident store could not be opened or brought to the current schema; thrown at start-up only. */
export class StoreError extends HartslagError {
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StoreError';
  }
}

export const STORE_ERROR_CODES = codesOf('HARTSLAG_ERR_STORE_');
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];
