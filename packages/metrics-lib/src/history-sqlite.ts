/**
 * The SLO evaluator's history in SQLite: `createSloEvaluator(metrics, slos, { history:
 * openSqliteSloHistory('data/slo-history.sqlite') })`. A subpath of its own so services that keep
 * history in memory never load better-sqlite3 (an optional peer dependency).
 */

export {
  openSqliteSloHistory,
  SqliteSloHistory,
  type SqliteSloHistoryOptions,
} from './slo/history/SqliteSloHistory.js';
export { DEFAULT_RETENTION_DAYS } from './slo/history/savedState.js';
