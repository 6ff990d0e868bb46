/** The platform knows care providers provider-0001 … provider-3000; more sessions reuse them. */
export const PROVIDER_COUNT = 3000;

export function providerId(n: number): string {
  return `provider-${String(n).padStart(4, '0')}`;
}

/** The provider of the i-th session (0-based): each provider logs in once before any logs in twice. */
export function providerOfSession(i: number, peakUsers: number): string {
  return providerId((i % Math.min(peakUsers, PROVIDER_COUNT)) + 1);
}
