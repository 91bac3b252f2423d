/**
 * What the room screen shows, kept by one pure reducer: the newest snapshot of the room (a snapshot
 * with a lower version than the one held is old news, whatever order they arrived in), the room's
 * chat as released by the sequencer, my messages on their way, who is speaking, and why the room is
 * not on screen (a password to ask, a ban, the end of the room).
 */
import type { RoomMemberView, RoomMessageView, RoomStateView } from '@airtalk/contracts';

/** The chat keeps this many messages on screen; older ones scroll away for good. */
export const ROOM_CHAT_KEPT = 200;

export type EndReason = 'closed' | 'empty' | 'kicked';

export type RoomPhase =
  | { kind: 'joining' }
  /** A protected room: `wrong` after a password was refused. */
  | { kind: 'password'; wrong: boolean }
  | { kind: 'live' }
  | { kind: 'banned'; untilMs: number | null }
  | { kind: 'ended'; reason: EndReason; bannedUntilMs: number | null }
  | { kind: 'notFound' }
  /** The join failed for a reason worth showing with a way to try again. */
  | { kind: 'failed'; code: string }
  | { kind: 'left' };

export interface PendingChat {
  clientId: string;
  text: string;
  state: 'sending' | 'failed';
}

export interface RoomScreen {
  roomId: string;
  me: string;
  phase: RoomPhase;
  state: RoomStateView | null;
  messages: readonly RoomMessageView[];
  pending: readonly PendingChat[];
  /** userId → level 0..1 of the members loud enough to ring now. */
  speaking: ReadonlyMap<string, number>;
  /** True from losing the connection until the room is joined again. */
  reconnecting: boolean;
}

export type RoomChange =
  | { type: 'joining' }
  | { type: 'state'; state: RoomStateView }
  | { type: 'messages'; messages: readonly RoomMessageView[] }
  | { type: 'chatQueued'; clientId: string; text: string }
  | { type: 'chatFailed'; clientId: string }
  | { type: 'chatRetried'; clientId: string }
  | { type: 'chatDiscarded'; clientId: string }
  | { type: 'speaking'; levels: readonly { userId: string; level: number }[] }
  | { type: 'ended'; reason: EndReason; bannedUntilMs: number | null }
  | { type: 'refused'; phase: Extract<RoomPhase, { kind: 'password' | 'banned' | 'notFound' | 'failed' }> }
  | { type: 'connectionLost' }
  | { type: 'left' };

export function initialRoomScreen(roomId: string, me: string): RoomScreen {
  return {
    roomId,
    me,
    phase: { kind: 'joining' },
    state: null,
    messages: [],
    pending: [],
    speaking: new Map(),
    reconnecting: false,
  };
}

/** True once the room has ended for me, I left, or I may not come in: nothing from the room changes that. */
export function isOver(phase: RoomPhase): boolean {
  return phase.kind === 'ended' || phase.kind === 'left' || phase.kind === 'banned' || phase.kind === 'notFound';
}

/** Keeps the snapshot with the highest version; an equal version is the same state. */
export function newerState(current: RoomStateView | null, incoming: RoomStateView): RoomStateView {
  return current === null || incoming.version > current.version ? incoming : current;
}

function mergeMessages(current: readonly RoomMessageView[], incoming: readonly RoomMessageView[]) {
  const known = new Set(current.map((message) => message.seq));
  const fresh = incoming.filter((message) => !known.has(message.seq));
  if (fresh.length === 0) return current;
  return [...current, ...fresh].sort((a, b) => a.seq - b.seq).slice(-ROOM_CHAT_KEPT);
}

export function roomReducer(screen: RoomScreen, change: RoomChange): RoomScreen {
  switch (change.type) {
    case 'joining':
      if (isOver(screen.phase) && screen.phase.kind !== 'left') return screen;
      // A rejoin after a dropped connection keeps the room on screen until the new snapshot arrives.
      return { ...screen, phase: screen.state && screen.phase.kind === 'live' ? screen.phase : { kind: 'joining' } };
    case 'state': {
      if (change.state.room.id !== screen.roomId || isOver(screen.phase)) return screen;
      const state = newerState(screen.state, change.state);
      return { ...screen, state, phase: { kind: 'live' }, reconnecting: false };
    }
    case 'messages': {
      const messages = mergeMessages(screen.messages, change.messages);
      const confirmed = new Set(
        change.messages.filter((message) => message.sender.userId === screen.me).map((message) => message.clientId),
      );
      const pending = screen.pending.filter((entry) => !confirmed.has(entry.clientId));
      if (messages === screen.messages && pending.length === screen.pending.length) return screen;
      return { ...screen, messages, pending };
    }
    case 'chatQueued':
      return {
        ...screen,
        pending: [...screen.pending, { clientId: change.clientId, text: change.text, state: 'sending' }],
      };
    case 'chatFailed':
    case 'chatRetried': {
      const state = change.type === 'chatFailed' ? 'failed' : 'sending';
      return {
        ...screen,
        pending: screen.pending.map((entry) => (entry.clientId === change.clientId ? { ...entry, state } : entry)),
      };
    }
    case 'chatDiscarded':
      return { ...screen, pending: screen.pending.filter((entry) => entry.clientId !== change.clientId) };
    case 'speaking': {
      const speaking = new Map<string, number>();
      for (const { userId, level } of change.levels) if (level > 0) speaking.set(userId, Math.min(1, level));
      if (speaking.size === 0 && screen.speaking.size === 0) return screen;
      return { ...screen, speaking };
    }
    case 'ended':
      return {
        ...screen,
        phase: { kind: 'ended', reason: change.reason, bannedUntilMs: change.bannedUntilMs },
        speaking: new Map(),
        reconnecting: false,
      };
    case 'refused':
      return { ...screen, phase: change.phase, reconnecting: false };
    case 'connectionLost':
      if (isOver(screen.phase) || screen.phase.kind === 'password') return screen;
      return { ...screen, reconnecting: true, speaking: new Map() };
    case 'left':
      return { ...screen, phase: { kind: 'left' }, speaking: new Map(), reconnecting: false };
  }
}

export function memberOf(state: RoomStateView | null, userId: string): RoomMemberView | undefined {
  return state?.members.find((member) => member.userId === userId);
}

/** Seat index → the member on it. */
export function seatedMembers(state: RoomStateView): Map<number, RoomMemberView> {
  const byId = new Map(state.members.map((member) => [member.userId, member]));
  const seated = new Map<number, RoomMemberView>();
  for (const seat of state.seats) {
    const member = seat.userId === null ? undefined : byId.get(seat.userId);
    if (member) seated.set(seat.index, member);
  }
  return seated;
}

/** The members with a raised hand, oldest hand first, as the server orders the queue. */
export function handQueueMembers(state: RoomStateView): RoomMemberView[] {
  const byId = new Map(state.members.map((member) => [member.userId, member]));
  return state.handQueue.flatMap((userId) => {
    const member = byId.get(userId);
    return member ? [member] : [];
  });
}

/** Everyone not on a seat: the owner and admins first, then the rest as the server lists them. */
export function listeners(state: RoomStateView): RoomMemberView[] {
  const rank = { owner: 0, admin: 1, member: 2 } as const;
  return state.members
    .filter((member) => member.seat === null)
    .map((member, index) => ({ member, index }))
    .sort((a, b) => rank[a.member.role] - rank[b.member.role] || a.index - b.index)
    .map(({ member }) => member);
}
