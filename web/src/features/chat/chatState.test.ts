import type { ConversationView, MessageView } from '@airtalk/contracts';
import { describe, expect, it } from 'vitest';
import {
  applyMessage,
  applyReceipt,
  applyRecalls,
  markedRead,
  mergeConversation,
  mergeMessages,
  receiptStatus,
  totalUnread,
} from './chatState';

const ME = 'me';
const PEER = 'peer';

function message(seq: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    senderId: PEER,
    clientId: null,
    kind: 'text',
    text: `message ${seq}`,
    media: null,
    system: null,
    sentAtMs: 1000 + seq,
    recalledAtMs: null,
    deletedForMe: false,
    ...overrides,
  };
}

function conversation(overrides: Partial<ConversationView> = {}): ConversationView {
  return {
    id: 'c1',
    peer: { userId: PEER, nickname: 'Lin', avatarUrl: null, online: false, lastSeenAtMs: null },
    lastSeq: 3,
    lastMessage: message(3),
    unreadCount: 1,
    readSeq: 2,
    peerDeliveredSeq: 0,
    peerReadSeq: 0,
    canSend: true,
    createdAtMs: 1000,
    lastMessageAtMs: 1003,
    ...overrides,
  };
}

describe('mergeMessages', () => {
  it('keeps each sequence number once, in order', () => {
    const merged = mergeMessages([message(1), message(3)], [message(4), message(2), message(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('leaves out what I deleted for myself', () => {
    expect(mergeMessages([message(1), message(2)], [message(2, { deletedForMe: true })]).map((m) => m.seq)).toEqual([
      1,
    ]);
  });

  it('never brings a recalled message’s content back from an older copy', () => {
    const recalled = message(2, { text: null, recalledAtMs: 5000 });
    expect(mergeMessages([recalled], [message(2)])[0]).toBe(recalled);
  });
});

describe('applyRecalls', () => {
  it('empties the message a recall notice names', () => {
    const notice = message(5, { kind: 'system', text: null, system: { event: 'recalled', messageId: 'm2' } });
    const [first, second] = applyRecalls([message(1), message(2)], [notice]);
    expect(first?.text).toBe('message 1');
    expect(second).toMatchObject({ text: null, media: null, recalledAtMs: notice.sentAtMs });
  });
});

describe('applyMessage', () => {
  it('counts a message from the other person as unread', () => {
    const next = applyMessage(conversation(), message(4), ME);
    expect(next).toMatchObject({ lastSeq: 4, unreadCount: 2, lastMessage: { seq: 4 } });
  });

  it('treats my own message as read up to it, as the server does', () => {
    const next = applyMessage(conversation(), message(4, { senderId: ME }), ME);
    expect(next).toMatchObject({ lastSeq: 4, readSeq: 4, unreadCount: 0 });
  });

  it('does not count a notice of mine (a recall) as unread, as the server does not', () => {
    const notice = message(4, {
      senderId: ME,
      kind: 'system',
      text: null,
      system: { event: 'recalled', messageId: 'm3' },
    });
    const next = applyMessage(conversation({ readSeq: 3, unreadCount: 0 }), notice, ME);
    expect(next.unreadCount).toBe(0);
    expect(next.lastMessage?.seq).toBe(4);
  });

  it('counts the other person’s notices as unread, as the server does', () => {
    const started = message(1, {
      kind: 'system',
      text: null,
      system: { event: 'conversation_started', messageId: null },
    });
    const empty = conversation({ lastSeq: 0, lastMessage: null, readSeq: 0, unreadCount: 0 });
    expect(applyMessage(empty, started, ME).unreadCount).toBe(1);
  });

  it('ignores a message it has already counted', () => {
    const known = conversation();
    expect(applyMessage(known, message(2), ME)).toBe(known);
  });

  it('shows the last message as recalled once recalled', () => {
    const notice = message(4, { kind: 'system', text: null, system: { event: 'recalled', messageId: 'm3' } });
    const withRecalledLast = applyMessage(conversation(), notice, ME);
    expect(withRecalledLast.lastMessage?.id).toBe('m4');
    const recalledCopyOfLast = message(3, { text: null, recalledAtMs: 9000 });
    const same = applyMessage(conversation(), recalledCopyOfLast, ME);
    expect(same.lastMessage).toMatchObject({ id: 'm3', text: null, recalledAtMs: 9000 });
  });
});

describe('applyReceipt', () => {
  it('moves the other person’s cursors forward only; reading implies receiving', () => {
    const read = applyReceipt(
      conversation(),
      { type: 'receipt', conversationId: 'c1', userId: PEER, kind: 'read', seq: 3 },
      ME,
    );
    expect(read).toMatchObject({ peerDeliveredSeq: 3, peerReadSeq: 3 });
    const stale = applyReceipt(
      read,
      { type: 'receipt', conversationId: 'c1', userId: PEER, kind: 'delivered', seq: 1 },
      ME,
    );
    expect(stale).toBe(read);
  });

  it('clears my unread count when I read on another device', () => {
    const next = applyReceipt(
      conversation(),
      { type: 'receipt', conversationId: 'c1', userId: ME, kind: 'read', seq: 3 },
      ME,
    );
    expect(next).toMatchObject({ readSeq: 3, unreadCount: 0 });
  });

  it('ignores receipts from someone who is not in the conversation', () => {
    const known = conversation();
    expect(applyReceipt(known, { type: 'receipt', conversationId: 'c1', userId: 'x', kind: 'read', seq: 3 }, ME)).toBe(
      known,
    );
  });
});

describe('receiptStatus', () => {
  it('says sent, delivered or read', () => {
    const view = conversation({ peerDeliveredSeq: 5, peerReadSeq: 3 });
    expect(receiptStatus(message(3, { senderId: ME }), view)).toBe('read');
    expect(receiptStatus(message(5, { senderId: ME }), view)).toBe('delivered');
    expect(receiptStatus(message(6, { senderId: ME }), view)).toBe('sent');
  });
});

describe('markedRead and totals', () => {
  it('reads up to a sequence number, and adds unread over conversations', () => {
    const read = markedRead(conversation(), 3);
    expect(read.unreadCount).toBe(0);
    expect(markedRead(read, 2)).toBe(read);
    expect(totalUnread([conversation(), conversation({ id: 'c2', unreadCount: 4 }), read])).toBe(5);
  });
});

describe('mergeConversation', () => {
  it('keeps what arrived live when the server’s view is older', () => {
    const live = applyMessage(conversation(), message(4), ME);
    const stale = conversation({ peer: { ...conversation().peer, online: true } });
    const merged = mergeConversation(live, stale);
    expect(merged).toMatchObject({ lastSeq: 4, lastMessage: { seq: 4 }, unreadCount: 2, peer: { online: true } });
  });

  it('takes a newer view whole', () => {
    const fresh = conversation({ lastSeq: 9, lastMessage: message(9), readSeq: 9, unreadCount: 0, canSend: false });
    expect(mergeConversation(conversation(), fresh)).toMatchObject({ lastSeq: 9, unreadCount: 0, canSend: false });
  });
});
