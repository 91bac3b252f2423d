/**
 * A query built and compiled once, then run with new parameters: for the queries on hot paths,
 * where building and compiling with Kysely, and on PostgreSQL planning an unnamed statement, cost
 * more than running them. Their SQL is registered, so the PostgreSQL pool runs it as a named
 * prepared statement (see database.ts); SQLite's statement cache already keeps every text prepared.
 */
import type { CompiledQuery, Compilable, Kysely } from 'kysely';

export interface PreparedQuery<Row, Args extends unknown[]> {
  run(...args: Args): Promise<Row[]>;
}

const statementNames = new Map<string, string>();

/** The prepared-statement name of a registered SQL text, or undefined for any other text. */
export function preparedStatementName(sqlText: string): string | undefined {
  return statementNames.get(sqlText);
}

function register(sqlText: string): void {
  if (!statementNames.has(sqlText)) statementNames.set(sqlText, `airtalk_${statementNames.size + 1}`);
}

/**
 * `build` must use each argument as a parameter and nothing else as one, in any order and as
 * often as it likes. It is compiled once with stand-in values that cannot be confused with each
 * other or with constants, and checked: a query whose shape depends on its arguments' values fails
 * loudly instead of running wrong.
 */
export function prepareQuery<DB, Row, Args extends unknown[]>(
  db: Kysely<DB>,
  build: (...args: Args) => Compilable<Row>,
): PreparedQuery<Row, Args> {
  let compiled: { query: CompiledQuery<Row>; argumentIndexes: number[] } | undefined;
  return {
    async run(...args: Args): Promise<Row[]> {
      if (!compiled) {
        const standIns = args.map((_, index) => Symbol(`parameter ${index}`));
        const query = build(...(standIns as unknown as Args)).compile();
        const argumentIndexes = query.parameters.map((value) => standIns.indexOf(value as symbol));
        if (argumentIndexes.some((index) => index < 0)) {
          throw new Error(`prepareQuery: "${query.sql}" has parameters that are not its arguments.`);
        }
        register(query.sql);
        compiled = { query, argumentIndexes };
      }
      const { query, argumentIndexes } = compiled;
      const result = await db.executeQuery<Row>({
        ...query,
        parameters: argumentIndexes.map((index) => args[index]),
      });
      return result.rows;
    },
  };
}
