/**
 * All SQL for users, policy acceptances and emailed tokens.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { prepareQuery, type PreparedQuery } from '../../platform/db/prepared-query.js';
import type { Database, EmailTokenRow, NewUserRow, UserRow } from '../../platform/db/schema.js';

export class EmailTakenError extends Error {}

export class AccountsStore {
  // Every signed-in page reads its user; see prepareQuery.
  private readonly userById: PreparedQuery<UserRow, [string]>;

  constructor(private readonly db: Kysely<Database>) {
    this.userById = prepareQuery(db, (id: string) => db.selectFrom('users').selectAll().where('id', '=', id));
  }

  /** Inserts the user and their first policy acceptance together; EmailTakenError on a race. */
  async insertUser(user: NewUserRow): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('users').values(user).execute();
        await trx
          .insertInto('policy_acceptances')
          .values({ user_id: user.id, version: user.policy_version, accepted_at: user.created_at })
          .execute();
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError();
      throw error;
    }
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  async findById(id: string): Promise<UserRow | undefined> {
    const [user] = await this.userById.run(id);
    return user;
  }

  /** Several users in one query; unknown ids are left out. */
  async findByIds(ids: readonly string[]): Promise<UserRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
  }

  async markEmailVerified(userId: string, email: string, nowMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ email_verified_at: nowMs, updated_at: nowMs })
      .where('id', '=', userId)
      .where('email', '=', email)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async updateNickname(userId: string, nickname: string, nowMs: number): Promise<void> {
    await this.db.updateTable('users').set({ nickname, updated_at: nowMs }).where('id', '=', userId).execute();
  }

  async updatePasswordHash(userId: string, passwordHash: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: nowMs })
      .where('id', '=', userId)
      .execute();
  }

  async acceptPolicy(userId: string, version: string, nowMs: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('policy_acceptances')
        .values({ user_id: userId, version, accepted_at: nowMs })
        .onConflict((conflict) => conflict.columns(['user_id', 'version']).doNothing())
        .execute();
      await trx
        .updateTable('users')
        .set({ policy_version: version, updated_at: nowMs })
        .where('id', '=', userId)
        .execute();
    });
  }

  async insertEmailToken(row: EmailTokenRow): Promise<void> {
    await this.db.insertInto('email_tokens').values(row).execute();
  }

  /** Uses a token once: the row is marked used in the same statement that finds it, so no link works twice. */
  async consumeEmailToken(
    tokenHash: string,
    purpose: EmailTokenRow['purpose'],
    nowMs: number,
  ): Promise<Pick<EmailTokenRow, 'user_id' | 'email'> | undefined> {
    return this.db
      .updateTable('email_tokens')
      .set({ used_at: nowMs })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', nowMs)
      .returning(['user_id', 'email'])
      .executeTakeFirst();
  }

  async findUsableEmailToken(
    tokenHash: string,
    purpose: EmailTokenRow['purpose'],
    nowMs: number,
  ): Promise<EmailTokenRow | undefined> {
    return this.db
      .selectFrom('email_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', nowMs)
      .executeTakeFirst();
  }

  /** Retires a user's unused tokens of one purpose, so only the newest link works. */
  async retireEmailTokens(userId: string, purpose: EmailTokenRow['purpose'], nowMs: number): Promise<void> {
    await this.db
      .updateTable('email_tokens')
      .set({ used_at: nowMs })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }
}
