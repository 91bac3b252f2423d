/**
 * All SQL for people nearby. The nearby query walks, for each covering cell, that cell's people in
 * shuffle-key order through an index, and merges the walks: one short index range per cell, the
 * same on SQLite and PostgreSQL, no geometry in the database.
 */
import { sql, type Kysely } from 'kysely';
import { prepareQuery, type PreparedQuery } from '../../platform/db/prepared-query.js';
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
  /** Read only when scanning coarse cells; a scan by resolution-8 cells already knows the cell is in the band. */
  cell_r8?: string;
  shuffle_key: number;
  last_active_at: number;
}

/** LIKE patterns treat % and _ as wildcards; a tag is matched literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Which parts a scan's SQL has; scans of one shape share one prepared statement. */
interface ScanShape {
  column: CellColumn;
  cellCount: number;
  keyTo: boolean;
  after: boolean;
  bornOnOrBefore: boolean;
  bornAfter: boolean;
  gender: boolean;
  interest: boolean;
  activeSince: boolean;
}

const MAX_SCAN_SHAPES = 1000;

export class NearbyStore {
  private readonly scans = new Map<string, PreparedQuery<NearbyCandidateRow, unknown[]>>();

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
   * with its own limit, so no cell is read further than the page needs. The SQL depends only on
   * the scan's shape (column, number of cells, which bounds and filters), so each shape is built
   * once and runs as a prepared statement.
   */
  async scan(scan: NearbyScan): Promise<NearbyCandidateRow[]> {
    if (scan.cells.length === 0 || (scan.keyTo !== null && scan.keyFrom >= scan.keyTo)) return [];
    const { filters } = scan;
    const shape: ScanShape = {
      column: scan.column,
      cellCount: scan.cells.length,
      keyTo: scan.keyTo !== null,
      after: scan.after !== null,
      bornOnOrBefore: filters.bornOnOrBefore !== undefined,
      bornAfter: filters.bornAfter !== undefined,
      gender: filters.gender !== undefined,
      interest: filters.interest !== undefined,
      activeSince: filters.activeSinceMs !== undefined,
    };
    // The same order as buildScan takes them.
    const values: unknown[] = [...scan.cells, scan.hideDistance, scan.keyFrom];
    if (scan.keyTo !== null) values.push(scan.keyTo);
    if (scan.after) values.push(scan.after.key, scan.after.userId);
    if (filters.bornOnOrBefore !== undefined) values.push(filters.bornOnOrBefore);
    if (filters.bornAfter !== undefined) values.push(filters.bornAfter);
    if (filters.gender !== undefined) values.push(filters.gender);
    if (filters.interest !== undefined) values.push(`%${likeLiteral(JSON.stringify(filters.interest))}%`);
    if (filters.activeSinceMs !== undefined) values.push(filters.activeSinceMs);
    values.push(scan.limit);

    const key = [
      shape.column,
      shape.cellCount,
      shape.keyTo,
      shape.after,
      shape.bornOnOrBefore,
      shape.bornAfter,
      shape.gender,
      shape.interest,
      shape.activeSince,
    ].join(',');
    let prepared = this.scans.get(key);
    if (!prepared) {
      if (this.scans.size >= MAX_SCAN_SHAPES) this.scans.clear();
      prepared = prepareQuery(this.db, (...args: unknown[]) => this.buildScan(shape, args));
      this.scans.set(key, prepared);
    }
    return prepared.run(...values);
  }

  private buildScan(shape: ScanShape, args: unknown[]) {
    // The arguments are stand-ins while the SQL is built; their types are what scan() passes.
    let position = 0;
    const text = () => args[position++] as string;
    const number = () => args[position++] as number;
    const cells = Array.from({ length: shape.cellCount }, text);
    const hideDistance = number();
    const keyFrom = number();
    const keyTo = shape.keyTo ? number() : null;
    const after = shape.after ? { key: number(), userId: text() } : null;
    const bornOnOrBefore = shape.bornOnOrBefore ? text() : null;
    const bornAfter = shape.bornAfter ? text() : null;
    const gender = shape.gender ? text() : null;
    const interestPattern = shape.interest ? text() : null;
    const activeSince = shape.activeSince ? number() : null;
    const limit = number();

    const branch = (cell: string) => {
      let query = this.db
        .selectFrom('nearby_locations')
        .select(
          shape.column === 'cell_r8'
            ? ['user_id', 'shuffle_key', 'last_active_at']
            : ['user_id', 'cell_r8', 'shuffle_key', 'last_active_at'],
        )
        .where(shape.column, '=', cell)
        .where('hide_distance', '=', hideDistance)
        .where('shuffle_key', '>=', keyFrom);
      if (keyTo !== null) query = query.where('shuffle_key', '<', keyTo);
      if (after) {
        query = query.where((eb) => eb(eb.refTuple('shuffle_key', 'user_id'), '>', eb.tuple(after.key, after.userId)));
      }
      if (bornOnOrBefore !== null) query = query.where('birth_date', '<=', bornOnOrBefore);
      if (bornAfter !== null) query = query.where('birth_date', '>', bornAfter);
      if (gender !== null) query = query.where('gender', '=', gender);
      if (activeSince !== null) query = query.where('last_active_at', '>=', activeSince);
      if (interestPattern !== null) query = query.where(sql<boolean>`interests like ${interestPattern} escape '\\'`);
      return this.db.selectFrom(query.orderBy('shuffle_key').orderBy('user_id').limit(limit).as('walk')).selectAll();
    };
    const [first, ...rest] = cells.map(branch);
    if (!first) throw new Error('A scan needs at least one cell.');
    let union = first;
    for (const next of rest) union = union.unionAll(next);
    return this.db.selectFrom(union.as('merged')).selectAll().orderBy('shuffle_key').orderBy('user_id').limit(limit);
  }
}
