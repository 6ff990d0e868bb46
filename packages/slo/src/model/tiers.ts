import { ALERT_WINDOWS, type AlertWindow } from '@hartslag/metrics/contract';
import type { Slo } from './Slo.js';

/** The SLO's burn-rate alert tiers: its own, or the SRE workbook's. */
export function tiersOf(slo: Slo): readonly AlertWindow[] {
  return slo.tiers ?? ALERT_WINDOWS;
}
