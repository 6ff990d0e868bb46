import { HAMMER, TENANTS, VENDORS } from '@hartslag/scenarios';
import { generateToken, hashToken, type StatusApiOptions, type TokenEntry } from '@hartslag/status-api';
import { urlLine } from '../console/messages.js';

/**
 * The vendor whose partner view the demo hands out: the one whose pharmacy starts hammering late
 * in the morning, so its page shows an overuser once the simulated day gets there.
 */
export const DEMO_VENDOR = TENANTS.find((t) => t.id === HAMMER.tenant)!.vendor;

/** A partner's access to the demo's status API: a fresh token for one vendor, read from Prometheus. */
export interface PartnerAccess {
  token: string;
  tokens: TokenEntry[];
  partners: NonNullable<StatusApiOptions['partners']>;
}

export function partnerAccess(prometheusUrl: string): PartnerAccess {
  const token = generateToken();
  return {
    token,
    tokens: [{ name: `${DEMO_VENDOR}-portal`, sha256: hashToken(token), scopes: [`read:vendor:${DEMO_VENDOR}`] }],
    partners: {
      vendors: VENDORS.map((id) => ({ id, name: id })),
      tenantGroups: [],
      prometheus: { url: prometheusUrl },
    },
  };
}

/** What the demo prints: the partner's page (the browser asks for the token as the password) and API. */
export function partnerLines(statusUrl: string, access: PartnerAccess): string {
  return [
    urlLine('partner page', `${statusUrl}/partners/vendor/${DEMO_VENDOR}`, '(any user name; the token as password)'),
    urlLine('partner API', `${statusUrl}/v1/partners/vendor/${DEMO_VENDOR}`),
    urlLine('partner token', access.token, `(read:vendor:${DEMO_VENDOR} only)`),
    '',
  ].join('\n');
}
