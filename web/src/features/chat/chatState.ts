/**
 * How the chat's picture of the world changes with each thing it learns: a message, a receipt, a
 * recall, a page of history. Pure functions over the contract's views, mirroring the server's own
 * rules (unread is everything after my read cursor; sending raises my cursors) so that the screen
 * agrees with what the server would answer if asked again.
 */
import type { ConversationView, MessageView, ServerEventOf } from '@airtalk/contracts';

export interface ThreadState {
  /** Ascending by sequence number, each once; messages deleted for me are left out. */
  messages: readonly MessageView[];
  /** The oldest sequence number loaded (shown or not), where the next page of history ends. */
  oldestSeq: number | null;
  hasOlder: boolean;
  phase: 'loading' | 'ready' | 'failed';
  error: unknown;
  olderPhase: 'idle' | 'loading' | 'failed';
}

export const emptyThread: ThreadState = {
  messages: [],
  oldestSeq: null,
  hasOlder: false,
  phase: 'loading',
  error: undefined,
  olderPhase: 'idle',
};

/** A later copy of a message wins, except that a copy from before a recall never brings the content back. */
function newerOf(existing: MessageView, incoming: MessageView): MessageView {
  if (existing.recalledAtMs !== null && incoming.recalledAtMs === null) return existing;
  return incoming;
}

/** Adds messages to a thread in sequence order, once each; a message deleted for me goes. */
export function mergeMessages(existing: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  if (incoming.length === 0) return [...existing];
  const bySeq = new Map(existing.map((message) => [message.seq, message]));
  for (const message of incoming) {
    const current = bySeq.get(message.seq);
    bySeq.set(message.seq, current ? newerOf(current, message) : message);
  }
  return [...bySeq.values()].filter((message) => !message.deletedForMe).sort((a, b) => a.seq - b.seq);
}

/** What a recall leaves of a message: its place and its sender, not its content. */
export function recalledCopy(message: MessageView, recalledAtMs: number): MessageView {
  return { ...message, text: null, media: null, recalledAtMs: message.recalledAtMs ?? recalledAtMs };
}

/** Applies the recall notices among `incoming` to the messages they name. */
export function applyRecalls(messages: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  const recalls = new Map<string, number>();
  for (const message of incoming) {
    if (message.system?.event === 'recalled' && message.system.messageId !== null) {
      recalls.set(message.system.messageId, message.sentAtMs);
    }
  }
  if (recalls.size === 0) return [...messages];
  return messages.map((message) => {
    const recalledAtMs = recalls.get(message.id);
    return recalledAtMs === undefined ? message : recalledCopy(message, recalledAtMs);
  });
}

/** Unread is everything after my read cursor, as the server counts it. */
function withUnread(conversation: ConversationView): ConversationView {
  return { ...conversation, unreadCount: Math.max(0, conversation.lastSeq - conversation.readSeq) };
}

/**
 * A conversation after one of its messages arrived. A message of mine (a notice of mine too, such
 * as a recall) raises my cursors as it does on the server: I have read what I answered.
 */
export function applyMessage(conversation: ConversationView, message: MessageView, me: string): ConversationView {
  let next = conversation;
  if (message.system?.event === 'recalled' && next.lastMessage?.id === message.system.messageId) {
    next = { ...next, lastMessage: recalledCopy(next.lastMessage, message.sentAtMs) };
  }
  if (message.seq <= next.lastSeq) {
    // A newer copy of the last message (recalled, say) replaces the one shown.
    return next.lastMessage?.id === message.id && !message.deletedForMe
      ? { ...next, lastMessage: newerOf(next.lastMessage, message) }
      : next;
  }
  next = {
    ...next,
    lastSeq: message.seq,
    lastMessage: message.deletedForMe ? next.lastMessage : message,
    lastMessageAtMs: Math.max(next.lastMessageAtMs, message.sentAtMs),
  };
  if (message.senderId === me) next = { ...next, readSeq: Math.max(next.readSeq, message.seq) };
  return withUnread(next);
}

/** A receipt: mine (read on another device) moves my cursor; the other person's moves theirs. */
export function applyReceipt(
  conversation: ConversationView,
  receipt: ServerEventOf<'receipt'>,
  me: string,
): ConversationView {
  if (receipt.userId === me) {
    if (receipt.kind !== 'read' || receipt.seq <= conversation.readSeq) return conversation;
    return withUnread({ ...conversation, readSeq: receipt.seq });
  }
  if (receipt.userId !== conversation.peer.userId) return conversation;
  // Read implies received.
  const peerDeliveredSeq = Math.max(conversation.peerDeliveredSeq, receipt.seq);
  const peerReadSeq =
    receipt.kind === 'read' ? Math.max(conversation.peerReadSeq, receipt.seq) : conversation.peerReadSeq;
  if (peerDeliveredSeq === conversation.peerDeliveredSeq && peerReadSeq === conversation.peerReadSeq) {
    return conversation;
  }
  return { ...conversation, peerDeliveredSeq, peerReadSeq };
}

/** After I read up to `seq` here. */
export function markedRead(conversation: ConversationView, seq: number): ConversationView {
  if (seq <= conversation.readSeq) return conversation;
  return withUnread({ ...conversation, readSeq: seq });
}

/**
 * A fresher view of a conversation from the server, merged with what arrived live meanwhile:
 * cursors and the newest message only move forward.
 */
export function mergeConversation(known: ConversationView | undefined, fresh: ConversationView): ConversationView {
  if (!known) return fresh;
  const newest = known.lastSeq > fresh.lastSeq ? known : fresh;
  return withUnread({
    ...fresh,
    lastSeq: newest.lastSeq,
    lastMessage: newest.lastMessage,
    lastMessageAtMs: Math.max(known.lastMessageAtMs, fresh.lastMessageAtMs),
    readSeq: Math.max(known.readSeq, fresh.readSeq),
    peerDeliveredSeq: Math.max(known.peerDeliveredSeq, fresh.peerDeliveredSeq),
    peerReadSeq: Math.max(known.peerReadSeq, fresh.peerReadSeq),
  });
}

/** Newest activity first, as the list shows them. */
export function byRecentActivity(a: ConversationView, b: ConversationView): number {
  return b.lastMessageAtMs - a.lastMessageAtMs || b.lastSeq - a.lastSeq || a.id.localeCompare(b.id);
}

export function totalUnread(conversations: Iterable<ConversationView>): number {
  let total = 0;
  for (const conversation of conversations) total += conversation.unreadCount;
  return total;
}

export type ReceiptStatus = 'sent' | 'delivered' | 'read';

/** How far one of my messages got: stored, on the other person's device, or read. */
export function receiptStatus(message: MessageView, conversation: ConversationView): ReceiptStatus {
  if (message.seq <= conversation.peerReadSeq) return 'read';
  if (message.seq <= conversation.peerDeliveredSeq) return 'delivered';
  return 'sent';
}
