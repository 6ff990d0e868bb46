import { PROVIDER_COUNT, providerId, TENANTS, type Tenant, VENDORS } from '@hartslag/scenarios';

/** The pharmacies, vendors and care providers of the scenario catalogue's pharmacy day. */
export { PROVIDER_COUNT, providerId, TENANTS, type Tenant, VENDORS };

const byId = new Map(TENANTS.map((t) => [t.id, t]));

export function tenantById(id: string): Tenant | undefined {
  return byId.get(id);
}

/** For @hartslag/metrics' `tenants.vendorOf`. */
export function vendorOfTenant(id: string): string | undefined {
  return byId.get(id)?.vendor;
}

export function isProvider(user: string): boolean {
  const m = /^provider-(\d{4})$/.exec(user);
  if (m === null) return false;
  const n = Number(m[1]);
  return n >= 1 && n <= PROVIDER_COUNT;
}
