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

  /** Open reports about a person: how many people filed them, and whether any is urgent. */
  async openAbout(userId: string): Promise<{ reporters: number; urgent: boolean }> {
    const row = await this.db
      .selectFrom('reports')
      .select((eb) => [
        eb.fn.count<number | string>('reporter_id').distinct().as('reporters'),
        eb.fn.max('urgent').as('urgent'),
      ])
      .where('target_user_id', '=', userId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return { reporters: Number(row?.reporters ?? 0), urgent: (row?.urgent ?? 0) === 1 };
  }
}
