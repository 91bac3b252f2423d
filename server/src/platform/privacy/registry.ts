/**
 * The privacy registry: every table that holds personal data says here, through its feature,
 * how one user's rows are exported and erased. A test fails when a table that references a
 * user is missing, so nothing personal can be stored outside the export and the erasure.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface PersonalDataEntry {
  feature: string;
  table: keyof Database;
  /** The column that names the user the row belongs to. */
  userColumn: string;
  /** What the personal data is, in a few words, for the record of processing. */
  description: string;
  /** The rows of this table the user gets in an export; secrets (hashes) are left out. */
  exportRows(db: Kysely<Database>, userId: string): Promise<unknown[]>;
  /** Removes or anonymises this user's rows, inside the erasure's transaction. */
  erase(db: Kysely<Database>, userId: string): Promise<void>;
  /** What must happen once the erasure has committed, such as telling every node to drop cached copies. */
  afterErase?(userId: string): Promise<void>;
}

export class PrivacyRegistry {
  private readonly entries = new Map<string, PersonalDataEntry>();

  register(entry: PersonalDataEntry): void {
    if (this.entries.has(entry.table)) throw new Error(`Table ${entry.table} is registered twice.`);
    this.entries.set(entry.table, entry);
  }

  registeredTables(): string[] {
    return [...this.entries.keys()];
  }

  async exportUser(db: Kysely<Database>, userId: string): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    for (const entry of this.entries.values()) result[entry.table] = await entry.exportRows(db, userId);
    return result;
  }

  /**
   * Erases everything of one user in one transaction, in reverse order of registration (rows that
   * point at the user go before the user), then runs what the entries asked to do after commit.
   */
  async eraseUser(db: Kysely<Database>, userId: string): Promise<void> {
    const entries = [...this.entries.values()].reverse();
    await db.transaction().execute(async (trx) => {
      for (const entry of entries) await entry.erase(trx, userId);
    });
    for (const entry of entries) await entry.afterErase?.(userId);
  }
}
