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
  /**
   * Figures a partner might expect that the metric contract cannot slice by vendor or tenant:
   * error codes and latency are recorded per operation only (care_calls_total,
   * care_call_duration_seconds), across all partners.
   */
  unavailable: { figure: 'error_codes' | 'latency_p95'; reason: string }[];
}
