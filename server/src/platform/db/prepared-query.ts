/**
 * A query built and compiled once, then run with new parameters: for the few queries on every
 * request's path, where building and compiling with Kysely costs more than SQLite running them.
 */
import type { CompiledQuery, Compilable, Kysely } from 'kysely';

export interface PreparedQuery<Row, Args extends unknown[]> {
  run(...args: Args): Promise<Row[]>;
}

/**
 * `build` must use each argument exactly once, as a parameter, in order. It is compiled once with
 * stand-in values that cannot be confused with each other or with constants, and checked: a query
 * whose shape depends on its arguments fails loudly instead of running wrong.
 */
export function prepareQuery<DB, Row, Args extends unknown[]>(
  db: Kysely<DB>,
  build: (...args: Args) => Compilable<Row>,
): PreparedQuery<Row, Args> {
  let compiled: CompiledQuery<Row> | undefined;
  return {
    async run(...args: Args): Promise<Row[]> {
      if (!compiled) {
        const standIns = args.map((_, index) => Symbol(`parameter ${index}`));
        const candidate = build(...(standIns as unknown as Args)).compile();
        const sameParameters =
          candidate.parameters.length === standIns.length &&
          candidate.parameters.every((value, index) => value === standIns[index]);
        if (!sameParameters)
          throw new Error(`prepareQuery: the parameters of "${candidate.sql}" are not its arguments.`);
        compiled = candidate;
      }
      const result = await db.executeQuery<Row>({ ...compiled, parameters: args });
      return result.rows;
    },
  };
}
