/**
 * Kysely over better-sqlite3 with a fair lock on the single connection.
 *
 * SQLite has one connection, so queries take turns; a transaction holds the turn until it ends.
 * Kysely's own SqliteDriver wakes every waiting query whenever the turn is released, and all but
 * one go back to sleep: with 32 requests in flight that is ~1,000 wake-ups per query, and it made
 * the database the most expensive part of a request. Here waiters queue and the turn is handed to
 * the next one directly.
 */
import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/** A mutex whose waiters are served in arrival order, each woken exactly once. */
export class FairLock {
  private held = false;
  private readonly waiters: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}

class BetterSqliteConnection implements DatabaseConnection {
  constructor(private readonly database: SqliteStatementSource) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.database.prepare(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  /** Kysely requires the method; the product never streams from SQLite. */
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported on the SQLite connection.');
  }
}

/** What the connection needs of a database: prepared statements (cached by the caller) and close. */
export interface SqliteStatementSource {
  prepare(source: string): SqliteDatabase.Statement;
  close(): void;
}

class BetterSqliteDriver implements Driver {
  private readonly lock = new FairLock();
  private readonly connection: BetterSqliteConnection;

  constructor(private readonly database: SqliteStatementSource) {
    this.connection = new BetterSqliteConnection(database);
  }

  /** The database was opened by the caller. */
  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  releaseConnection(): Promise<void> {
    this.lock.release();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    this.database.close();
    return Promise.resolve();
  }
}

export class BetterSqliteDialect implements Dialect {
  constructor(private readonly database: SqliteStatementSource) {}

  createDriver(): Driver {
    return new BetterSqliteDriver(this.database);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
