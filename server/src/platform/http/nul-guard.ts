/**
 * Refuses text with a NUL character anywhere in the body, path or query. No field of Airtalk
 * has a use for one, and PostgreSQL cannot store it: it would turn a typo into a 500.
 */
import type { FastifyInstance } from 'fastify';
import { notFound, validationFailed } from './errors.js';

const MAX_DEPTH = 32;

/** The path of the first string (or key) holding a NUL, or null. */
export function findNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = findNul(child, childPath, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    // A path that holds a NUL names nothing; a body or query that holds one is a field problem.
    if (findNul(request.params) !== null) {
      done(notFound());
      return;
    }
    const found = findNul(request.body) ?? findNul(request.query);
    done(found === null ? undefined : validationFailed({ [found]: 'field.invalid' }));
  });
}
