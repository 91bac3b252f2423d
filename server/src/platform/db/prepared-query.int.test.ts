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

  it('refuses a query whose parameters are not exactly its arguments', async () => {
    const shaped = prepareQuery(database.db, (id: string) =>
      database.db.selectFrom('users').select('email').where('id', '=', id).where('nickname', '=', 'fixed'),
    );
    await expect(shaped.run('u1')).rejects.toThrow(/not its arguments/);
    const twice = prepareQuery(database.db, (id: string) =>
      database.db.selectFrom('users').select('email').where('id', '=', id).where('nickname', '=', id),
    );
    await expect(twice.run('u1')).rejects.toThrow(/not its arguments/);
  });
});
