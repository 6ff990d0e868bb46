export {
  amtoolCheckConfig,
  amtoolRoutes,
  type PostableAlert,
  type RunningAlertmanager,
  startAlertmanager,
} from './alertmanager.js';
export { launchChromium } from './chromium.js';
export { freePort } from './freePort.js';
export { drifted, type GeneratedFile, writeGenerated } from './generatedFiles.js';
export { OSLO, osloBinary, osloValidate } from './oslo.js';
export { Process, waitFor } from './Process.js';
export { type PostgresOptions, type RunningPostgres, startPostgres } from './postgres.js';
export {
  type PrometheusOptions,
  type PromSample,
  type RunningPrometheus,
  type ScrapeTarget,
  startPrometheus,
} from './prometheus.js';
export { PromqlSyntaxError, seriesNamesIn } from './promqlSeries.js';
export { promtoolCheckMetrics, promtoolCheckRules, promtoolTestRules } from './promtool.js';
export { type RunningPushgateway, startPushgateway } from './pushgateway.js';
export { requireTool } from './requireTool.js';
export { type RunningVerdaccio, startVerdaccio } from './verdaccio.js';
export { type RunningWebhookReceiver, startWebhookReceiver, type WebhookCall } from './webhookReceiver.js';
