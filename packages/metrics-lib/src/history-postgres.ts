/**
 * The SLO evaluator's history in PostgreSQL: `createSloEvaluator(metrics, slos, { history: await
 * openPostgresSloHistory(process.env.DATABASE_URL) })`. A subpath of its own so services without
 * it never load `pg` (an optional peer dependency).
 */
export {
  openPostgresSloHistory,
  PostgresSloHistory,
  type PostgresSloHistoryOptions,
} from './slo/history/PostgresSloHistory.js';
