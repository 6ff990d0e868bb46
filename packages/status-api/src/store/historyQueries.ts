import type { Transaction } from 'kysely';
import type { StateMinute, VolumePoint } from '../incidents/model.js';
import type { State } from '../state/State.js';
import { BATCH, type Db } from './queries.js';
import type { Database } from './schema.js';

/** A minute already recorded (by another replica) is kept as it was. */
export async function insertStates(trx: Transaction<Database>, rows: StateMinute[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto('state_minutes')
      .values(rows.slice(i, i + BATCH).map((r) => ({ component: r.component, minute: r.minute, state: r.state })))
      .onConflict((oc) => oc.columns(['component', 'minute']).doNothing())
      .execute();
  }
}

/** Minutes per state of one component in [from, to). */
export async function countStateMinutes(
  db: Db,
  component: string,
  from: number,
  to: number,
): Promise<Partial<Record<State, number>>> {
  const rows = await db
    .selectFrom('state_minutes')
    .select(['state', (eb) => eb.fn.countAll<number>().as('minutes')])
    .where('component', '=', component)
    .where('minute', '>=', from)
    .where('minute', '<', to)
    .groupBy('state')
    .execute();
  // PostgreSQL counts as bigint, which its driver hands over as a string.
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.minutes)]));
}

export async function insertVolume(trx: Transaction<Database>, rows: VolumePoint[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await trx
      .insertInto('volume')
      .values(rows.slice(i, i + BATCH).map((r) => ({ component: r.component, at: r.at, rate: r.rate })))
      .onConflict((oc) => oc.columns(['component', 'at']).doNothing())
      .execute();
  }
}

export function selectVolume(db: Db, component: string, from: number, to: number): Promise<VolumePoint[]> {
  return db
    .selectFrom('volume')
    .select(['component', 'at', 'rate'])
    .where('component', '=', component)
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at', 'asc')
    .execute();
}
