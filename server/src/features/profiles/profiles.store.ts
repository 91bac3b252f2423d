/**
 * All SQL for profiles and contact-info attempts.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { Database, ProfileRow, PublicationRow } from '../../platform/db/schema.js';

export class HandleTakenError extends Error {}

export class ProfilesStore {
  constructor(private readonly db: Kysely<Database>) {}

  async find(userId: string): Promise<ProfileRow | undefined> {
    return this.db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  async findMany(userIds: readonly string[]): Promise<ProfileRow[]> {
    if (userIds.length === 0) return [];
    return this.db.selectFrom('profiles').selectAll().where('user_id', 'in', userIds).execute();
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

  async findPublication(userId: string): Promise<PublicationRow | undefined> {
    return this.db.selectFrom('publications').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  async findPublicationByHandle(handle: string): Promise<PublicationRow | undefined> {
    return this.db.selectFrom('publications').selectAll().where('handle', '=', handle).executeTakeFirst();
  }

  /** Saves the user's publication settings; HandleTakenError when another person has the handle. */
  async savePublication(row: PublicationRow): Promise<void> {
    try {
      await this.db
        .insertInto('publications')
        .values(row)
        .onConflict((conflict) =>
          conflict.column('user_id').doUpdateSet({
            handle: row.handle,
            published: row.published,
            fields: row.fields,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new HandleTakenError();
      throw error;
    }
  }
}
