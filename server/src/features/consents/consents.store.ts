/**
 * All SQL for the consent ledger. There is no update: a change of mind is a new row.
 */
import type { Kysely } from 'kysely';
import type { ConsentEventRow, Database } from '../../platform/db/schema.js';

export type NewConsentEvent = Omit<ConsentEventRow, 'id'>;

export class ConsentsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(event: NewConsentEvent): Promise<void> {
    await this.db.insertInto('consent_events').values(event).execute();
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

  async history(userId: string): Promise<ConsentEventRow[]> {
    return this.db.selectFrom('consent_events').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  }
}
