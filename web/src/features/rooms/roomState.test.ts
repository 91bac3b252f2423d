import { describe, expect, it } from 'vitest';
import { RoomChatSequencer, firstCursor } from './roomChat';
import {
  handQueueMembers,
  initialRoomScreen,
  listeners,
  roomReducer,
  seatedMembers,
  type RoomScreen,
} from './roomState';
import { ADMIN, MEMBER, MEMBER_2, OWNER, ROOM_ID, member, roomMessage, roomState } from './testRooms';

const joined = (): RoomScreen => roomReducer(initialRoomScreen(ROOM_ID, MEMBER), { type: 'state', state: roomState() });

describe('roomReducer: the snapshot', () => {
  it('keeps the snapshot with the highest version, whatever order they arrive in', () => {
    let screen = joined();
    screen = roomReducer(screen, { type: 'state', state: roomState({ version: 5, chatLastSeq: 5 }) });
    screen = roomReducer(screen, { type: 'state', state: roomState({ version: 3, chatLastSeq: 3 }) });
    expect(screen.state?.version).toBe(5);
    expect(screen.state?.chatLastSeq).toBe(5);
    screen = roomReducer(screen, { type: 'state', state: roomState({ version: 6, chatLastSeq: 6 }) });
    expect(screen.state?.version).toBe(6);
    expect(screen.phase).toEqual({ kind: 'live' });
  });

  it('ignores another room’s snapshot, and any snapshot once the room ended for me', () => {
    let screen = joined();
    const other = roomState({ version: 9 });
    screen = roomReducer(screen, { type: 'state', state: { ...other, room: { ...other.room, id: 'other' } } });
    expect(screen.state?.version).toBe(1);
    screen = roomReducer(screen, { type: 'ended', reason: 'kicked', bannedUntilMs: 123 });
    screen = roomReducer(screen, { type: 'state', state: roomState({ version: 10 }) });
    expect(screen.phase).toEqual({ kind: 'ended', reason: 'kicked', bannedUntilMs: 123 });
    expect(screen.state?.version).toBe(1);
  });

  it('shows reconnecting from a lost connection until a snapshot arrives again, keeping the room on screen', () => {
    let screen = roomReducer(joined(), { type: 'connectionLost' });
    expect(screen.reconnecting).toBe(true);
    screen = roomReducer(screen, { type: 'joining' });
    expect(screen.phase).toEqual({ kind: 'live' });
    expect(screen.state).not.toBeNull();
    screen = roomReducer(screen, { type: 'state', state: roomState({ version: 2 }) });
    expect(screen.reconnecting).toBe(false);
  });

  it('asks for a password, and says so when the one given was wrong', () => {
    const screen = roomReducer(initialRoomScreen(ROOM_ID, MEMBER), {
      type: 'refused',
      phase: { kind: 'password', wrong: true },
    });
    expect(screen.phase).toEqual({ kind: 'password', wrong: true });
  });
});

describe('roomReducer: the chat', () => {
  it('adds released messages once, and confirms my own pending message by its client id', () => {
    let screen = roomReducer(joined(), { type: 'chatQueued', clientId: 'mine-1', text: 'hello' });
    expect(screen.pending).toEqual([{ clientId: 'mine-1', text: 'hello', state: 'sending' }]);
    screen = roomReducer(screen, { type: 'messages', messages: [roomMessage(1), roomMessage(2, MEMBER, 'mine-1')] });
    screen = roomReducer(screen, { type: 'messages', messages: [roomMessage(2, MEMBER, 'mine-1')] });
    expect(screen.messages.map((message) => message.seq)).toEqual([1, 2]);
    expect(screen.pending).toEqual([]);
  });

  it('marks a message failed, and sending again after a retry', () => {
    let screen = roomReducer(joined(), { type: 'chatQueued', clientId: 'mine-1', text: 'hello' });
    screen = roomReducer(screen, { type: 'chatFailed', clientId: 'mine-1' });
    expect(screen.pending[0]?.state).toBe('failed');
    screen = roomReducer(screen, { type: 'chatRetried', clientId: 'mine-1' });
    expect(screen.pending[0]?.state).toBe('sending');
    screen = roomReducer(screen, { type: 'chatDiscarded', clientId: 'mine-1' });
    expect(screen.pending).toEqual([]);
  });
});

describe('roomReducer: speaking', () => {
  it('rings only the members loud now', () => {
    let screen = roomReducer(joined(), {
      type: 'speaking',
      levels: [
        { userId: OWNER, level: 0.7 },
        { userId: ADMIN, level: 0 },
      ],
    });
    expect([...screen.speaking]).toEqual([[OWNER, 0.7]]);
    screen = roomReducer(screen, { type: 'speaking', levels: [] });
    expect(screen.speaking.size).toBe(0);
  });
});

describe('room state helpers', () => {
  it('finds the members on seats, the hand queue in order and the listeners with the moderators first', () => {
    const state = roomState({
      members: [
        member(OWNER, { role: 'owner', seat: 0, mic: 'on' }),
        member(MEMBER, { handRaisedAtMs: 2 }),
        member(MEMBER_2, { handRaisedAtMs: 1 }),
        member(ADMIN, { role: 'admin' }),
      ],
      handQueue: [MEMBER_2, MEMBER],
    });
    expect([...seatedMembers(state)].map(([seat, one]) => [seat, one.userId])).toEqual([[0, OWNER]]);
    expect(handQueueMembers(state).map((one) => one.userId)).toEqual([MEMBER_2, MEMBER]);
    expect(listeners(state).map((one) => one.userId)).toEqual([ADMIN, MEMBER, MEMBER_2]);
  });
});

describe('RoomChatSequencer', () => {
  it('releases each number once, at once, even past a gap (a blocked person’s message never comes)', () => {
    const sequencer = new RoomChatSequencer(firstCursor(2));
    expect(sequencer.accept(roomMessage(1)).map((message) => message.seq)).toEqual([1]);
    expect(sequencer.accept(roomMessage(3)).map((message) => message.seq)).toEqual([3]);
    expect(sequencer.accept(roomMessage(1))).toEqual([]);
    expect(sequencer.accept(roomMessage(3))).toEqual([]);
    expect(sequencer.lastSeq).toBe(3);
    // A late one still comes in; the screen orders by number.
    expect(sequencer.accept(roomMessage(2)).map((message) => message.seq)).toEqual([2]);
    expect(sequencer.lastSeq).toBe(3);
  });

  it('moves its cursor to where a complete replay says the chat ends', () => {
    const sequencer = new RoomChatSequencer(4);
    sequencer.caughtUp(9);
    expect(sequencer.lastSeq).toBe(9);
    sequencer.caughtUp(5);
    expect(sequencer.lastSeq).toBe(9);
  });

  it('starts a newcomer a little before the newest message', () => {
    expect(firstCursor(0)).toBe(0);
    expect(firstCursor(100)).toBe(70);
  });
});
