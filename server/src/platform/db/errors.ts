/**
 * Database errors both dialects raise differently, read the same way.
 */

/** A unique constraint refused the write: PostgreSQL reports 23505, SQLite SQLITE_CONSTRAINT_UNIQUE. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
