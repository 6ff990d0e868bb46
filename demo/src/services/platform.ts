import { createReferencePlatform, type ReferencePlatform } from '@hartslag/reference-platform';
import { isAddressInUse, portBusy } from './ports.js';

/**
 * The platform's own deadline, ms: a call without an answer after 5 s is hung up and counted as a
 * `timeout`, as behind a gateway. Without it a stall would only show as callers giving up
 * (`client_error`), which spends no downtime budget.
 */
export const CALL_TIMEOUT_MS = 5_000;

/** The callers' deadline, ms: longer than the platform's, so the platform is the one that gives up. */
export const CLIENT_TIMEOUT_MS = 15_000;

export const ADMIN_TOKEN = 'reference-admin';

/**
 * The reference platform in this process, with simulated service times, listening on `host` (127.0.0.1 by
 * default); with `accessLog`, it also writes a JSON line per care call there (for logwatch).
 */
export async function startPlatform(
  dataDir: string,
  port: number,
  host = '127.0.0.1',
  accessLog?: string,
): Promise<ReferencePlatform> {
  try {
    return await createReferencePlatform({
      dataDir,
      port,
      host,
      ...(accessLog === undefined ? {} : { accessLog }),
      callTimeoutMs: CALL_TIMEOUT_MS,
      adminToken: ADMIN_TOKEN,
    });
  } catch (err) {
    throw isAddressInUse(err) ? portBusy('platform', port, err) : err;
  }
}
