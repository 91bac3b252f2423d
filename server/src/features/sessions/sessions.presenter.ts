/**
 * Session rows as the owner sees them: never the token hash or the device hash.
 */
import type { SessionView } from '@airtalk/contracts';
import type { Session } from './sessions.service.js';

export function presentSession(session: Session, currentSessionId: string): SessionView {
  return {
    id: session.id,
    current: session.id === currentSessionId,
    browser: session.browser,
    os: session.os,
    language: session.language,
    coarseIp: session.coarseIp,
    createdAt: new Date(session.createdAtMs).toISOString(),
    lastSeenAt: new Date(session.lastSeenAtMs).toISOString(),
  };
}
