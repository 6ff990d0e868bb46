import { INSTRUMENTATION_ERROR_REASONS, type InstrumentationErrorReason } from '../contract/names.js';
import { HartslagError, RecordError } from '../errors.js';

/** Where each reason counts in `care_instrumentation_errors_total`. */
export const REASON_INDEX = Object.fromEntries(INSTRUMENTATION_ERROR_REASONS.map((r, i) => [r, i])) as Record<
  InstrumentationErrorReason,
  number
>;

/** What each reason says in the warning it raises once. */
const REASON_TEXT: Record<InstrumentationErrorReason, string> = {
  outcome: 'the outcome was not one of the five',
  duration: 'the duration was not seconds',
  label: 'a label value could not be a label',
  input: 'the call record could not be read',
  resolver: 'a function you passed (vendorOf, a tenant, vendor or operation resolver) threw',
  export: 'an exporter failed',
  internal: 'recording failed inside @hartslag/metrics',
};

/** The error if it is one of ours; reading it cannot throw (a Proxy's getPrototypeOf trap may). */
export function ownError(error: unknown): HartslagError | undefined {
  try {
    return error instanceof HartslagError ? error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Anything thrown at us (an Error, a Symbol, a Proxy whose traps throw), wrapped without reading it:
 * its message could hold patient data, and reading it could throw again.
 */
export function wrapError(error: unknown, reason: InstrumentationErrorReason): RecordError {
  return new RecordError(`${REASON_TEXT[reason]}; the thrown value is this error's \`cause\``, reason, {
    cause: error,
  });
}
