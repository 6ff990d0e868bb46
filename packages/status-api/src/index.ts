// The public API: building the service (from options or a configuration file), its sources and
// stores, the tokens of the write API, the error codes. Fixtures of the showcase and seeded
// history are in `@hartslag/status-api/demo`; renderers and routes are internal.

export { AuthError, type AuthErrorCode } from './auth/AuthError.js';
export {
  isScope,
  PARTNER_KINDS,
  type PartnerKind,
  type PartnerScope,
  partnerScope,
  SCOPES,
  type Scope,
} from './auth/scopes.js';
export type { TokenEntry } from './auth/TokenRegistry.js';
export { generateToken, hashToken } from './auth/tokens.js';
export type { Component, Translations } from './config/Component.js';
export {
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
export { ERROR_CODES, type ErrorCode } from './errors.js';
export type { Uptime, UptimeWindow } from './history/uptime.js';
export type { ErrorBody, HttpErrorCode } from './http/errorReply.js';
export { LANGUAGES, type Language } from './i18n/messages.js';
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
export type { PartnersOptions, PartnerVendor, TenantGroup } from './partners/Partner.js';
export type {
  CodeFigures,
  LatencyFigures,
  PartnerView,
  ServiceFigures,
  TenantFigures,
  Unavailable as PartnerUnavailable,
} from './partners/PartnerView.js';
export type { IceServer, SelfTestOptions } from './selftest/SelfTestOptions.js';
export { buildFromConfig } from './server/buildFromConfig.js';
export { buildStatusApi, DEFAULT_RATE_LIMIT, type StatusApi, type StatusApiOptions } from './server/buildStatusApi.js';
export { EmbeddedSource } from './source/EmbeddedSource.js';
export { PrometheusSource, type PrometheusSourceOptions } from './source/PrometheusSource.js';
export { ScrapeSource } from './source/ScrapeSource.js';
export { SourceError, type SourceErrorCode } from './source/SourceError.js';
export { type SloFigures, type SourceReading, STATES, type State, type StatusSource } from './state/State.js';
export type { ComponentStatus, StatusBoard } from './state/StatusBoard.js';
export { openStore, type StoreOptions } from './store/openStore.js';
export type {
  Actor,
  IncidentChange,
  MaintenanceChange,
  NewIncident,
  NewMaintenance,
  StatusStore,
} from './store/StatusStore.js';
export { StoreError, type StoreErrorCode } from './store/StoreError.js';
