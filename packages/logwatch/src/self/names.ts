import { LOGWATCH_REJECT_REASONS, LOGWATCH_SERIES, type LogwatchRejectReason } from '@hartslag/metrics/contract';

/** Logwatch's own series; the names are the contract's (`LOGWATCH_SERIES` of @hartslag/metrics/contract). */
export const SELF_METRICS = LOGWATCH_SERIES;

/** Why a line was not recorded: the `reason` label of lines_rejected_total. */
export const REJECT_REASONS = LOGWATCH_REJECT_REASONS;
export type RejectReason = LogwatchRejectReason;
