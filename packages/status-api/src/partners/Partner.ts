import type { PartnerKind } from '../auth/scopes.js';

/** A software vendor whose pharmacies' calls its token may read; `id` is the `vendor` label value. */
export interface PartnerVendor {
  id: string;
  /** Shown on the partner's page and report; text from configuration, escaped like all others. */
  name: string;
}

/** Tenants (pharmacies, practices) an operator groups for one partner, e.g. a chain. */
export interface TenantGroup {
  id: string;
  name: string;
  /** `tenant` label values. */
  tenants: readonly string[];
}

/** Who may get a partner view, and when a tenant overuses the platform. */
export interface PartnersOptions {
  vendors: readonly PartnerVendor[];
  tenantGroups: readonly TenantGroup[];
  /**
   * A tenant making more calls than this in an hour is an overuser: the hub's "pharmacy asking
   * 1,000 patients an hour" (DESIGN.md). Default 1000.
   */
  overusePerHour?: number;
}

/** One partner as its scope names it. */
export interface Partner {
  kind: PartnerKind;
  id: string;
  name: string;
  /** The group's tenants; undefined for a vendor (all of the vendor's tenants). */
  tenants?: readonly string[];
}

export const DEFAULT_OVERUSE_PER_HOUR = 1000;

/** The partner of that kind and id, or undefined. Ids compare exactly: no case folding, no normalising. */
export function findPartner(options: PartnersOptions, kind: PartnerKind, id: string): Partner | undefined {
  if (kind === 'vendor') {
    const v = options.vendors.find((x) => x.id === id);
    return v === undefined ? undefined : { kind, id: v.id, name: v.name };
  }
  const g = options.tenantGroups.find((x) => x.id === id);
  return g === undefined ? undefined : { kind, id: g.id, name: g.name, tenants: g.tenants };
}
