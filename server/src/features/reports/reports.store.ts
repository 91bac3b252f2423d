/**
 * All SQL for reports.
 */
import type { Kysely } from 'kysely';
import type { Database, ReportRow } from '../../platform/db/schema.js';

export class ReportsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: ReportRow): Promise<void> {
    await this.db.insertInto('reports').values(row).execute();
  }

  /** The moderation queue: open reports, urgent first, oldest first. */
  async openQueue(limit: number): Promise<ReportRow[]> {
    return this.db
      .selectFrom('reports')
      .selectAll()
      .where('status', '=', 'open')
      .orderBy('urgent', 'desc')
      .orderBy('created_at', 'asc')
      .limit(limit)
      .execute();
  }
}
