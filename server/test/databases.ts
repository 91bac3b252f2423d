/**
 * A fresh, migrated database per test suite: an SQLite file in a temp folder, or a PostgreSQL
 * schema of its own, so suites run in parallel without seeing each other's rows.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { postgresUrl, type DatabaseKindUnderTest } from './services.js';

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connections and deletes everything the suite wrote. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(
  kind: DatabaseKindUnderTest,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airtalk-test-'));
    const handle = openDatabase({ kind: 'sqlite', file: path.join(dir, 'test.sqlite') });
    if (migrate) await migrateToLatest(handle);
    return {
      ...handle,
      dispose: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!postgresUrl) throw new Error('PostgreSQL tests need DATABASE_URL.');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = openDatabase({ kind: 'postgres', url: postgresUrl, schema, maxConnections: 4 });
  if (migrate) await migrateToLatest(handle);
  return {
    ...handle,
    dispose: async () => {
      await handle.close();
      const cleaner = new pg.Client({ connectionString: postgresUrl });
      await cleaner.connect();
      await cleaner.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleaner.end();
    },
  };
}
