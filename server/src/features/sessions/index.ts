/**
 * Sessions: the public face other features use.
 */
export { SessionsService, SESSIONS_REVOKED_TOPIC } from './sessions.service.js';
export type { AuthContext, Session, SessionsRevokedEvent } from './sessions.service.js';
export { SessionsStore } from './sessions.store.js';
export { handshakeAuthenticator, registerAuthentication, requireAuth } from './sessions.auth.js';
export { registerSessionRoutes } from './sessions.routes.js';
export { registerSessionsPrivacy } from './sessions.privacy.js';
export {
  clearSessionCookie,
  ensureDeviceCookie,
  setSessionCookie,
  sessionCookieName,
  type CookieSettings,
} from './sessions.cookies.js';
