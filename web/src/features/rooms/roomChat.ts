/**
 * The room chat's half of exactly-once delivery. Messages are numbered per room, but a member's
 * chat can skip numbers (two people who blocked each other never receive each other's messages),
 * so a gap is not a lost message: each number is released once, at once, and the screen orders by
 * number. The highest number held is where a replay after a reconnect starts.
 */
import type { RoomMessageView } from '@airtalk/contracts';

/** How much of the chat before my arrival is fetched when I join a room. */
export const ROOM_CHAT_BACKLOG = 30;
/** Numbers this far below the newest are forgotten: nothing that old comes live any more. */
const REMEMBERED = 1000;

export class RoomChatSequencer {
  private readonly seen = new Set<number>();

  constructor(private last = 0) {}

  /** The highest number held (or known to be the room's last): a replay asks for what follows. */
  get lastSeq(): number {
    return this.last;
  }

  /** Returns the message when it is new, else nothing (a live copy and a replayed one of the same). */
  accept(message: RoomMessageView): RoomMessageView[] {
    if (this.seen.has(message.seq)) return [];
    this.seen.add(message.seq);
    if (message.seq > this.last) this.last = message.seq;
    if (this.seen.size > REMEMBERED * 2) {
      for (const seq of this.seen) if (seq < this.last - REMEMBERED) this.seen.delete(seq);
    }
    return [message];
  }

  /** A complete replay said the room's chat ends at `lastSeq`: what it skipped is not for me. */
  caughtUp(lastSeq: number): void {
    if (lastSeq > this.last) this.last = lastSeq;
  }
}

/** Where the chat starts for someone who just came in: a little of what was said before. */
export function firstCursor(chatLastSeq: number): number {
  return Math.max(0, chatLastSeq - ROOM_CHAT_BACKLOG);
}
