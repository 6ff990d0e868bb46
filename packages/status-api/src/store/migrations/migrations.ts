import type { Migration, MigrationProvider } from 'kysely';
import type { StoreKind } from '../schema.js';
import { initial } from './001_initial.js';
import { idempotency } from './002_idempotency.js';
import { rateLimits } from './003_rate_limits.js';

/**
 * Every schema version, in order. Names are recorded in `kysely_migration` and never change; a new
 * version adds `002_<what>.ts` here. Kysely runs them in name order.
 */
export function migrations(kind: StoreKind): Record<string, Migration> {
  return {
    '001_initial': initial(kind),
    '002_idempotency': idempotency(),
    '003_rate_limits': rateLimits(),
  };
}

export function migrationProvider(kind: StoreKind): MigrationProvider {
  return { getMigrations: async () => migrations(kind) };
}
