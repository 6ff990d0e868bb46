/**
 * The test data of the reference platform (examples/reference-platform/src/tenants.ts), repeated
 * here because generated scripts must carry it: 40 pharmacies over 5 vendors, 2 without a contract.
 * test/data/tenants.test.ts keeps both in step.
 */
export interface TenantData {
  id: string;
  vendor: string;
  contract: boolean;
}

export const VENDORS = ['vendor-a', 'vendor-b', 'vendor-c', 'vendor-d', 'vendor-e'] as const;

export const TENANTS: readonly TenantData[] = Object.freeze([
  ...Array.from({ length: 40 }, (_, i) => ({
    id: `pharmacy-${String(i + 1).padStart(3, '0')}`,
    vendor: VENDORS[i % VENDORS.length]!,
    contract: true,
  })),
  { id: 'pharmacy-nocontract-1', vendor: 'vendor-d', contract: false },
  { id: 'pharmacy-nocontract-2', vendor: 'vendor-e', contract: false },
]);

export const CONTRACT_TENANTS: readonly string[] = TENANTS.filter((t) => t.contract).map((t) => t.id);
export const NO_CONTRACT_TENANTS: readonly string[] = TENANTS.filter((t) => !t.contract).map((t) => t.id);
