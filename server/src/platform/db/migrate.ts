/**
 * Brings a database to the newest schema. One list of migrations serves SQLite and PostgreSQL;
 * a migration that must differ by dialect receives the kind.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle, DatabaseKind } from './database.js';
import * as foundation from './migrations/0001_foundation.js';
import * as blocksReports from './migrations/0002_blocks_reports.js';
import * as profiles from './migrations/0003_profiles.js';
import * as publications from './migrations/0004_publications.js';
import * as photos from './migrations/0005_photos.js';
import * as nearby from './migrations/0006_nearby.js';
import * as chat from './migrations/0007_chat.js';
import * as rooms from './migrations/0008_rooms.js';

interface DialectMigration {
  up(db: Kysely<unknown>, kind: DatabaseKind): Promise<void>;
}

const migrations: Record<string, DialectMigration> = {
  '0001_foundation': foundation,
  '0002_blocks_reports': blocksReports,
  '0003_profiles': profiles,
  '0004_publications': publications,
  '0005_photos': photos,
  '0006_nearby': nearby,
  '0007_chat': chat,
  '0008_rooms': rooms,
};

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly kind: DatabaseKind) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const bound: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(migrations)) {
      bound[name] = { up: (db) => migration.up(db, this.kind) };
    }
    return Promise.resolve(bound);
  }
}

/** Applies every pending migration; throws with the failing migration's name if one fails. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: new InCodeMigrationProvider(handle.kind),
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
