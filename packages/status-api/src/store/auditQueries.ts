import type { Transaction } from 'kysely';
import type { AuditEntry } from '../incidents/model.js';
import type { Db } from './queries.js';
import { toAuditEntry } from './rows.js';
import type { Actor } from './StatusStore.js';
import type { Database } from './schema.js';

/** The audit row of a write, in the write's own transaction so neither is kept without the other. */
export async function audit(
  trx: Transaction<Database>,
  actor: Actor,
  at: number,
  action: string,
  target: string,
  detail: unknown,
): Promise<void> {
  await trx
    .insertInto('audit')
    .values({ at, actor: actor.name, action, target, detail: JSON.stringify(detail ?? null) })
    .execute();
}

/** A page of the audit log, newest first; `before` is the last id of the previous page. */
export async function selectAudit(db: Db, query: { limit: number; before?: number }): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit')
    .selectAll()
    .$if(query.before !== undefined, (q) => q.where('id', '<', query.before!))
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map(toAuditEntry);
}
