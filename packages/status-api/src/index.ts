export { buildStatusApi, type StatusApi, type StatusApiOptions } from './app.js';
export type { Component } from './config/Component.js';
export { LANGUAGES, type Language, MESSAGES, negotiateLanguage } from './i18n/messages.js';
export { BADGE_STYLES, type BadgeStyle, renderBadge, shieldsEndpoint } from './render/badge.js';
export { EmbeddedSource } from './source/EmbeddedSource.js';
export { PrometheusSource, type PrometheusSourceOptions } from './source/PrometheusSource.js';
export { SOURCE_ERROR_CODES, SourceError, type SourceErrorCode } from './source/SourceError.js';
export { deriveState, STATE_RANK, worstState } from './state/deriveState.js';
export { type SloFigures, type SourceReading, STATES, type State, type StatusSource } from './state/State.js';
