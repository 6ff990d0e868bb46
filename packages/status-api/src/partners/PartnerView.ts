import type { Outcome } from '@hartslag/metrics/contract';
import type { PartnerKind } from '../auth/scopes.js';

/** Calls in the last hour by outcome, whole calls. */
export type OutcomeCounts = Record<Outcome, number>;

/** One row of a partner view: a service, or one of the partner's tenants. */
export interface SliceFigures {
  /** Calls per minute over the last 5 minutes. */
  callsPerMinute: number;
  lastHour: OutcomeCounts;
  /** Calls in the last hour, all outcomes. */
  calls: number;
  /** Share of the last hour's calls that spent the platform's budget (server errors, timeouts); undefined without calls. */
  errorRatio: number | undefined;
}

export interface ServiceFigures extends SliceFigures {
  service: string;
}

export interface TenantFigures extends SliceFigures {
  tenant: string;
  /** More calls in the last hour than the overuse threshold. */
  overuse: boolean;
}

/** One code of a vendor's failed calls (any outcome but success) in the last hour. */
export interface CodeFigures {
  service: string;
  operation: string;
  /** As recorded: an HTTP status, a gRPC status name or a reason such as `no_contract`; '' without one. */
  code: string;
  calls: number;
}

/** A vendor's call duration at the 95th percentile over the last hour, per operation. */
export interface LatencyFigures {
  service: string;
  operation: string;
  p95Seconds: number;
}

export interface Unavailable {
  figure: 'error_codes' | 'latency_p95';
  cause: 'tenant_group' | 'not_recorded';
  reason: string;
}

/**
 * What a partner sees: its own calls only, read from Prometheus at `at`. Every figure comes from a
 * series selected by the partner's vendor or tenants (care_vendor_calls_total,
 * care_tenant_calls_total); nothing else is queried.
 */
export interface PartnerView {
  partner: { kind: PartnerKind; id: string; name: string };
  /** ISO instant of the reading. */
  at: string;
  services: ServiceFigures[];
  tenants: TenantFigures[];
  /** Calls refused (outcome `denied`: no contract, no authorisation) in the last hour, by tenant. */
  denied: { tenant: string; calls: number }[];
  overuse: { perHour: number; tenants: string[] };
  /** A vendor's failed calls by code (care_vendor_codes_total), most first; empty for a tenant group. */
  codes: CodeFigures[];
  /** A vendor's p95 per operation (care_vendor_call_duration_seconds); empty for a tenant group. */
  latency: LatencyFigures[];
  /**
   * Figures a partner might expect that cannot be shown: a tenant group's error codes and latency
   * (the per-vendor families have no tenant label), or a vendor's whose calls were not recorded
   * per vendor (past the service's vendor cap, or a release without those families). Empty when
   * every figure is shown, so "no failed calls" is never said for figures that are missing.
   */
  unavailable: Unavailable[];
}
