import type { ServerEvent } from '@airtalk/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus, RoomClientEvent, RoomLink, RoomLinkNotice } from '../chat';
import { RoomSession, type RoomProblem } from './session';
import { MEMBER, OWNER, ROOM_ID, member, roomMessage, roomState } from './testRooms';

/** The tab's connection as the room sees it: what was sent, and the server's side to play. */
class FakeLink implements RoomLink {
  sent: RoomClientEvent[] = [];
  private listener: ((notice: RoomLinkNotice) => void) | null = null;
  constructor(private current: ConnectionStatus = 'open') {}
  send = (event: RoomClientEvent) => {
    if (this.current !== 'open') return false;
    this.sent.push(event);
    return true;
  };
  subscribe = (listener: (notice: RoomLinkNotice) => void) => {
    this.listener = listener;
    return () => {
      this.listener = null;
    };
  };
  status = () => this.current;
  setStatus(status: ConnectionStatus): void {
    this.current = status;
    this.listener?.({ type: 'status', status });
    if (status === 'open') this.listener?.({ type: 'ready', resumed: true });
  }
  server(event: ServerEvent): void {
    if (event.type.startsWith('room.') || event.type === 'error') {
      this.listener?.({ type: 'event', event: event as Extract<RoomLinkNotice, { type: 'event' }>['event'] });
    }
  }
  sentOfType<T extends RoomClientEvent['type']>(type: T): Extract<RoomClientEvent, { type: T }>[] {
    return this.sent.filter((event): event is Extract<RoomClientEvent, { type: T }> => event.type === type);
  }
}

function setUp(status: ConnectionStatus = 'open') {
  const link = new FakeLink(status);
  const session = new RoomSession({ roomId: ROOM_ID, me: MEMBER, link });
  const problems: RoomProblem[] = [];
  session.onProblem((problem) => problems.push(problem));
  session.start();
  return { link, session, problems };
}

const listening = () => roomState({ members: [member(OWNER, { role: 'owner', seat: 0, mic: 'on' }), member(MEMBER)] });

beforeEach(() => {
  vi.useFakeTimers();
  // No server here: the microphone consent is simply not known.
  vi.stubGlobal('fetch', () => Promise.reject(new Error('offline')));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('RoomSession', () => {
  it('joins once the connection is ready, and catches up on the chat from a little before my arrival', () => {
    const { link, session } = setUp('connecting');
    expect(link.sent).toEqual([]);
    link.setStatus('open');
    expect(link.sentOfType('room.join')).toHaveLength(1);
    link.server({ type: 'room.state', state: { ...listening(), chatLastSeq: 40 } });
    expect(session.getSnapshot().phase).toEqual({ kind: 'live' });
    expect(link.sentOfType('room.sync').map((event) => event.afterSeq)).toEqual([10]);
    session.dispose();
  });

  it('shows reconnecting after a drop, joins again when back and replays the chat from the last message held', () => {
    const { link, session } = setUp();
    link.server({ type: 'room.state', state: listening() });
    link.server({ type: 'room.synced', roomId: ROOM_ID, lastSeq: 0, more: false });
    link.server({ type: 'room.message', message: roomMessage(1) });
    link.server({ type: 'room.message', message: roomMessage(1) });
    link.server({ type: 'room.message', message: roomMessage(3) });
    expect(session.getSnapshot().messages.map((message) => message.seq)).toEqual([1, 3]);

    link.setStatus('reconnecting');
    expect(session.getSnapshot().reconnecting).toBe(true);
    link.setStatus('open');
    expect(link.sentOfType('room.join')).toHaveLength(2);
    link.server({ type: 'room.state', state: { ...listening(), version: 2, chatLastSeq: 5 } });
    expect(session.getSnapshot().reconnecting).toBe(false);
    expect(link.sentOfType('room.sync').at(-1)?.afterSeq).toBe(3);
    session.dispose();
  });

  it('asks for the password, joins with it, and says when it was wrong', () => {
    const { link, session } = setUp();
    const [join] = link.sentOfType('room.join');
    link.server({ type: 'error', ref: join?.ref, code: 'ROOM_PASSWORD_REQUIRED', message: 'Password.' });
    expect(session.getSnapshot().phase).toEqual({ kind: 'password', wrong: false });
    session.submitPassword('open-sesame');
    const again = link.sentOfType('room.join').at(-1);
    expect(again?.password).toBe('open-sesame');
    link.server({ type: 'error', ref: again?.ref, code: 'ROOM_PASSWORD_REQUIRED', message: 'Password.' });
    expect(session.getSnapshot().phase).toEqual({ kind: 'password', wrong: true });
    session.dispose();
  });

  it('shows a ban with the time it ends', () => {
    const { link, session } = setUp();
    const [join] = link.sentOfType('room.join');
    link.server({ type: 'error', ref: join?.ref, code: 'ROOM_BANNED', message: 'Banned.', retryAfterMs: 60_000 });
    expect(session.getSnapshot().phase).toEqual({ kind: 'banned', untilMs: Date.now() + 60_000 });
    session.dispose();
  });

  it('ends the room on room.ended, and ignores snapshots after it', () => {
    const { link, session } = setUp();
    link.server({ type: 'room.state', state: listening() });
    link.server({ type: 'room.ended', roomId: ROOM_ID, reason: 'kicked', bannedUntilMs: 123 });
    link.server({ type: 'room.state', state: { ...listening(), version: 9 } });
    expect(session.getSnapshot().phase).toEqual({ kind: 'ended', reason: 'kicked', bannedUntilMs: 123 });
    session.dispose();
  });

  it('marks my chat message failed when the server refuses it (its clientId comes back as the ref)', () => {
    const { link, session, problems } = setUp();
    link.server({ type: 'room.state', state: listening() });
    session.sendChat('call me at 555 0100');
    const [chat] = link.sentOfType('room.chat');
    expect(session.getSnapshot().pending).toEqual([
      { clientId: chat?.clientId, text: 'call me at 555 0100', state: 'sending' },
    ]);
    link.server({ type: 'error', ref: chat?.clientId, code: 'CONTACT_INFO_PHONE', message: 'No phone numbers.' });
    expect(session.getSnapshot().pending[0]?.state).toBe('failed');
    expect(problems.map((problem) => problem.kind)).toEqual(['refused']);
    session.retryChat(chat?.clientId ?? '');
    expect(link.sentOfType('room.chat').map((event) => event.clientId)).toEqual([chat?.clientId, chat?.clientId]);
    session.dispose();
  });

  it('sends actions with the room, and tells when the socket is down', () => {
    const { link, session, problems } = setUp();
    link.server({ type: 'room.state', state: listening() });
    expect(session.act({ action: 'takeSeat', seat: 2 })).toBe(true);
    expect(link.sentOfType('room.action').at(-1)).toMatchObject({ roomId: ROOM_ID, action: 'takeSeat', seat: 2 });
    link.setStatus('reconnecting');
    expect(session.act({ action: 'raiseHand' })).toBe(false);
    expect(problems).toEqual([{ kind: 'offline' }]);
    session.dispose();
  });

  it('leaves the room when the page goes away, but not when the room already ended', () => {
    const { link, session } = setUp();
    link.server({ type: 'room.state', state: listening() });
    session.dispose();
    expect(link.sentOfType('room.leave')).toHaveLength(1);

    const ended = setUp();
    ended.link.server({ type: 'room.state', state: listening() });
    ended.link.server({ type: 'room.ended', roomId: ROOM_ID, reason: 'closed', bannedUntilMs: null });
    ended.session.dispose();
    expect(ended.link.sentOfType('room.leave')).toHaveLength(0);
  });
});
