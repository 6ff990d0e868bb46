import type { Outcome } from '../contract/outcomes.js';
import type { Duration, LabelValue } from './LabelValue.js';

/** One finished call, as `recordCall` takes it. Checked at run time whatever its declared types. */
export interface CallRecord {
  /** What was called, e.g. "fetch-medication-history". */
  operation: LabelValue;
  outcome: Outcome;
  /** Duration in seconds (or bigint nanoseconds); omit when unknown. */
  seconds?: Duration;
  /** HTTP status, gRPC status or reason, e.g. 503 or "no_contract". */
  code?: LabelValue;
  /** Pharmacy, hospital or practice id. Never a patient id. */
  tenant?: LabelValue;
  /** The tenant's software vendor; otherwise `tenants.vendorOf(tenant)` decides. */
  vendor?: LabelValue;
}
