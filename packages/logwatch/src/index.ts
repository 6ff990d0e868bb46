export { type BackfillOptions, type BackfillResult, backfill, DEFAULT_HEARTBEAT_SECONDS } from './backfill/backfill.js';
export { Checkpoint, type CheckpointState } from './checkpoint/Checkpoint.js';
export { checkLines } from './cli/check.js';
export { type Io, type Running, run, runCheck, startRun, USAGE } from './cli/run.js';
export type {
  CodeRule,
  Config,
  FieldMap,
  FormatKind,
  LatencyConfig,
  PushConfig,
  SourceConfig,
  TimestampConfig,
} from './config/Config.js';
export { DEFAULT_MAX_LINE_BYTES, DEFAULT_ZONE, FORMATS, PUSH_DEFAULTS } from './config/Config.js';
export { readConfig } from './config/readConfig.js';
export {
  CheckpointCorruptError,
  CheckpointWriteError,
  CliUsageError,
  ConfigError,
  type ConfigProblem,
  ERROR_CODES,
  type ErrorCode,
  FileReadError,
  formatProblem,
  LogwatchError,
} from './errors.js';
export { type CompiledGrok, compileGrok, GrokProblem, grokPatterns } from './grok/compileGrok.js';
export { LineParser, type ParsedLine, type ParseResult } from './parse/LineParser.js';
export { PUSH_QUEUE_FILE, type PushQueueState } from './push/PushQueue.js';
export { type PushStats, RemoteWriter, type RemoteWriterOptions } from './push/RemoteWriter.js';
export { decodeWriteRequest, encodeWriteRequest, type PushSeries } from './push/writeRequest.js';
export { Ledger, type LedgerState } from './record/Ledger.js';
export { Logwatch, type LogwatchOptions } from './run/Logwatch.js';
export { REJECT_REASONS, type RejectReason, SELF_METRICS } from './self/names.js';
export { SourceTailer } from './source/SourceTailer.js';
export type { StreamState } from './source/StreamState.js';
