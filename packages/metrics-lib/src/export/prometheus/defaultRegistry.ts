import { createRequire } from 'node:module';
import { RegistryMissingError } from '../../errors.js';
import type { PromRegistry } from './PromRegistry.js';

/** The clients whose `Registry` we can make ourselves, in the order we try them. */
export const PROM_CLIENTS = ['prom-client', '@prometheus-io/client'] as const;

/**
 * A new registry of whichever Prometheus client is installed, loaded only when a CareMetrics is
 * created without `registry` (both are optional peers: a service that passes its own, or `false`,
 * needs neither). Resolved from this package, as its peers are.
 */
export function defaultRegistry(load: (name: string) => unknown = createRequire(import.meta.url)): PromRegistry {
  for (const name of PROM_CLIENTS) {
    let client: { Registry?: new () => PromRegistry };
    try {
      client = load(name) as typeof client;
    } catch (err) {
      // Not installed; a client that is installed but fails to load (a dependency of its own
      // missing) is a fault to report, not a reason to try the next.
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'MODULE_NOT_FOUND' && e.message.includes(`'${name}'`)) continue;
      throw err;
    }
    if (typeof client.Registry === 'function') return new client.Registry();
  }
  throw new RegistryMissingError(PROM_CLIENTS);
}
