export type { ArtilleryResult, LatencySummary, OperationResult, ThresholdCheck } from './ArtilleryResult.js';
export { bulkFill, DEFAULT_ADMIN_TOKEN, type Faults, getQueue, type QueueState, setFaults } from './admin.js';
export { type EnqueueOptions, type EnqueueResult, enqueueMessages } from './enqueueMessages.js';
export { DRIVER_ERROR_CODES, type DriverErrorCode, LoadtestDriverError } from './errors.js';
export { formatRestartStorm, formatSummary, stormHeld } from './formatSummary.js';
export { type ArtilleryReportJson, parseArtilleryReport, parseChecks } from './parseArtilleryReport.js';
export { type ExtraGauges, type PushTarget, pushSummary, renderSummary } from './pushSummary.js';
export {
  type PhaseStart,
  PROFILES,
  type Profile,
  type RunScenarioOptions,
  resolveScript,
  runScenario,
  SCENARIOS,
  type ScenarioName,
  type ScheduledPhase,
  scriptPhases,
} from './runScenario.js';
export {
  type ProcessMemory,
  type ReferencePlatformOptions,
  type RunningReferencePlatform,
  startReferencePlatform,
} from './startReferencePlatform.js';
export {
  type BacklogSources,
  type RestartStormOptions,
  type RestartStormResult,
  restartStorm,
} from './storm/restartStorm.js';
export { formatStageDrain, type StageDrain, stageDrain, stageSamples } from './storm/stageDrain.js';
