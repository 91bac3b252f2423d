/**
 * bench nearby: one page of people nearby (50 people) over 1,000,000 located users spread over a
 * 40 km × 40 km city, through the product's own walk (NearbyWalker over NearbyStore, on a database
 * opened and migrated the way the server does), on PostgreSQL and on SQLite. The baseline is a
 * PostGIS KNN query (`<->` over a GiST index, 50 nearest) over the same displaced points on the
 * same PostgreSQL, in the same run, through a pool with the same settings. Rounds are interleaved
 * so machine noise falls on every side alike.
 *
 * PostGIS is only a baseline (the product never needs it): it is installed with apt when missing
 * and lives in the bench's own schema, which is dropped at the end with everything else.
 *
 * Environment: BENCH_USERS (1000000), BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_CONCURRENCY (4),
 * BENCH_DATABASE_URL (else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test),
 * BENCH_KEEP=1 keeps the schema and the SQLite file for profiling.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { latLngToCell } from 'h3-js';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../server/src/platform/db/database.js';
import { migrateToLatest } from '../server/src/platform/db/migrate.js';
import { NearbyStore } from '../server/src/features/nearby/nearby.store.js';
import { CELL_RESOLUTION, cellsOf, displace, type LatLng } from '../server/src/features/nearby/nearby.geo.js';
import { NearbyWalker, SHUFFLE_KEY_SPACE } from '../server/src/features/nearby/nearby.walk.js';
import { median, printResult, quantile } from './lib.js';

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const KEEP = process.env.BENCH_KEEP === '1';
const POSTGRES_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'bench_nearby';
const PAGE = 50;
const VIEWERS = 300;
const BATCH = 5_000;
const WARM_UP_MS = 500;

// ---------------------------------------------------------------------------------------------
// The city: a 40 km square around People's Square, Shanghai; half the people spread evenly, half
// around five denser centres.

const CENTRE: LatLng = { lat: 31.2304, lng: 121.4737 };
const HALF_SIDE_KM = 20;
const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LNG = 111.32 * Math.cos((CENTRE.lat * Math.PI) / 180);
/** Denser centres, in km east and north of People's Square. */
const HOTSPOTS = [
  { east: 0, north: 0 },
  { east: 3.5, north: 0.5 },
  { east: -5, north: -4 },
  { east: -6, north: 2 },
  { east: 4, north: 10 },
];
const HOTSPOT_SIGMA_KM = 3;

/** sfc32: a small seeded generator, so every run loads the same city. */
function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i += 1) next();
  return next;
}

const random = seededRandom(20_26_11_29);

function uniformKm(): number {
  return (random() * 2 - 1) * HALF_SIDE_KM;
}

function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function pointAtKm(east: number, north: number): LatLng {
  return { lat: CENTRE.lat + north / KM_PER_DEGREE_LAT, lng: CENTRE.lng + east / KM_PER_DEGREE_LNG };
}

function randomPersonPoint(): LatLng {
  if (random() < 0.5) return pointAtKm(uniformKm(), uniformKm());
  const hotspot = HOTSPOTS[Math.floor(random() * HOTSPOTS.length)]!;
  for (;;) {
    const east = hotspot.east + gaussian() * HOTSPOT_SIGMA_KM;
    const north = hotspot.north + gaussian() * HOTSPOT_SIGMA_KM;
    if (Math.abs(east) <= HALF_SIDE_KM && Math.abs(north) <= HALF_SIDE_KM) return pointAtKm(east, north);
  }
}

function randomKey(): number {
  return Math.floor(random() * SHUFFLE_KEY_SPACE);
}

interface Batch {
  ids: string[];
  r8: string[];
  r5: string[];
  r4: string[];
  r3: string[];
  keys: number[];
  /** The displaced points the cells come from: what PostGIS indexes. */
  lng: number[];
  lat: number[];
}

const secret = Buffer.alloc(32);

/** People as the product stores them: displaced by their own secret, then snapped to cells. */
function makeBatch(size: number): Batch {
  const batch: Batch = { ids: [], r8: [], r5: [], r4: [], r3: [], keys: [], lng: [], lat: [] };
  for (let i = 0; i < size; i += 1) {
    for (let word = 0; word < 8; word += 1) secret.writeUInt32BE(Math.floor(random() * 4294967296), word * 4);
    const displaced = displace(randomPersonPoint(), secret);
    const cells = cellsOf(displaced);
    batch.ids.push(randomUUID());
    batch.r8.push(cells.cell_r8);
    batch.r5.push(cells.cell_r5);
    batch.r4.push(cells.cell_r4);
    batch.r3.push(cells.cell_r3);
    batch.keys.push(randomKey());
    batch.lng.push(displaced.lng);
    batch.lat.push(displaced.lat);
  }
  return batch;
}

interface Viewer {
  id: string;
  point: LatLng;
  cell: string;
  order: number;
}

function makeViewers(): Viewer[] {
  return Array.from({ length: VIEWERS }, () => {
    const point = pointAtKm(uniformKm(), uniformKm());
    return {
      id: randomUUID(),
      point,
      cell: latLngToCell(point.lat, point.lng, CELL_RESOLUTION),
      order: randomKey(),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Loading.

const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$YmVuY2hoYXNoYmVuY2hoYXNoYmVuY2g';
const POLICY_VERSION = '2026-11-29';
const BIRTH_DATE = '1995-01-01';

/** One statement per batch (users, their locations, the baseline's points), so PostgreSQL works while Node goes on. */
const PG_LOAD_SQL = `
WITH batch AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int4[], $7::float8[], $8::float8[])
    AS b(id, r8, r5, r4, r3, k, x, y)
), users_in AS (
  INSERT INTO users (id, email, email_verified_at, password_hash, nickname, birth_date, policy_version, language, created_at, updated_at)
  SELECT id, id || '@bench.invalid', $9, $10, 'bench', $11, $12, 'en', $9, $9 FROM batch
  RETURNING id
), locations_in AS (
  INSERT INTO nearby_locations (user_id, cell_r8, cell_r5, cell_r4, cell_r3, source, city_id, shuffle_key,
    hide_distance, birth_date, gender, interests, updated_at, last_active_at)
  SELECT b.id, b.r8, b.r5, b.r4, b.r3, 'device', NULL, b.k, 0, $11, NULL, '[]', $9, $9
  FROM batch b JOIN users_in u ON u.id = b.id
)
INSERT INTO pts (id, geom) SELECT id, ST_SetSRID(ST_MakePoint(x, y), 4326) FROM batch`;

function pgLoadParameters(batch: Batch, nowMs: number): unknown[] {
  const { ids, r8, r5, r4, r3, keys, lng, lat } = batch;
  return [ids, r8, r5, r4, r3, keys, lng, lat, nowMs, PASSWORD_HASH, BIRTH_DATE, POLICY_VERSION];
}

interface SqliteLoader {
  insert(batch: Batch, nowMs: number): void;
  close(): void;
}

function openSqliteLoader(file: string): SqliteLoader {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1048576');
  const user = sqlite.prepare(
    `INSERT INTO users (id, email, email_verified_at, password_hash, nickname, birth_date, policy_version, language, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'bench', ?, ?, 'en', ?, ?)`,
  );
  const location = sqlite.prepare(
    `INSERT INTO nearby_locations (user_id, cell_r8, cell_r5, cell_r4, cell_r3, source, city_id, shuffle_key,
       hide_distance, birth_date, gender, interests, updated_at, last_active_at)
     VALUES (?, ?, ?, ?, ?, 'device', NULL, ?, 0, ?, NULL, '[]', ?, ?)`,
  );
  const insert = sqlite.transaction((batch: Batch, nowMs: number) => {
    for (let i = 0; i < batch.ids.length; i += 1) {
      const id = batch.ids[i]!;
      user.run(id, `${id}@bench.invalid`, nowMs, PASSWORD_HASH, BIRTH_DATE, POLICY_VERSION, nowMs, nowMs);
      location.run(id, batch.r8[i], batch.r5[i], batch.r4[i], batch.r3[i], batch.keys[i], BIRTH_DATE, nowMs, nowMs);
    }
  });
  return {
    insert: (batch, nowMs) => {
      insert(batch, nowMs);
    },
    close: () => {
      sqlite.close();
    },
  };
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function seconds(fromMs: number): string {
  return `${((performance.now() - fromMs) / 1000).toFixed(1)} s`;
}

/** PostGIS for the baseline: already there, or installed in the bench schema (with apt if need be). */
async function preparePostgis(admin: pg.Client): Promise<string> {
  const existing = await admin.query<{ nspname: string }>(
    `SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'`,
  );
  if (existing.rows[0]) return existing.rows[0].nspname;
  const available = await admin.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`);
  if (available.rowCount === 0) {
    const version = await admin.query<{ server_version_num: string }>('SHOW server_version_num');
    const major = Math.floor(Number(version.rows[0]!.server_version_num) / 10_000);
    const debianPackage = `postgresql-${major}-postgis-3`;
    log(`installing ${debianPackage} with apt (baseline only)`);
    const apt = (...args: string[]) =>
      execFileSync('apt-get', args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    try {
      apt('install', '-y', debianPackage);
    } catch {
      apt('update');
      apt('install', '-y', debianPackage);
    }
  }
  await admin.query(`CREATE EXTENSION postgis SCHEMA ${SCHEMA}`);
  return SCHEMA;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

interface Side {
  name: string;
  workers: number;
  query(viewer: Viewer): Promise<void>;
}

interface Run {
  perSecond: number;
  latenciesMs: number[];
}

let viewerCursor = 0;

/**
 * Queries back to back from `side.workers` workers for the duration. A short untimed warm-up comes
 * first: pg's pool closes connections idle for 10 s, which they are while the other sides run.
 */
async function measure(side: Side, durationSeconds: number, viewers: Viewer[]): Promise<Run> {
  const warmUntil = performance.now() + WARM_UP_MS;
  await Promise.all(
    Array.from({ length: side.workers }, async () => {
      while (performance.now() < warmUntil) await side.query(viewers[viewerCursor++ % viewers.length]!);
    }),
  );
  const latenciesMs: number[] = [];
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const viewer = viewers[viewerCursor++ % viewers.length]!;
      const before = performance.now();
      await side.query(viewer);
      latenciesMs.push(performance.now() - before);
    }
  };
  await Promise.all(Array.from({ length: side.workers }, worker));
  return { perSecond: (latenciesMs.length * 1000) / (performance.now() - started), latenciesMs };
}

function walkFor(walker: NearbyWalker, name: string): (viewer: Viewer) => Promise<void> {
  return async (viewer) => {
    const result = await walker.walk({
      viewerId: viewer.id,
      viewerCell: viewer.cell,
      order: viewer.order,
      filters: {},
      maxBand: undefined,
      cursor: null,
      limit: PAGE,
      blocked: new Set(),
    });
    if (result.candidates.length !== PAGE) {
      throw new Error(`${name}: the walk from ${viewer.cell} returned ${result.candidates.length} people, not ${PAGE}`);
    }
  };
}

/** Counts the store's queries per walk, outside the timed rounds. */
class CountingStore extends NearbyStore {
  scanCount = 0;
  rowCount = 0;
  override async scan(scan: Parameters<NearbyStore['scan']>[0]) {
    const rows = await super.scan(scan);
    this.scanCount += 1;
    this.rowCount += rows.length;
    return rows;
  }
}

function formatMs(ms: number): string {
  return ms.toFixed(2);
}

// ---------------------------------------------------------------------------------------------

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airtalk-bench-nearby-'));
const sqliteFile = path.join(tempDir, 'airtalk.sqlite');
const admin = new pg.Client({ connectionString: POSTGRES_URL });
await admin.connect();
const handles: DatabaseHandle[] = [];
const pools: pg.Pool[] = [];
try {
  const setupStarted = performance.now();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  const postgisSchema = await preparePostgis(admin);
  const searchPath = postgisSchema === SCHEMA ? SCHEMA : `${SCHEMA},${postgisSchema}`;
  const postgisVersion = await admin.query<{ v: string }>(
    `SELECT ${postgisSchema}.postgis_lib_version() AS v, current_setting('server_version') AS s`,
  );
  log(`PostGIS ${postgisVersion.rows[0]!.v} in schema ${postgisSchema}`);

  // Schemas exactly as the product migrates them.
  const pgSetup = openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema: SCHEMA, maxConnections: 1 });
  await migrateToLatest(pgSetup);
  await pgSetup.close();
  const sqliteSetup = openDatabase({ kind: 'sqlite', file: sqliteFile });
  await migrateToLatest(sqliteSetup);
  await sqliteSetup.close();
  await admin.query(
    `CREATE TABLE ${SCHEMA}.pts (id text PRIMARY KEY, geom ${postgisSchema}.geometry(Point, 4326) NOT NULL)`,
  );

  // Load both databases at once: PostgreSQL runs a batch while Node makes the next and writes SQLite.
  const loader = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${searchPath}` });
  await loader.connect();
  await loader.query('SET synchronous_commit = off');
  const sqliteLoader = openSqliteLoader(sqliteFile);
  const nowMs = Date.now();
  const loadStarted = performance.now();
  let loaded = 0;
  let batch = makeBatch(Math.min(BATCH, USERS));
  while (batch.ids.length > 0) {
    const pgDone = loader.query(PG_LOAD_SQL, pgLoadParameters(batch, nowMs));
    sqliteLoader.insert(batch, nowMs);
    loaded += batch.ids.length;
    const nextSize = Math.min(BATCH, USERS - loaded);
    batch = makeBatch(nextSize);
    await pgDone;
    if (loaded % 100_000 === 0 || loaded === USERS) log(`loaded ${loaded} users (${seconds(loadStarted)})`);
  }
  sqliteLoader.close();
  await loader.end();

  const indexStarted = performance.now();
  await admin.query(`CREATE INDEX pts_geom ON ${SCHEMA}.pts USING gist (geom)`);
  for (const table of ['users', 'nearby_locations', 'pts']) await admin.query(`VACUUM ANALYZE ${SCHEMA}.${table}`);
  log(`PostGIS GiST index, VACUUM ANALYZE (${seconds(indexStarted)}); set-up ${seconds(setupStarted)}`);

  // The product's connections: PostgreSQL pool and the single SQLite connection, opened as the server does.
  const pgHandle = openDatabase({ kind: 'postgres', url: POSTGRES_URL, schema: SCHEMA, maxConnections: CONCURRENCY });
  handles.push(pgHandle);
  const sqliteHandle = openDatabase({ kind: 'sqlite', file: sqliteFile });
  handles.push(sqliteHandle);
  // The baseline's pool: the settings openDatabase gives the product's pool.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  const postgisPool = new pg.Pool({
    connectionString: POSTGRES_URL,
    max: CONCURRENCY,
    types,
    options: `-c search_path=${searchPath}`,
  });
  pools.push(postgisPool);

  const viewers = makeViewers();
  const knn = `SELECT id FROM pts ORDER BY geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) LIMIT ${PAGE}`;
  const sides: Side[] = [
    {
      name: 'PostGIS KNN',
      workers: CONCURRENCY,
      query: async (viewer) => {
        const result = await postgisPool.query(knn, [viewer.point.lng, viewer.point.lat]);
        if (result.rows.length !== PAGE) throw new Error(`PostGIS returned ${result.rows.length} rows`);
      },
    },
    {
      name: 'ours PostgreSQL',
      workers: CONCURRENCY,
      query: walkFor(new NearbyWalker(new NearbyStore(pgHandle.db)), 'PostgreSQL'),
    },
    { name: 'ours SQLite', workers: 1, query: walkFor(new NearbyWalker(new NearbyStore(sqliteHandle.db)), 'SQLite') },
  ];

  // Every viewer once on each side (checks every walk fills a page), and how many queries a walk takes.
  for (const [label, handle] of [
    ['PostgreSQL', pgHandle],
    ['SQLite', sqliteHandle],
  ] as const) {
    const store = new CountingStore(handle.db);
    const check = walkFor(new NearbyWalker(store), label);
    for (const viewer of viewers) await check(viewer);
    log(
      `${label}: ${VIEWERS} viewers each got ${PAGE} people; ${(store.scanCount / VIEWERS).toFixed(2)} queries and ` +
        `${(store.rowCount / VIEWERS).toFixed(0)} rows per walk`,
    );
  }
  for (const side of sides) await measure(side, 2, viewers);

  const runs = new Map(sides.map((side) => [side.name, [] as Run[]]));
  for (let round = 0; round < ROUNDS; round += 1) {
    const parts: string[] = [];
    for (const side of sides) {
      const run = await measure(side, DURATION_SECONDS, viewers);
      runs.get(side.name)!.push(run);
      parts.push(`${side.name} ${run.perSecond.toFixed(0)}/s p99 ${formatMs(quantile(run.latenciesMs, 0.99))} ms`);
    }
    log(`round ${round + 1}: ${parts.join(', ')}`);
  }

  const summary = sides.map((side) => {
    const sideRuns = runs.get(side.name)!;
    const all = sideRuns.flatMap((run) => run.latenciesMs);
    const perSecond = median(sideRuns.map((run) => run.perSecond));
    const p50 = quantile(all, 0.5);
    const p99 = quantile(all, 0.99);
    log(
      `${side.name} (${side.workers} worker${side.workers === 1 ? '' : 's'}): ${perSecond.toFixed(0)} queries/s ` +
        `(median of ${ROUNDS}), p50 ${formatMs(p50)} ms, p99 ${formatMs(p99)} ms`,
    );
    return { perSecond, p99 };
  });
  const [baseline, oursPg, oursSqlite] = summary as [(typeof summary)[0], (typeof summary)[0], (typeof summary)[0]];
  printResult({
    bench: 'nearby',
    ours: Math.round(oursPg.perSecond),
    baseline: Math.round(baseline.perSecond),
    ratio: Math.round((oursPg.perSecond / baseline.perSecond) * 1000) / 1000,
    unit: 'queries/s',
    sqliteP99Ms: Math.round(oursSqlite.p99 * 100) / 100,
  });
} finally {
  for (const handle of handles) await handle.close();
  for (const pool of pools) await pool.end();
  if (KEEP) {
    log(`kept: PostgreSQL schema ${SCHEMA}, SQLite ${sqliteFile}`);
  } else {
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
  await admin.end();
}
