/**
 * A query built and compiled once, then run with new parameters: for the few queries on every
 * request's path, where building and compiling with Kysely costs more than SQLite running them.
 */
import type { CompiledQuery, Compilable, Kysely } from 'kysely';

export interface PreparedQuery<Row, Args extends unknown[]> {
  run(...args: Args): Promise<Row[]>;
}

/**
 * `build` must use each argument exactly once, as a parameter, in order; the first run checks
 * this, so a query whose shape depends on its arguments fails loudly instead of running wrong.
 */
export function prepareQuery<DB, Row, Args extends unknown[]>(
  db: Kysely<DB>,
  build: (...args: Args) => Compilable<Row>,
): PreparedQuery<Row, Args> {
  let compiled: CompiledQuery<Row> | undefined;
  return {
    async run(...args: Args): Promise<Row[]> {
      if (!compiled) {
        const candidate = build(...args).compile();
        const sameParameters =
          candidate.parameters.length === args.length &&
          candidate.parameters.every((value, index) => value === args[index]);
        if (!sameParameters)
          throw new Error(`prepareQuery: the parameters of "${candidate.sql}" are not its arguments.`);
        compiled = candidate;
      }
      const result = await db.executeQuery<Row>({ ...compiled, parameters: args });
      return result.rows;
    },
  };
}
