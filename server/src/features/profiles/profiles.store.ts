/**
 * All SQL for profiles and contact-info attempts.
 */
import type { Kysely } from 'kysely';
import type { Database, ProfileRow } from '../../platform/db/schema.js';

export class ProfilesStore {
  constructor(private readonly db: Kysely<Database>) {}

  async find(userId: string): Promise<ProfileRow | undefined> {
    return this.db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  async upsert(row: ProfileRow): Promise<void> {
    await this.db
      .insertInto('profiles')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('user_id').doUpdateSet({
          bio: row.bio,
          gender: row.gender,
          interests: row.interests,
          languages: row.languages,
          city: row.city,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  async recordContactInfoAttempt(attempt: {
    id: string;
    user_id: string;
    field: string;
    kind: string;
    created_at: number;
  }): Promise<void> {
    await this.db.insertInto('contact_info_attempts').values(attempt).execute();
  }
}
