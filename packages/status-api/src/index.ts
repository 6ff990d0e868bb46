export { buildStatusApi, DEFAULT_RATE_LIMIT, type StatusApi, type StatusApiOptions } from './app.js';
export { AUTH_ERROR_CODES, AuthError, type AuthErrorCode } from './auth/AuthError.js';
export { requireScope } from './auth/requireScope.js';
export { isScope, SCOPES, type Scope } from './auth/scopes.js';
export { type TokenEntry, TokenRegistry } from './auth/TokenRegistry.js';
export { generateToken, hashToken } from './auth/tokens.js';
export type { Component, Translations } from './config/Component.js';
export {
  CONFIG_ERROR_CODES,
  ConfigError as StatusConfigError,
  type ConfigErrorCode,
  type ConfigProblem,
} from './config/ConfigError.js';
export { loadConfig } from './config/loadConfig.js';
export type { Provider } from './config/Provider.js';
export { parseConfig } from './config/parseConfig.js';
export {
  API_VERSION,
  type PageConfig,
  type SourceConfig,
  type StatusConfig,
  type StorageConfig,
  type TokenConfig,
} from './config/StatusConfig.js';
export { type SeedOptions, seedHistory } from './demo/seedHistory.js';
export { buildShowcase, SHOWCASE_COMPONENTS, SHOWCASE_PROVIDERS, ShowcaseSource } from './demo/showcase.js';
export { HistoryRecorder } from './history/HistoryRecorder.js';
export { UPTIME_WINDOWS, type Uptime, type UptimeWindow, uptimeOf } from './history/uptime.js';
export { languageOf } from './i18n/languageOf.js';
export { LANGUAGES, type Language, MESSAGES, negotiateLanguage } from './i18n/messages.js';
export {
  type AuditEntry,
  IMPACTS,
  type Impact,
  INCIDENT_STATUSES,
  type Incident,
  type IncidentStatus,
  type IncidentUpdate,
  type Maintenance,
  type Texts,
} from './incidents/model.js';
export { BADGE_STYLES, type BadgeStyle, renderBadge, renderUptimeBadge, shieldsEndpoint } from './render/badge.js';
export { renderFeed } from './render/feed.js';
export { renderPage } from './render/page.js';
export { renderRhythmChart } from './render/rhythmChart.js';
export type { FeedView, PageView, WidgetView } from './render/view.js';
export { renderWidget } from './render/widget.js';
export { buildFromConfig } from './serveConfig.js';
export { EmbeddedSource } from './source/EmbeddedSource.js';
export { PrometheusSource, type PrometheusSourceOptions } from './source/PrometheusSource.js';
export { ScrapeSource } from './source/ScrapeSource.js';
export { SOURCE_ERROR_CODES, SourceError, type SourceErrorCode } from './source/SourceError.js';
export { deriveState, STATE_RANK, worstState } from './state/deriveState.js';
export { judgeProviders, type Note } from './state/providers.js';
export { type SloFigures, type SourceReading, STATES, type State, type StatusSource } from './state/State.js';
export { type ComponentStatus, type Declarations, StatusBoard } from './state/StatusBoard.js';
export { openStore, type StoreOptions } from './store/openStore.js';
export type {
  Actor,
  IncidentChange,
  MaintenanceChange,
  NewIncident,
  NewMaintenance,
  StatusStore,
} from './store/StatusStore.js';
export { STORE_ERROR_CODES, StoreError, type StoreErrorCode } from './store/StoreError.js';
