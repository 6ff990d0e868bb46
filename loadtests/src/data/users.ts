import { PROVIDER_COUNT, providerId } from '@hartslag/scenarios';

/** The provider of the i-th session (0-based): each provider logs in once before any logs in twice. */
export function providerOfSession(i: number, peakUsers: number): string {
  return providerId((i % Math.min(peakUsers, PROVIDER_COUNT)) + 1);
}
