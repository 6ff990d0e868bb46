import { HartslagError } from '@hartslag/metrics/errors';

export const AUTH_ERROR_CODES = ['HARTSLAG_ERR_AUTH_TOKENS'] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

/** Tokens given to a TokenRegistry that cannot be used (bad digest, unknown scope, duplicates). */
export class AuthError extends HartslagError {
  constructor(code: AuthErrorCode, message: string) {
    super(code, message);
    this.name = 'AuthError';
  }
}
