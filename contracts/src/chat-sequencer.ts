/**
 * The client's half of exactly-once, in-order delivery. Messages can arrive twice (a live event
 * and a replay of the same message) or out of order (two nodes publishing); the sequencer releases
 * each sequence number once, in order, and holds later ones until the gap is filled by a sync.
 * Shared by the web app and the tests that play a client.
 */
import type { MessageView } from './chat.js';

/** More held messages than this means the gap will not fill by itself; the client syncs instead. */
const HELD_MAX = 1000;

export class ConversationSequencer {
  private readonly held = new Map<number, MessageView>();

  constructor(private last = 0) {}

  /** The highest sequence number released so far: what the client holds without a gap. */
  get lastSeq(): number {
    return this.last;
  }

  /** True when messages wait behind a missing one; the client should sync from lastSeq. */
  get hasGap(): boolean {
    return this.held.size > 0;
  }

  /** Takes one message and returns the messages that are now released, in order (often none). */
  accept(message: MessageView): MessageView[] {
    if (message.seq <= this.last || this.held.has(message.seq)) return [];
    if (message.seq !== this.last + 1) {
      if (this.held.size < HELD_MAX) this.held.set(message.seq, message);
      return [];
    }
    const released = [message];
    this.last = message.seq;
    for (let next = this.held.get(this.last + 1); next; next = this.held.get(this.last + 1)) {
      this.held.delete(next.seq);
      released.push(next);
      this.last = next.seq;
    }
    return released;
  }
}

/** One sequencer per conversation, and the cursors a `sync` event sends. */
export class ChatSequencer {
  private readonly conversations = new Map<string, ConversationSequencer>();

  /** Starts (or moves forward) a conversation's cursor, e.g. after loading its newest page. */
  track(conversationId: string, lastSeq: number): void {
    const current = this.conversations.get(conversationId);
    if (!current || current.lastSeq < lastSeq)
      this.conversations.set(conversationId, new ConversationSequencer(lastSeq));
  }

  accept(message: MessageView): MessageView[] {
    let sequencer = this.conversations.get(message.conversationId);
    if (!sequencer) {
      sequencer = new ConversationSequencer(0);
      this.conversations.set(message.conversationId, sequencer);
    }
    return sequencer.accept(message);
  }

  lastSeq(conversationId: string): number {
    return this.conversations.get(conversationId)?.lastSeq ?? 0;
  }

  hasGap(conversationId: string): boolean {
    return this.conversations.get(conversationId)?.hasGap ?? false;
  }

  cursors(): { conversationId: string; afterSeq: number }[] {
    return [...this.conversations].map(([conversationId, sequencer]) => ({
      conversationId,
      afterSeq: sequencer.lastSeq,
    }));
  }
}
