export { providerOfSession } from './data/users.js';
export { LOADTEST_ERROR_CODES, LoadtestError, type LoadtestErrorCode } from './errors.js';
export type { Flow, Step, Variable } from './flows/Flow.js';
export { careProviderSession, DENIED_LOGIN, VARIABLES } from './flows/flows.js';
export { type ArtilleryPhase, artilleryEnsure, artilleryPhases, renderArtillery } from './generate/artillery.js';
export { GENERATED_HEADER } from './generate/header.js';
export { type K6Arrivals, k6Arrivals, k6Thresholds, k6ThresholdsOf, renderK6 } from './generate/k6.js';
export {
  K6_OPERATOR_TARGET,
  k6OperatorParallelism,
  peakRequestsPerSecond,
  RUNNER_REQUESTS_PER_SECOND,
  RUNNER_RESOURCES,
  renderK6Operator,
} from './generate/k6Operator.js';
export { generateOutputs, type Output, PACKAGE_DIR } from './generate/outputs.js';
export { type Env, PROFILE_DEFAULTS, PROFILES, type Profile, readScale, type Scale } from './scale.js';
export {
  MORNING_LOGIN_SPIKE,
  RESTART_STORM,
  RESTART_STORM_JITTERED,
  SCENARIOS,
  STEADY_DAY,
  STORM_MESSAGES_PER_SESSION,
} from './scenarios/catalogue.js';
export { planScenario, scenarioById } from './scenarios/plan.js';
export type { ResolvedScale, Scenario, ScenarioId, ScenarioPlan } from './scenarios/Scenario.js';
export { morningRate, morningShape } from './shapes/morning.js';
export { type Phase, type PhaseOptions, peak, phaseRate, phases, sessions, shapeSessions } from './shapes/phases.js';
export {
  type RestartStormOptions,
  restartStormStages,
  STORM_SECONDS,
  type Stage,
  type StageFaults,
  stagesShape,
} from './shapes/restartStorm.js';
export type { Shape } from './shapes/Shape.js';
export { steadyDayRate, steadyDayShape } from './shapes/steadyDay.js';
export { loadThresholds, readSpecs, SPEC_FILES, thresholdsFromSpecs } from './thresholds/fromSpec.js';
export type { LatencyLimit, OperationThresholds } from './thresholds/Thresholds.js';
