/**
 * All SQL for the consent ledger. There is no update: a change of mind is a new row.
 */
import type { Kysely } from 'kysely';
import type { ConsentEventRow, Database } from '../../platform/db/schema.js';

export type NewConsentEvent = Omit<ConsentEventRow, 'id'>;

export class ConsentsStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Appends the event unless the user's latest word on the purpose already says the same; returns
   * whether it appended. Changes for one user are serialised by locking their users row, so two
   * requests at once cannot both read "granted" and leave a withdrawal unrecorded.
   */
  async appendIfChanged(event: NewConsentEvent): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', event.user_id)
        .execute();
      const latest = await trx
        .selectFrom('consent_events')
        .select('granted')
        .where('user_id', '=', event.user_id)
        .where('purpose', '=', event.purpose)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const current = latest?.granted ?? 0;
      if (current === event.granted) return false;
      await trx.insertInto('consent_events').values(event).execute();
      return true;
    });
  }

  /** The newest event per purpose for one user. */
  async latestByPurpose(userId: string): Promise<ConsentEventRow[]> {
    const newest = this.db
      .selectFrom('consent_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('user_id', '=', userId)
      .groupBy('purpose');
    return this.db.selectFrom('consent_events').selectAll().where('id', 'in', newest).execute();
  }

  async latestFor(userId: string, purpose: string): Promise<ConsentEventRow | undefined> {
    return this.db
      .selectFrom('consent_events')
      .selectAll()
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }
}
