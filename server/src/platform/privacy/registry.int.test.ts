/**
 * Nothing personal escapes the registry: every table that points at a user is registered,
 * and one user's export and erasure cover everything of theirs and nothing of anyone else's.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, startTestApp, type TestApp } from '../../../test/test-app.js';
import { databaseKinds } from '../../../test/services.js';
import type { DatabaseKind } from '../db/database.js';
import type { Database } from '../db/schema.js';

/** Tables with a foreign key to users, read from the database's own catalogue. */
async function tablesReferencingUsers(db: Kysely<Database>, kind: DatabaseKind): Promise<string[]> {
  const tables = (await db.introspection.getTables()).map((table) => table.name);
  if (kind === 'sqlite') {
    const referencing: string[] = [];
    for (const table of tables) {
      const keys = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(db);
      if (keys.rows.some((key) => key.table === 'users')) referencing.push(table);
    }
    return referencing;
  }
  const result = await sql<{ table_name: string }>`
    select distinct tc.table_name from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on tc.constraint_name = ccu.constraint_name and tc.table_schema = ccu.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'users' and tc.table_schema = current_schema()`.execute(
    db,
  );
  return result.rows.map((row) => row.table_name);
}

describe.each(databaseKinds)('privacy registry on %s', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers the users table and every table that references a user', async () => {
    const referencing = await tablesReferencingUsers(t.database.db, t.database.kind);
    expect(referencing.length).toBeGreaterThan(0);
    const registered = t.app.privacy.registeredTables();
    expect(registered).toContain('users');
    for (const table of referencing)
      expect(registered, `${table} holds user data but is not in the privacy registry`).toContain(table);
  });

  it('exports one user’s data without secrets, and erases it all, leaving others untouched', async () => {
    const mine = t.browser();
    const account = newAccount();
    const me = (await mine.post('/api/v1/auth/register', account)).json();
    await mine.put('/api/v1/me/consents/analytics', { granted: true });
    const other = t.browser();
    const them = (await other.post('/api/v1/auth/register', newAccount())).json();

    const exported = await t.app.privacy.exportUser(t.database.db, me.id);
    expect(exported.users).toEqual([expect.objectContaining({ email: account.email, nickname: account.nickname })]);
    expect(exported.sessions).toHaveLength(1);
    expect(exported.consent_events).toEqual([expect.objectContaining({ purpose: 'analytics', granted: 1 })]);
    const text = JSON.stringify(exported);
    expect(text).not.toContain(them.id);
    expect(text).not.toMatch(/password_hash|token_hash|device_hash|\$argon2/);

    await t.app.privacy.eraseUser(t.database.db, me.id);
    const after = await t.app.privacy.exportUser(t.database.db, me.id);
    expect(Object.values(after).every((rows) => rows.length === 0)).toBe(true);
    expect((await mine.get('/api/v1/me')).statusCode).toBe(401);
    expect((await other.get('/api/v1/me')).statusCode).toBe(200);
  });
});
