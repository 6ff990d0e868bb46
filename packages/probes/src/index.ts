export type { CheckResult } from './check/CheckResult.js';
export { classifyError } from './check/classifyError.js';
export { grpcHealthCheck } from './check/grpcHealthCheck.js';
export { httpCheck } from './check/httpCheck.js';
export { runCheck } from './check/runCheck.js';
export { tcpCheck } from './check/tcpCheck.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  PROBES_USAGE,
  type ProbesCommand,
  parseProbesArgs,
  probesUsage,
} from './cli/args.js';
export { loadProbeConfigFile } from './cli/loadProbeConfigFile.js';
export { type Io, runProbesCli } from './cli/run.js';
export { type RunningProbes, type ServeProbesOptions, serveProbes } from './cli/serveProbes.js';
export {
  DEFAULT_INTERVAL_MS,
  DEFAULT_TIMEOUT_MS,
  type GrpcTarget,
  type HttpTarget,
  type ProbeConfig,
  type ProbeSpec,
  type ProbeTarget,
  type TcpTarget,
} from './config/ProbeSpec.js';
export { PROBES_API_VERSION, readProbeConfig } from './config/readProbeConfig.js';
export {
  PROBE_ERROR_CODES,
  ProbeConfigError,
  type ProbeConfigProblem,
  ProbeError,
  type ProbeErrorCode,
  ProbeFileError,
  ProbeListenError,
  ProbeOptionsError,
  ProbeUsageError,
} from './errors.js';
export { type CallSink, ProbeRunner, type ProbeRunnerOptions } from './run/ProbeRunner.js';
export type { ProbeStats } from './run/ProbeStats.js';
export { FixedRate, phaseOf } from './schedule/FixedRate.js';
export { SYSTEM_TIMERS, type Timers } from './schedule/Timers.js';
