/** The signed-in devices of the current account, and ending them. */
import { SessionListViewSchema, type SessionView } from '@airtalk/contracts';
import { requestJson, requestVoid } from '../../lib';

export async function listSessions(signal?: AbortSignal): Promise<SessionView[]> {
  const { sessions } = await requestJson('/api/v1/me/sessions', SessionListViewSchema, signal ? { signal } : {});
  return sessions;
}

export function revokeSession(id: string): Promise<void> {
  return requestVoid(`/api/v1/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Signs out every device, this one included. */
export function revokeAllSessions(): Promise<void> {
  return requestVoid('/api/v1/me/sessions', { method: 'DELETE' });
}
