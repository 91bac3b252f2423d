/**
 * The session and device cookies. In production they carry Secure and the __Host- prefix, which
 * pins them to this exact origin over HTTPS; HttpOnly keeps them from scripts, SameSite=Lax from
 * most cross-site requests.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createToken, hashToken, isWellFormedToken } from '../../platform/security/tokens.js';

const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

export interface CookieSettings {
  production: boolean;
  sessionIdleTtlMs: number;
}

export function sessionCookieName(production: boolean): string {
  return production ? '__Host-airtalk_session' : 'airtalk_session';
}

export function deviceCookieName(production: boolean): string {
  return production ? '__Host-airtalk_device' : 'airtalk_device';
}

function baseOptions(production: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: production } as const;
}

export function readSessionToken(request: FastifyRequest, production: boolean): string | undefined {
  return request.cookies[sessionCookieName(production)];
}

export function setSessionCookie(reply: FastifyReply, token: string, settings: CookieSettings): void {
  void reply.setCookie(sessionCookieName(settings.production), token, {
    ...baseOptions(settings.production),
    maxAge: Math.floor(settings.sessionIdleTtlMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, production: boolean): void {
  void reply.clearCookie(sessionCookieName(production), baseOptions(production));
}

/**
 * The browser's device id: reused when the request carries a valid one, otherwise a new one is
 * set. Only its hash is stored, to recognise the device at the next sign-in.
 */
export function ensureDeviceCookie(request: FastifyRequest, reply: FastifyReply, production: boolean): string {
  const name = deviceCookieName(production);
  const existing = request.cookies[name];
  const token = existing && isWellFormedToken(existing) ? existing : createToken();
  void reply.setCookie(name, token, { ...baseOptions(production), maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS });
  return hashToken(token);
}
