export { SimClock, type SimClockOptions, type SimMoment } from './clock/SimClock.js';
export { type DemoOptions, type DemoPorts, HELP, PORT_FLAGS, parseDemoArgs, USAGE } from './config/args.js';
export { DEFAULT_DATA_DIR, demoPaths, REPO_ROOT, SPEC_FILES } from './config/paths.js';
export { type DemoIo, runDemo } from './Demo.js';
export { DEMO_ERROR_CODES, DemoError, type DemoErrorCode } from './errors.js';
export {
  type IncidentActions,
  type IncidentEvent,
  type IncidentPhase,
  IncidentScheduler,
  type IncidentSchedulerOptions,
} from './incident/IncidentScheduler.js';
export { INCIDENT_OPERATION } from './incident/platformFaults.js';
export { main } from './main.js';
export { OFFSETS, type PanelData, panelQuery, RhythmData } from './preview/RhythmData.js';
export { prometheusConfig } from './services/prometheus.js';
export { DEMO_COMPONENTS } from './services/statusApi.js';
export { type DemoSlos, LOGIN_SLO, loadDemoSlos } from './slo/demoSlos.js';
export { TrafficCurve } from './traffic/curve.js';
export { type PlannedCall, TrafficPlan } from './traffic/plan.js';
export { planSpan } from './traffic/Traffic.js';
