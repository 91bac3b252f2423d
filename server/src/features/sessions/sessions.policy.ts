/**
 * Who may do what with sessions. The only place that decides it.
 */
import type { Session } from './sessions.service.js';

/** A user may see and end only their own sessions. */
export function canManageSession(viewerUserId: string, session: Pick<Session, 'userId'>): boolean {
  return session.userId === viewerUserId;
}
