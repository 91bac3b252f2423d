/**
 * All SQL for people nearby. The nearby query walks, for each covering cell, that cell's people in
 * shuffle-key order through an index, and merges the walks: one short index range per cell, the
 * same on SQLite and PostgreSQL, no geometry in the database.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, NearbyLocationRow, NearbySettingsRow } from '../../platform/db/schema.js';
import type { CellColumn } from './nearby.geo.js';

export interface NearbyFilters {
  /** Born on or before this date (YYYY-MM-DD): at least the minimum age. */
  bornOnOrBefore?: string;
  /** Born after this date: at most the maximum age. */
  bornAfter?: string;
  gender?: string;
  /** A lower-cased tag, matched as a whole element of the interests array. */
  interest?: string;
  activeSinceMs?: number;
}

export interface NearbyScan {
  column: CellColumn;
  cells: string[];
  hideDistance: 0 | 1;
  /** Shuffle keys from `keyFrom` (inclusive) to `keyTo` (exclusive; null: to the end). */
  keyFrom: number;
  keyTo: number | null;
  /** Continue after this (key, user) pair. */
  after: { key: number; userId: string } | null;
  filters: NearbyFilters;
  limit: number;
}

export interface NearbyCandidateRow {
  user_id: string;
  cell_r8: string;
  shuffle_key: number;
  last_active_at: number;
}

/** LIKE patterns treat % and _ as wildcards; a tag is matched literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export class NearbyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findSettings(userId: string): Promise<NearbySettingsRow | undefined> {
    return this.db.selectFrom('nearby_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  /** Inserts the settings unless they exist; returns whichever row is stored. */
  async ensureSettings(row: NearbySettingsRow): Promise<NearbySettingsRow> {
    await this.db
      .insertInto('nearby_settings')
      .values(row)
      .onConflict((conflict) => conflict.column('user_id').doNothing())
      .execute();
    return (await this.findSettings(row.user_id)) ?? row;
  }

  async updateSettings(userId: string, showInNearby: boolean, hideDistance: boolean, nowMs: number): Promise<void> {
    await this.db
      .updateTable('nearby_settings')
      .set({ show_in_nearby: showInNearby ? 1 : 0, hide_distance: hideDistance ? 1 : 0, updated_at: nowMs })
      .where('user_id', '=', userId)
      .execute();
    await this.db
      .updateTable('nearby_locations')
      .set({ hide_distance: hideDistance ? 1 : 0 })
      .where('user_id', '=', userId)
      .execute();
  }

  async findLocation(userId: string): Promise<NearbyLocationRow | undefined> {
    return this.db.selectFrom('nearby_locations').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }

  async saveLocation(row: NearbyLocationRow): Promise<void> {
    const { user_id: _userId, ...changes } = row;
    await this.db
      .insertInto('nearby_locations')
      .values(row)
      .onConflict((conflict) => conflict.column('user_id').doUpdateSet(changes))
      .execute();
  }

  async deleteLocation(userId: string): Promise<void> {
    await this.db.deleteFrom('nearby_locations').where('user_id', '=', userId).execute();
  }

  async touch(userId: string, nowMs: number): Promise<void> {
    await this.db
      .updateTable('nearby_locations')
      .set({ last_active_at: nowMs })
      .where('user_id', '=', userId)
      .execute();
  }

  async updateProfileCopy(
    userId: string,
    copy: Pick<NearbyLocationRow, 'birth_date' | 'gender' | 'interests'>,
  ): Promise<void> {
    await this.db.updateTable('nearby_locations').set(copy).where('user_id', '=', userId).execute();
  }

  /**
   * People in the scanned cells, in (shuffle key, user id) order. Each cell is its own index range
   * with its own limit, so no cell is read further than the page needs.
   */
  async scan(scan: NearbyScan): Promise<NearbyCandidateRow[]> {
    if (scan.cells.length === 0 || (scan.keyTo !== null && scan.keyFrom >= scan.keyTo)) return [];
    const branch = (cell: string) => {
      let query = this.db
        .selectFrom('nearby_locations')
        .select(['user_id', 'cell_r8', 'shuffle_key', 'last_active_at'])
        .where(scan.column, '=', cell)
        .where('hide_distance', '=', scan.hideDistance)
        .where('shuffle_key', '>=', scan.keyFrom);
      if (scan.keyTo !== null) query = query.where('shuffle_key', '<', scan.keyTo);
      if (scan.after) {
        const { key, userId } = scan.after;
        query = query.where((eb) => eb(eb.refTuple('shuffle_key', 'user_id'), '>', eb.tuple(key, userId)));
      }
      const { filters } = scan;
      if (filters.bornOnOrBefore) query = query.where('birth_date', '<=', filters.bornOnOrBefore);
      if (filters.bornAfter) query = query.where('birth_date', '>', filters.bornAfter);
      if (filters.gender) query = query.where('gender', '=', filters.gender);
      if (filters.activeSinceMs !== undefined) query = query.where('last_active_at', '>=', filters.activeSinceMs);
      if (filters.interest) {
        const pattern = `%${likeLiteral(JSON.stringify(filters.interest))}%`;
        query = query.where(sql<boolean>`interests like ${pattern} escape '\\'`);
      }
      return this.db
        .selectFrom(query.orderBy('shuffle_key').orderBy('user_id').limit(scan.limit).as('walk'))
        .selectAll();
    };
    const [first, ...rest] = scan.cells.map(branch);
    if (!first) return [];
    let union = first;
    for (const next of rest) union = union.unionAll(next);
    return this.db
      .selectFrom(union.as('merged'))
      .selectAll()
      .orderBy('shuffle_key')
      .orderBy('user_id')
      .limit(scan.limit)
      .execute();
  }
}
