/**
 * What a conversation shows, top to bottom: a line for each new day, each message, the notices a
 * chat leaves (started, recalled, account deleted), and last the messages still on their way out.
 */
import type { MessageView } from '@airtalk/contracts';
import { dayKey } from './chatFormat';
import type { OutboxEntry } from './outbox';

export type Notice =
  { kind: 'started'; starterId: string | null } | { kind: 'recalled'; recallerId: string | null } | { kind: 'erased' };

export type ThreadItem =
  | { type: 'day'; key: string; atMs: number }
  | { type: 'message'; key: string; message: MessageView }
  | { type: 'notice'; key: string; notice: Notice }
  | { type: 'entry'; key: string; entry: OutboxEntry };

function noticeOf(message: MessageView, shownIds: ReadonlySet<string>): Notice | null {
  if (message.recalledAtMs !== null && message.kind !== 'system') {
    return { kind: 'recalled', recallerId: message.senderId };
  }
  switch (message.system?.event) {
    case 'conversation_started':
      return { kind: 'started', starterId: message.senderId };
    case 'account_erased':
      return { kind: 'erased' };
    case 'recalled':
      // The recalled message itself says so where it was; the notice stands in only when it is not loaded.
      return message.system.messageId !== null && shownIds.has(message.system.messageId)
        ? null
        : { kind: 'recalled', recallerId: message.senderId };
    case undefined:
      return null;
  }
}

export function threadItems(messages: readonly MessageView[], entries: readonly OutboxEntry[]): ThreadItem[] {
  const items: ThreadItem[] = [];
  const shownIds = new Set(messages.map((message) => message.id));
  const confirmedClientIds = new Set(messages.flatMap((message) => (message.clientId ? [message.clientId] : [])));
  let lastDay: string | null = null;
  const dayLine = (atMs: number) => {
    const day = dayKey(atMs);
    if (day === lastDay) return;
    lastDay = day;
    items.push({ type: 'day', key: `day-${day}`, atMs });
  };
  for (const message of messages) {
    const notice = message.kind === 'system' || message.recalledAtMs !== null ? noticeOf(message, shownIds) : null;
    if (message.kind === 'system' && notice === null) continue;
    dayLine(message.sentAtMs);
    items.push(notice ? { type: 'notice', key: message.id, notice } : { type: 'message', key: message.id, message });
  }
  for (const entry of entries) {
    // Between an answer and the outbox catching up, the stored copy is already here.
    if (confirmedClientIds.has(entry.clientId)) continue;
    dayLine(entry.queuedAtMs);
    items.push({ type: 'entry', key: entry.clientId, entry });
  }
  return items;
}
