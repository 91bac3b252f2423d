import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { databaseKinds } from '../../../test/services.js';
import { prepareQuery } from './prepared-query.js';

describe.each(databaseKinds)('prepareQuery on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    for (const [id, email] of [
      ['u1', 'one@example.com'],
      ['u2', 'two@example.com'],
    ]) {
      await database.db
        .insertInto('users')
        .values({
          id: id!,
          email: email!,
          email_verified_at: null,
          password_hash: 'x',
          nickname: id!,
          birth_date: '1990-01-01',
          policy_version: 'v',
          language: 'en',
          created_at: 1,
          updated_at: 1,
        })
        .execute();
    }
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('runs the compiled query with each call’s own parameters', async () => {
    const byId = prepareQuery(database.db, (id: string) =>
      database.db.selectFrom('users').select('email').where('id', '=', id),
    );
    expect(await byId.run('u1')).toEqual([{ email: 'one@example.com' }]);
    expect(await byId.run('u2')).toEqual([{ email: 'two@example.com' }]);
    expect(await byId.run('nobody')).toEqual([]);
  });

  it('refuses a query with a parameter that is not an argument', async () => {
    const shaped = prepareQuery(database.db, (id: string) =>
      database.db.selectFrom('users').select('email').where('id', '=', id).where('nickname', '=', 'fixed'),
    );
    await expect(shaped.run('u1')).rejects.toThrow(/not its arguments/);
  });

  it('binds arguments used twice or out of order', async () => {
    const twice = prepareQuery(database.db, (nickname: string, id: string) =>
      database.db
        .selectFrom('users')
        .select('email')
        .where('id', '=', id)
        .where('nickname', '=', nickname)
        .where('id', '=', id),
    );
    expect(await twice.run('u2', 'u2')).toEqual([{ email: 'two@example.com' }]);
    expect(await twice.run('u1', 'u2')).toEqual([]);
  });

  // Only PostgreSQL has named statements; SQLite keeps every text prepared in its statement cache.
  if (kind === 'postgres')
    it('runs as a named prepared statement on PostgreSQL', async () => {
      await database.db.connection().execute(async (connection) => {
        const byId = prepareQuery(connection, (id: string) =>
          connection.selectFrom('users').select(['email', 'nickname']).where('id', '=', id),
        );
        expect(await byId.run('u1')).toEqual([{ email: 'one@example.com', nickname: 'u1' }]);
        const prepared = await sql<{
          name: string;
          statement: string;
        }>`select name, statement from pg_prepared_statements`.execute(connection);
        expect(prepared.rows).toEqual(
          expect.arrayContaining([
            { name: expect.stringMatching(/^airtalk_/), statement: expect.stringContaining('"nickname"') },
          ]),
        );
      });
    });
});
