import type { Transaction } from 'kysely';
import type { Incident } from '../incidents/model.js';
import { audit } from './auditQueries.js';
import type { Db } from './queries.js';
import { toIncident } from './rows.js';
import type { Actor, IncidentChange, NewIncident } from './StatusStore.js';
import type { Database, StoreKind } from './schema.js';

export async function insertIncident(
  trx: Transaction<Database>,
  input: NewIncident,
  actor: Actor,
  now: number,
): Promise<Incident> {
  const { id } = await trx
    .insertInto('incidents')
    .values({
      status: input.status,
      impact: input.impact,
      components: JSON.stringify(input.components),
      title: JSON.stringify(input.title),
      created_at: now,
      updated_at: now,
      resolved_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('incident_updates')
    .values({ incident_id: id, status: input.status, body: JSON.stringify(input.body), at: now })
    .execute();
  await audit(trx, actor, now, 'incident.create', `incident:${id}`, input);
  return (await loadIncidents(trx, [id]))[0]!;
}

/** See StatusStore.updateIncident: reopening, and resolving twice keeping the first `resolvedAt`. */
export async function changeIncident(
  trx: Transaction<Database>,
  kind: StoreKind,
  id: number,
  change: IncidentChange,
  actor: Actor,
  now: number,
): Promise<Incident | undefined> {
  const row = await trx
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', id)
    // Two replicas updating one incident: the second waits, then sees the first's change.
    .$if(kind === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) return undefined;
  const status = change.status ?? row.status;
  const wasResolved = row.status === 'resolved';
  const resolved = status === 'resolved';
  await trx
    .updateTable('incidents')
    .set({
      status,
      impact: change.impact ?? row.impact,
      components: change.components ? JSON.stringify(change.components) : row.components,
      title: change.title ? JSON.stringify(change.title) : row.title,
      updated_at: now,
      resolved_at: resolved ? (row.resolved_at ?? now) : null,
    })
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('incident_updates')
    .values({ incident_id: id, status, body: JSON.stringify(change.body), at: now })
    .execute();
  const action =
    resolved && !wasResolved ? 'incident.resolve' : wasResolved && !resolved ? 'incident.reopen' : 'incident.update';
  await audit(trx, actor, now, action, `incident:${id}`, change);
  return (await loadIncidents(trx, [id]))[0];
}

/** Ids of a page of incidents, newest first; `before` is the last id of the previous page. */
export async function incidentIds(
  db: Db,
  query: { open?: boolean; limit: number; before?: number },
): Promise<number[]> {
  const rows = await db
    .selectFrom('incidents')
    .select('id')
    .$if(query.open === true, (q) => q.where('resolved_at', 'is', null))
    .$if(query.before !== undefined, (q) => q.where('id', '<', query.before!))
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Incidents by id, in the order given, each with its timeline oldest first. */
export async function loadIncidents(db: Db, ids: number[]): Promise<Incident[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute();
  const updates = await db
    .selectFrom('incident_updates')
    .selectAll()
    .where('incident_id', 'in', ids)
    .orderBy('id', 'asc')
    .execute();
  const byIncident = new Map<number, typeof updates>();
  for (const u of updates) {
    const list = byIncident.get(u.incident_id);
    if (list) list.push(u);
    else byIncident.set(u.incident_id, [u]);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toIncident(row, byIncident.get(id) ?? [])] : [];
  });
}
