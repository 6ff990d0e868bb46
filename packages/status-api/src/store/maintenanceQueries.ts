import type { Transaction } from 'kysely';
import type { Maintenance } from '../incidents/model.js';
import { audit } from './auditQueries.js';
import type { Db } from './queries.js';
import { toMaintenance } from './rows.js';
import type { Actor, MaintenanceChange, NewMaintenance } from './StatusStore.js';
import type { Database } from './schema.js';

export async function insertMaintenance(
  trx: Transaction<Database>,
  input: NewMaintenance,
  actor: Actor,
  now: number,
): Promise<Maintenance> {
  const row = await trx
    .insertInto('maintenance')
    .values({
      title: JSON.stringify(input.title),
      body: JSON.stringify(input.body),
      components: JSON.stringify(input.components),
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      cancelled: 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, actor, now, 'maintenance.schedule', `maintenance:${row.id}`, input);
  return toMaintenance(row);
}

/** A cancelled window stays cancelled; its other fields may still be corrected. */
export async function changeMaintenance(
  trx: Transaction<Database>,
  id: number,
  change: MaintenanceChange,
  actor: Actor,
  now: number,
): Promise<Maintenance | undefined> {
  const row = await trx
    .updateTable('maintenance')
    .set({
      ...(change.title && { title: JSON.stringify(change.title) }),
      ...(change.body && { body: JSON.stringify(change.body) }),
      ...(change.components && { components: JSON.stringify(change.components) }),
      ...(change.startsAt !== undefined && { starts_at: change.startsAt }),
      ...(change.endsAt !== undefined && { ends_at: change.endsAt }),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  await audit(trx, actor, now, 'maintenance.update', `maintenance:${id}`, change);
  return toMaintenance(row);
}

/** Cancelling twice is not an error: the window stays cancelled and the request is audited. */
export async function cancelMaintenance(
  trx: Transaction<Database>,
  id: number,
  actor: Actor,
  now: number,
): Promise<Maintenance | undefined> {
  const row = await trx
    .updateTable('maintenance')
    .set({ cancelled: 1, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  await audit(trx, actor, now, 'maintenance.cancel', `maintenance:${id}`, null);
  return toMaintenance(row);
}

export async function selectMaintenance(db: Db, id: number): Promise<Maintenance | undefined> {
  const row = await db.selectFrom('maintenance').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMaintenance(row);
}

/** Windows not cancelled that end after `endsAfter` (and start before `startsBefore`), soonest first. */
export async function upcomingMaintenance(
  db: Db,
  endsAfter: number,
  limit: number,
  startsBefore?: number,
): Promise<Maintenance[]> {
  let q = db.selectFrom('maintenance').selectAll().where('cancelled', '=', 0).where('ends_at', '>', endsAfter);
  if (startsBefore !== undefined) q = q.where('starts_at', '<', startsBefore);
  const rows = await q.orderBy('starts_at', 'asc').orderBy('id', 'asc').limit(limit).execute();
  return rows.map(toMaintenance);
}
