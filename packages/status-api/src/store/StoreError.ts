import { HartslagError } from '@hartslag/metrics/errors';

/** The incident store could not be opened or brought to the current schema; thrown at start-up only. */
export class StoreError extends HartslagError {
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StoreError';
  }
}

export const STORE_ERROR_CODES = [
  'HARTSLAG_ERR_STORE_URL',
  'HARTSLAG_ERR_STORE_OPEN',
  'HARTSLAG_ERR_STORE_MIGRATION',
  'HARTSLAG_ERR_STORE_SCHEMA_NEWER',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];
