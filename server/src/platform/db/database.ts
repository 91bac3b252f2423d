/**
 * Opens the database: embedded SQLite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
 * Both speak through the same Kysely<Database>, so no feature knows which one it runs on.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { preparedStatementName } from './prepared-query.js';
import type { Database } from './schema.js';
import { BetterSqliteDialect, type SqliteStatementSource } from './sqlite-dialect.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export type DatabaseTarget =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string; maxConnections?: number };

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The PostgreSQL schema the tables live in, when not the default. */
  schema?: string;
  close(): Promise<void>;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and preparing costs more than running a small query.
 * The product's queries are a fixed set of SQL texts, so each is prepared once and reused.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteStatementSource {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(source: string) {
      let statement = cache.get(source);
      if (!statement) {
        statement = sqlite.prepare(source);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(source, statement);
      }
      return statement;
    },
    close() {
      sqlite.close();
    },
  };
}

function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // One process owns the embedded database (several nodes use PostgreSQL). Holding the lock
  // lets SQLite keep the WAL index in memory and skip file locks on every read: half the cost
  // of a small query. A second process on the same DATA_DIR waits, then fails, as it should.
  sqlite.pragma('locking_mode = EXCLUSIVE');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new BetterSqliteDialect(withStatementCache(sqlite)) });
  return { db, kind: 'sqlite', close: () => db.destroy() };
}

/**
 * Queries registered by prepareQuery run as named prepared statements: PostgreSQL plans them once
 * per connection instead of on every call, which for the nearby query is most of its cost.
 */
function namingPreparedStatements(pool: pg.Pool): PostgresPool {
  // Each pooled client is adapted once and stays the same object, so Kysely's per-client state
  // (it keys its connections by client) is kept between queries.
  const adapted = new WeakSet<pg.PoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      if (!adapted.has(client)) {
        const query = client.query.bind(client) as (text: unknown, values?: unknown) => Promise<pg.QueryResult>;
        const namingQuery = (text: unknown, values?: unknown) => {
          const name = typeof text === 'string' ? preparedStatementName(text) : undefined;
          return name ? query({ name, text, values }) : query(text, values);
        };
        client.query = namingQuery as typeof client.query;
        adapted.add(client);
      }
      return client;
    },
    end: () => pool.end(),
  };
}

function openPostgres(url: string, schema: string | undefined, maxConnections: number): DatabaseHandle {
  // Epoch-millisecond columns are int8; they fit a JS number exactly, so read them as numbers.
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingPreparedStatements(pool) }) });
  return { db, kind: 'postgres', ...(schema ? { schema } : {}), close: () => db.destroy() };
}

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  return target.kind === 'sqlite'
    ? openSqlite(target.file)
    : openPostgres(target.url, target.schema, target.maxConnections ?? 10);
}

/** The target for a running server: PostgreSQL when a URL is given, else SQLite in the data folder. */
export function databaseTargetFor(config: {
  databaseUrl: string | undefined;
  databaseSchema?: string | undefined;
  dataDir: string;
}): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) }
    : { kind: 'sqlite', file: path.join(config.dataDir, 'airtalk.sqlite') };
}
