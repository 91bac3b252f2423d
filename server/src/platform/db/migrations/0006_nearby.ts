/**
 * People nearby: each person's settings and offset secret, and the coarse cells of their shared
 * location. No coordinates are ever stored; only H3 cells of an already displaced point.
 */
import type { Kysely } from 'kysely';

const cellColumns = ['cell_r8', 'cell_r5', 'cell_r4', 'cell_r3'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('nearby_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('show_in_nearby', 'integer', (c) => c.notNull())
    .addColumn('hide_distance', 'integer', (c) => c.notNull())
    .addColumn('offset_secret', 'text', (c) => c.notNull())
    .addColumn('shuffle_key', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('nearby_locations')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('cell_r8', 'text', (c) => c.notNull())
    .addColumn('cell_r5', 'text', (c) => c.notNull())
    .addColumn('cell_r4', 'text', (c) => c.notNull())
    .addColumn('cell_r3', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('city_id', 'text')
    .addColumn('shuffle_key', 'integer', (c) => c.notNull())
    .addColumn('hide_distance', 'integer', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('interests', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_active_at', 'bigint', (c) => c.notNull())
    .execute();

  // One index per covering resolution: a query walks each cell's people in shuffle order. The
  // index also carries what the walk reads (the person's cell, when last active), so a page is
  // read from the index alone; without them every row costs a table lookup, 3 to 5 times slower.
  for (const column of cellColumns) {
    const carried = column === 'cell_r8' ? ['last_active_at'] : ['cell_r8', 'last_active_at'];
    await db.schema
      .createIndex(`nearby_locations_${column}_order`)
      .on('nearby_locations')
      .columns([column, 'hide_distance', 'shuffle_key', 'user_id', ...carried])
      .execute();
  }
}
