/**
 * One set of migrations on both databases: it applies, it is idempotent, and the schema is the same.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { databaseKinds } from '../../../test/services.js';
import { migrateToLatest } from './migrate.js';

const expectedTables = [
  'blocks',
  'chat_hidden_messages',
  'chat_media',
  'chat_messages',
  'consent_events',
  'contact_info_attempts',
  'conversation_members',
  'conversations',
  'email_tokens',
  'gateway_nodes',
  'known_devices',
  'last_seen',
  'nearby_locations',
  'nearby_settings',
  'photos',
  'policy_acceptances',
  'presence_connections',
  'profiles',
  'publications',
  'reports',
  'room_bans',
  'room_locked_seats',
  'room_members',
  'room_messages',
  'rooms',
  'sessions',
  'users',
];

describe.each(databaseKinds)('migrations on %s', (kind) => {
  const opened: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of opened) await database.dispose();
  });

  it('apply to an empty database, then find nothing more to do', async () => {
    const database = await createTestDatabase(kind, { migrate: false });
    opened.push(database);
    expect(await migrateToLatest(database)).toEqual([
      '0001_foundation',
      '0002_blocks_reports',
      '0003_profiles',
      '0004_publications',
      '0005_photos',
      '0006_nearby',
      '0007_chat',
      '0008_rooms',
    ]);
    expect(await migrateToLatest(database)).toEqual([]);
    // PostgreSQL lists the tables of every schema, and other suites' schemas exist meanwhile.
    const tables = (await database.db.introspection.getTables()).filter(
      (table) => database.schema === undefined || table.schema === database.schema,
    );
    expect(tables.map((table) => table.name).sort()).toEqual(expectedTables);
  });

  it('enforce the unique email and the foreign keys', async () => {
    const database = await createTestDatabase(kind);
    opened.push(database);
    const user = {
      id: 'u1',
      email: 'a@example.com',
      email_verified_at: null,
      password_hash: 'x',
      nickname: 'A',
      birth_date: '1990-01-01',
      policy_version: 'v',
      language: 'en',
      created_at: 1,
      updated_at: 1,
    };
    await database.db.insertInto('users').values(user).execute();
    await expect(
      database.db
        .insertInto('users')
        .values({ ...user, id: 'u2' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      database.db
        .insertInto('policy_acceptances')
        .values({ user_id: 'nobody', version: 'v', accepted_at: 1 })
        .execute(),
    ).rejects.toThrow();
    await database.db
      .insertInto('policy_acceptances')
      .values({ user_id: 'u1', version: 'v', accepted_at: 1 })
      .execute();
    await database.db.deleteFrom('users').where('id', '=', 'u1').execute();
    const left = await sql<{ n: number }>`select count(*) as n from policy_acceptances`.execute(database.db);
    expect(Number(left.rows[0]?.n)).toBe(0);
  });
});
