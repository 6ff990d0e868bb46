import { HartslagError } from '@hartslag/metrics/errors';
import { codesOf } from '../errors.js';

export const AUTH_ERROR_CODES = codesOf('HARTSLAG_ERR_AUTH_');
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/** Tokens given to a TokenRegistry that cannot be used (bad digest, unknown scope, duplicates). */
export class AuthError extends HartslagError {
  constructor(code: AuthErrorCode, message: string) {
    super(code, message);
    this.name = 'AuthError';
  }
}
