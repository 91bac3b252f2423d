/**
 * The room chat's half of exactly-once, in-order delivery, as the contracts' ConversationSequencer
 * does it for 1:1 chat: a number already released is dropped, one that leaves a gap is held until
 * a `room.sync` fills it.
 */
import type { RoomMessageView } from '@airtalk/contracts';

/** More held messages than this means the gap will not fill by itself; the room syncs instead. */
const HELD_MAX = 500;
/** How much of the chat before my arrival is fetched when I join a room. */
export const ROOM_CHAT_BACKLOG = 30;

export class RoomChatSequencer {
  private readonly held = new Map<number, RoomMessageView>();

  constructor(private last = 0) {}

  get lastSeq(): number {
    return this.last;
  }

  get hasGap(): boolean {
    return this.held.size > 0;
  }

  accept(message: RoomMessageView): RoomMessageView[] {
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

  /**
   * Releases what waits behind a gap that a complete replay did not fill (those messages are not
   * coming), so the chat moves on instead of holding everything after them.
   */
  skipGap(): RoomMessageView[] {
    const waiting = [...this.held.values()].sort((a, b) => a.seq - b.seq);
    this.held.clear();
    const released = waiting.filter((message) => message.seq > this.last);
    const newest = released.at(-1);
    if (newest) this.last = newest.seq;
    return released;
  }
}

/** Where the chat starts for someone who just came in: a little of what was said before. */
export function firstCursor(chatLastSeq: number): number {
  return Math.max(0, chatLastSeq - ROOM_CHAT_BACKLOG);
}
