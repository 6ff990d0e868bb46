/** A pharmacy that calls the hub, and the software vendor its system comes from. */
export interface Tenant {
  id: string;
  vendor: string;
  /** Tenants without a contract are denied every call (403, outcome `denied`). */
  contract: boolean;
}

export const VENDORS = ['vendor-a', 'vendor-b', 'vendor-c', 'vendor-d', 'vendor-e'] as const;

const PHARMACIES = 40;

/** 40 pharmacies spread over 5 vendors, and 2 pharmacies without a contract. */
export const TENANTS: readonly Tenant[] = Object.freeze([
  ...Array.from({ length: PHARMACIES }, (_, i) => ({
    id: `pharmacy-${String(i + 1).padStart(3, '0')}`,
    vendor: VENDORS[i % VENDORS.length]!,
    contract: true,
  })),
  { id: 'pharmacy-nocontract-1', vendor: 'vendor-d', contract: false },
  { id: 'pharmacy-nocontract-2', vendor: 'vendor-e', contract: false },
]);

export const CONTRACT_TENANTS: readonly string[] = TENANTS.filter((t) => t.contract).map((t) => t.id);
export const NO_CONTRACT_TENANTS: readonly string[] = TENANTS.filter((t) => !t.contract).map((t) => t.id);

/** Care providers log in as `provider-0001` … `provider-3000`. */
export const PROVIDER_COUNT = 3000;

export function providerId(n: number): string {
  return `provider-${String(n).padStart(4, '0')}`;
}
