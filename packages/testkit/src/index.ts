export { drifted, type GeneratedFile, writeGenerated } from '@hartslag/common/generated';
export { freePort, Process, waitFor } from '@hartslag/common/process';
export {
  amtoolCheckConfig,
  amtoolRoutes,
  type PostableAlert,
  type RunningAlertmanager,
  startAlertmanager,
} from './alertmanager.js';
export { launchChromium } from './chromium.js';
export { type CoturnOptions, type RunningCoturn, startCoturn } from './coturn.js';
export {
  type HaproxyBackend,
  type HaproxyOptions,
  haproxyConfig,
  type RunningHaproxy,
  startHaproxy,
} from './haproxy.js';
export { OSLO, osloBinary, osloValidate } from './oslo.js';
export {
  COLLECTOR_CONFIG,
  type CollectorOptions,
  collectorEnv,
  goToolBinary,
  otelcolBinary,
  type RunningCollector,
  startCollector,
} from './otelcol.js';
export { type PostgresOptions, type RunningPostgres, startPostgres } from './postgres.js';
export {
  type PrometheusOptions,
  type PromSample,
  type RunningPrometheus,
  type ScrapeTarget,
  startPrometheus,
} from './prometheus.js';
export { PromqlSyntaxError, seriesNamesIn } from './promqlSeries.js';
export { promtoolCheckMetrics, promtoolCheckRules, promtoolCreateBlocks, promtoolTestRules } from './promtool.js';
export { type RunningPushgateway, startPushgateway } from './pushgateway.js';
export { requireTool } from './requireTool.js';
export { type RunningTcpProxy, startTcpProxy } from './tcpProxy.js';
export { type RunningVerdaccio, startVerdaccio } from './verdaccio.js';
export {
  type RunningVictoriaMetrics,
  type RunningVmalert,
  startVictoriaMetrics,
  startVmalert,
  type VmalertOptions,
  type VmalertRule,
  type VmalertWiring,
  vmalertCheckRules,
  vmalertFlags,
} from './victoriametrics.js';
export { type RunningWebhookReceiver, startWebhookReceiver, type WebhookCall } from './webhookReceiver.js';
