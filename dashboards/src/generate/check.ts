import { drifted } from '@hartslag/common/generated';
import { DashboardsError } from '../errors.js';
import type { Output } from './outputs.js';

/**
 * The CI drift check: throws HARTSLAG_ERR_DASHBOARDS_DRIFT naming every committed file under
 * `dir` that differs from what the builders generate.
 */
export function checkDrift(outputs: readonly Output[], dir: string): void {
  const stale = drifted(outputs, dir);
  if (stale.length === 0) return;
  throw new DashboardsError(
    'HARTSLAG_ERR_DASHBOARDS_DRIFT',
    `generated files differ from the dashboard builders: ${stale.join(', ')} — run pnpm generate (or pnpm --filter @hartslag/dashboards generate) and commit the result; never edit them by hand`,
  );
}
