/**
 * GET /healthz: the process answers and its database does too.
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/schema.js';
import type { ZodApp } from '../../platform/http/zod-app.js';

const HealthViewSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']) });

export function registerHealthRoutes(app: ZodApp, db: Kysely<Database>): void {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], response: { 200: HealthViewSchema, 503: HealthViewSchema } } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(db);
        return { status: 'ok' as const, database: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'degraded', database: 'unreachable' });
      }
    },
  );
}
