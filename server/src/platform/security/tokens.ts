/**
 * Secret tokens (sessions, email links, device ids): 256 random bits, shown once, stored only
 * as a SHA-256 hash, so a copy of the database opens no session and no link.
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_BYTES = 32;

export function createToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A well-formed token is 43 base64url characters; anything else is rejected before any lookup. */
export function isWellFormedToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
