import type { CareOperation } from './operations.js';

/** The operations pharmacies call once logged in, and their share of those calls. */
export const OPERATION_SHARES: Readonly<Record<CareOperation, number>> = {
  'fetch-medication-history': 0.35,
  'fetch-prescription': 0.25,
  'register-dispensation': 0.25,
  'send-message': 0.15,
};

/** Share of calls from pharmacies without a contract: refused (outcome `denied`), never an error. */
export const DENIED_SHARE = 0.02;

/** Care providers per pharmacy: each logs in once a day, so logins peak when pharmacies open. */
export const PROVIDERS_PER_TENANT = 3;

/**
 * One pharmacy whose system starts fetching medication histories in a loop late in the morning
 * of every working day, and stops in the afternoon: the "one tenant that overloads everything".
 */
export const HAMMER = {
  tenant: 'pharmacy-017',
  operation: 'fetch-medication-history',
  fromHour: 11,
  toHour: 16,
  /** Its calls per second, as a share of the platform's peak rate. */
  shareOfPeak: 0.2,
} as const;

/** The hammering pharmacy's calls per second at a local hour and ISO weekday (0 outside its window). */
export function hammerRate(localHour: number, weekday: number, peak: number): number {
  const on = weekday <= 5 && localHour >= HAMMER.fromHour && localHour < HAMMER.toHour;
  return on ? HAMMER.shareOfPeak * peak : 0;
}
