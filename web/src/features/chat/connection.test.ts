import { closeCodes, PROTOCOL_VERSION, type MessageView, type ServerEvent } from '@airtalk/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOMATIC_RESENDS_MAX,
  ChatConnection,
  DELIVERED_DEBOUNCE_MS,
  PING_INTERVAL_MS,
  PONG_TIMEOUT_MS,
  SYNC_BATCH_CONVERSATIONS,
  type ConnectionNotice,
  type SocketLike,
} from './connection';
import { SEND_TIMEOUT_MS, type OutboxEntry } from './outbox';

const ME = '00000000-0000-4000-8000-000000000001';
const PEER = '00000000-0000-4000-8000-000000000002';
const C1 = '10000000-0000-4000-8000-000000000001';
const C2 = '10000000-0000-4000-8000-000000000002';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number): void {
    this.closedWith = code ?? 1000;
    this.readyState = 3;
  }

  /** The server side: the socket opens and the gateway says it is ready. */
  open(): void {
    this.readyState = 1;
    this.serverSends({
      type: 'ready',
      protocol: PROTOCOL_VERSION,
      userId: ME,
      heartbeatIntervalMs: 25_000,
      maxFrameBytes: 65_536,
    });
  }

  serverSends(event: ServerEvent): void {
    this.onmessage?.({ data: JSON.stringify(event) } as MessageEvent);
  }

  serverCloses(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }

  sentOfType(type: string): Record<string, unknown>[] {
    return this.sent.filter((event) => event.type === type);
  }
}

function message(conversationId: string, seq: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    id: `20000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    conversationId,
    seq,
    senderId: PEER,
    clientId: null,
    kind: 'text',
    text: `message ${seq}`,
    media: null,
    system: null,
    sentAtMs: 1_700_000_000_000 + seq,
    recalledAtMs: null,
    deletedForMe: false,
    ...overrides,
  };
}

function setUp(sendOverHttp: (entry: OutboxEntry) => Promise<MessageView> = () => new Promise(() => undefined)) {
  const sockets: FakeSocket[] = [];
  const notices: ConnectionNotice[] = [];
  const connection = new ChatConnection({
    openSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    listener: (notice) => notices.push(notice),
    sendOverHttp,
    random: () => 1,
  });
  const socket = () => {
    const last = sockets.at(-1);
    if (!last) throw new Error('no socket yet');
    return last;
  };
  const released = () =>
    notices.flatMap((notice) =>
      notice.type === 'messages' ? notice.messages.map((m) => [m.conversationId, m.seq]) : [],
    );
  const outbox = () => {
    const last = notices.filter((notice) => notice.type === 'outbox').at(-1);
    return last?.type === 'outbox' ? last.entries : [];
  };
  return { connection, sockets, socket, notices, released, outbox };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ChatConnection: the sequencer', () => {
  it('syncs every tracked conversation from its cursor once the gateway is ready', () => {
    const { connection, socket } = setUp();
    connection.track(C1, 4);
    connection.track(C2, 0);
    connection.start();
    expect(socket().sent).toEqual([]);
    socket().open();
    expect(socket().sentOfType('sync')).toEqual([
      {
        type: 'sync',
        ref: expect.any(String),
        cursors: [
          { conversationId: C1, afterSeq: 4 },
          { conversationId: C2, afterSeq: 0 },
        ],
      },
    ]);
  });

  it('releases each message once, in order, and asks for a replay when one is missing', () => {
    const { connection, socket, released } = setUp();
    connection.track(C1, 2);
    connection.start();
    socket().open();
    const [first] = socket().sentOfType('sync');
    socket().serverSends({ type: 'synced', ref: first?.ref as string, conversationId: C1, lastSeq: 2, more: false });
    socket().sent = [];

    socket().serverSends({ type: 'message', message: message(C1, 3) });
    socket().serverSends({ type: 'message', message: message(C1, 3) });
    socket().serverSends({ type: 'message', message: message(C1, 5) });
    expect(released()).toEqual([[C1, 3]]);
    const [sync] = socket().sentOfType('sync');
    expect(sync?.cursors).toEqual([{ conversationId: C1, afterSeq: 3 }]);

    // Another message behind the same gap does not ask again while the replay is on its way.
    socket().serverSends({ type: 'message', message: message(C1, 6) });
    expect(socket().sentOfType('sync')).toHaveLength(1);

    socket().serverSends({ type: 'message', message: message(C1, 4) });
    socket().serverSends({ type: 'message', message: message(C1, 5) });
    socket().serverSends({ type: 'synced', ref: sync?.ref as string, conversationId: C1, lastSeq: 6, more: false });
    expect(released()).toEqual([
      [C1, 3],
      [C1, 4],
      [C1, 5],
      [C1, 6],
    ]);
    expect(socket().sentOfType('sync')).toHaveLength(1);
  });

  it('waits for a replay on its way before asking again', () => {
    const { connection, socket, released } = setUp();
    connection.track(C1, 0);
    connection.start();
    socket().open();
    socket().serverSends({ type: 'message', message: message(C1, 2) });
    expect(socket().sentOfType('sync')).toHaveLength(1);
    socket().serverSends({ type: 'synced', conversationId: C1, lastSeq: 2, more: false });
    expect(socket().sentOfType('sync').at(-1)?.cursors).toEqual([{ conversationId: C1, afterSeq: 0 }]);
    expect(socket().sentOfType('sync')).toHaveLength(2);
    expect(released()).toEqual([]);
  });

  it('asks for a few conversations at a time, the next after their replies', () => {
    const { connection, socket } = setUp();
    const ids = Array.from(
      { length: SYNC_BATCH_CONVERSATIONS + 3 },
      (_, index) => `10000000-0000-4000-8000-${String(index + 10).padStart(12, '0')}`,
    );
    for (const id of ids) connection.track(id, 5);
    connection.start();
    socket().open();
    const [first] = socket().sentOfType('sync');
    const firstBatch = (first?.cursors as { conversationId: string }[]).map((cursor) => cursor.conversationId);
    expect(firstBatch).toEqual(ids.slice(0, SYNC_BATCH_CONVERSATIONS));
    // One cursor refused, the rest replayed: the next batch follows the last reply.
    socket().serverSends({
      type: 'error',
      ref: first?.ref as string,
      code: 'NOT_FOUND',
      message: 'This conversation was not found.',
      fields: { 'cursors.0.conversationId': 'This conversation was not found.' },
    });
    for (const id of firstBatch.slice(1, -1)) {
      socket().serverSends({ type: 'synced', ref: first?.ref as string, conversationId: id, lastSeq: 5, more: false });
    }
    expect(socket().sentOfType('sync')).toHaveLength(1);
    socket().serverSends({
      type: 'synced',
      ref: first?.ref as string,
      conversationId: firstBatch.at(-1) as string,
      lastSeq: 5,
      more: false,
    });
    const second = socket().sentOfType('sync')[1];
    expect((second?.cursors as { conversationId: string }[]).map((cursor) => cursor.conversationId)).toEqual(
      ids.slice(SYNC_BATCH_CONVERSATIONS),
    );
  });

  it('keeps asking while the replay says there is more', () => {
    const { connection, socket } = setUp();
    connection.track(C1, 0);
    connection.start();
    socket().open();
    socket().serverSends({ type: 'message', message: message(C1, 1) });
    socket().serverSends({ type: 'synced', conversationId: C1, lastSeq: 400, more: true });
    expect(socket().sentOfType('sync').at(-1)?.cursors).toEqual([{ conversationId: C1, afterSeq: 1 }]);
  });

  it('follows a conversation it has never seen from its first message that arrives', () => {
    const { connection, socket, released } = setUp();
    connection.start();
    socket().open();
    socket().serverSends({ type: 'message', message: message(C2, 41) });
    expect(released()).toEqual([[C2, 41]]);
    expect(connection.lastSeq(C2)).toBe(41);
    expect(
      socket()
        .sentOfType('sync')
        .every((event) => (event.cursors as unknown[]).length === 0),
    ).toBe(true);
  });

  it('moves a cursor forward only', () => {
    const { connection } = setUp();
    connection.track(C1, 9);
    connection.track(C1, 3);
    expect(connection.lastSeq(C1)).toBe(9);
    connection.track(C1, 12);
    expect(connection.lastSeq(C1)).toBe(12);
  });

  it('replays from the cursor after a reconnect, so nothing sent meanwhile is lost or doubled', () => {
    const { connection, socket, released } = setUp();
    connection.track(C1, 0);
    connection.start();
    socket().open();
    socket().serverSends({ type: 'message', message: message(C1, 1) });
    socket().serverCloses(1006);
    vi.advanceTimersByTime(500);
    socket().open();
    expect(socket().sentOfType('sync').at(-1)?.cursors).toEqual([{ conversationId: C1, afterSeq: 1 }]);
    for (const seq of [1, 2, 3, 4, 5, 6]) socket().serverSends({ type: 'message', message: message(C1, seq) });
    expect(released().map(([, seq]) => seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('ChatConnection: staying connected', () => {
  it('reconnects with growing waits, and says whether each attempt got as far as ready', () => {
    const { connection, sockets, socket, notices } = setUp();
    connection.start();
    socket().serverCloses(1006);
    expect(connection.status).toBe('reconnecting');
    expect(notices.some((notice) => notice.type === 'attemptFailed')).toBe(true);
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    socket().serverCloses(1006);
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    socket().open();
    expect(connection.status).toBe('open');
    expect(notices.filter((notice) => notice.type === 'ready')).toEqual([{ type: 'ready', resumed: false }]);
    // A good connection starts the waits over.
    socket().serverCloses(closeCodes.goingAway);
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(4);
    socket().open();
    expect(notices.filter((notice) => notice.type === 'ready').at(-1)).toEqual({ type: 'ready', resumed: true });
  });

  it('stops for good when the session ended', () => {
    const { connection, sockets, socket, notices } = setUp();
    connection.start();
    socket().open();
    socket().serverCloses(closeCodes.sessionEnded);
    expect(connection.status).toBe('ended');
    expect(notices.some((notice) => notice.type === 'sessionEnded')).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('pings, and treats a ping without an answer as a dead connection', () => {
    const { connection, sockets, socket } = setUp();
    connection.start();
    socket().open();
    vi.advanceTimersByTime(PING_INTERVAL_MS);
    expect(socket().sentOfType('ping')).toHaveLength(1);
    socket().serverSends({ type: 'pong' });
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(connection.status).toBe('open');

    vi.advanceTimersByTime(PING_INTERVAL_MS - PONG_TIMEOUT_MS);
    expect(socket().sentOfType('ping')).toHaveLength(2);
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(connection.status).toBe('reconnecting');
    expect(sockets[0]?.closedWith).toBe(4000);
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
  });

  it('gives up on a socket that opens but never says it is ready', () => {
    const { connection, socket } = setUp();
    connection.start();
    socket().readyState = 1;
    vi.advanceTimersByTime(PONG_TIMEOUT_MS);
    expect(connection.status).toBe('reconnecting');
  });

  it('tries at once when the browser is back online, and drops the socket when it goes offline', () => {
    const { connection, sockets, socket } = setUp();
    connection.start();
    socket().open();
    connection.networkLost();
    expect(connection.status).toBe('reconnecting');
    socket().serverCloses(1006);
    vi.advanceTimersByTime(500);
    socket().serverCloses(1006);
    expect(sockets).toHaveLength(2);
    connection.reconnectNow();
    expect(sockets).toHaveLength(3);
    expect(connection.status).toBe('connecting');
  });

  it('sends delivery receipts once per burst, for the newest message', () => {
    const { connection, socket } = setUp();
    connection.start();
    socket().open();
    connection.markDelivered(C1, 3);
    connection.markDelivered(C1, 5);
    connection.markDelivered(C1, 4);
    connection.markDelivered(C2, 1);
    expect(socket().sentOfType('delivered')).toEqual([]);
    vi.advanceTimersByTime(DELIVERED_DEBOUNCE_MS);
    expect(socket().sentOfType('delivered')).toEqual([
      { type: 'delivered', conversationId: C1, seq: 5 },
      { type: 'delivered', conversationId: C2, seq: 1 },
    ]);
  });

  it('watches presence again on a new connection', () => {
    const { connection, socket } = setUp();
    connection.watchPresence([PEER]);
    connection.start();
    socket().open();
    expect(socket().sentOfType('watchPresence')).toEqual([{ type: 'watchPresence', userIds: [PEER] }]);
    connection.watchPresence([PEER]);
    expect(socket().sentOfType('watchPresence')).toHaveLength(1);
  });
});

describe('ChatConnection: the outbox', () => {
  const hello = { kind: 'text' as const, text: 'hello' };

  it('keeps a message pending until the server stores it', () => {
    const { connection, socket, outbox, notices } = setUp();
    connection.start();
    socket().open();
    connection.queue({ clientId: 'client-0001', conversationId: C1, content: hello });
    expect(socket().sentOfType('send')).toEqual([
      { type: 'send', clientId: 'client-0001', conversationId: C1, kind: 'text', text: 'hello' },
    ]);
    expect(outbox().map((entry) => entry.state)).toEqual(['pending']);
    const stored = message(C1, 1, { senderId: ME, clientId: 'client-0001', text: 'hello' });
    socket().serverSends({ type: 'ack', clientId: 'client-0001', message: stored });
    expect(outbox()).toEqual([]);
    expect(notices).toContainEqual({ type: 'ack', clientId: 'client-0001', message: stored });
  });

  it('sends what was written offline once connected, and again with the same client id after a reconnect', () => {
    const { connection, socket } = setUp();
    connection.start();
    connection.queue({ clientId: 'client-0002', conversationId: C1, content: hello });
    expect(socket().sent).toEqual([]);
    socket().open();
    expect(
      socket()
        .sentOfType('send')
        .map((event) => event.clientId),
    ).toEqual(['client-0002']);
    socket().serverCloses(1006);
    vi.advanceTimersByTime(500);
    socket().open();
    expect(
      socket()
        .sentOfType('send')
        .map((event) => event.clientId),
    ).toEqual(['client-0002']);
  });

  it('fails on the server’s refusal, and a retry sends the same client id', () => {
    const { connection, socket, outbox, notices } = setUp();
    connection.start();
    socket().open();
    connection.queue({ clientId: 'client-0003', conversationId: C1, content: hello });
    socket().serverSends({
      type: 'error',
      ref: 'client-0003',
      code: 'CANNOT_MESSAGE',
      message: 'You cannot send messages in this conversation.',
    });
    const [failed] = outbox();
    expect(failed?.state).toBe('failed');
    expect(failed?.error?.code).toBe('CANNOT_MESSAGE');
    expect(notices.some((notice) => notice.type === 'sendFailed')).toBe(true);

    connection.retry('client-0003');
    expect(outbox()[0]?.state).toBe('pending');
    expect(
      socket()
        .sentOfType('send')
        .map((event) => event.clientId),
    ).toEqual(['client-0003', 'client-0003']);
  });

  it('sends again by itself, with the same client id, once a rate limit has passed', () => {
    const { connection, socket, outbox } = setUp();
    connection.start();
    socket().open();
    connection.queue({ clientId: 'client-0008', conversationId: C1, content: hello });
    socket().serverSends({
      type: 'error',
      ref: 'client-0008',
      code: 'RATE_LIMITED',
      message: 'slow down',
      retryAfterMs: 1500,
    });
    expect(outbox()[0]?.state).toBe('pending');
    vi.advanceTimersByTime(1499);
    expect(socket().sentOfType('send')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(
      socket()
        .sentOfType('send')
        .map((event) => event.clientId),
    ).toEqual(['client-0008', 'client-0008']);
  });

  it('tries again after a server fault, and shows the message failed when the fault persists', () => {
    const { connection, socket, outbox } = setUp();
    connection.start();
    socket().open();
    connection.queue({ clientId: 'client-0009', conversationId: C1, content: hello });
    for (let attempt = 0; attempt < AUTOMATIC_RESENDS_MAX; attempt += 1) {
      socket().serverSends({ type: 'error', ref: 'client-0009', code: 'INTERNAL', message: 'Try again.' });
      expect(outbox()[0]?.state).toBe('pending');
      vi.advanceTimersByTime(1000);
    }
    expect(socket().sentOfType('send')).toHaveLength(AUTOMATIC_RESENDS_MAX + 1);
    socket().serverSends({ type: 'error', ref: 'client-0009', code: 'INTERNAL', message: 'Try again.' });
    expect(outbox()[0]).toMatchObject({ state: 'failed', error: { code: 'INTERNAL' } });
  });

  it('fails a message after waiting too long without a connection', () => {
    const { connection, socket, outbox } = setUp();
    connection.start();
    socket().open();
    socket().serverCloses(1006);
    connection.queue({ clientId: 'client-0004', conversationId: C1, content: hello });
    // Every reconnect attempt fails.
    for (let elapsedMs = 0; elapsedMs < SEND_TIMEOUT_MS - 100; elapsedMs += 100) {
      vi.advanceTimersByTime(100);
      if (connection.status === 'connecting') socket().serverCloses(1006);
    }
    expect(outbox()[0]?.state).toBe('pending');
    vi.advanceTimersByTime(100);
    expect(outbox()[0]?.state).toBe('failed');
    expect(outbox()[0]?.error?.code).toBe('NETWORK_FAILED');
  });

  it('retries over HTTP while the socket is down, with the same client id', async () => {
    const stored = message(C1, 7, { senderId: ME, clientId: 'client-0005', text: 'hello' });
    const sendOverHttp = vi.fn((_entry: OutboxEntry) => Promise.resolve(stored));
    const { connection, socket, outbox, released } = setUp(sendOverHttp);
    connection.track(C1, 6);
    connection.start();
    socket().serverCloses(1006);
    connection.queue({ clientId: 'client-0005', conversationId: C1, content: hello });
    vi.advanceTimersByTime(SEND_TIMEOUT_MS);
    expect(outbox()[0]?.state).toBe('failed');
    connection.retry('client-0005');
    expect(sendOverHttp.mock.calls[0]?.[0].clientId).toBe('client-0005');
    await vi.waitFor(() => {
      expect(outbox()).toEqual([]);
    });
    expect(released()).toEqual([[C1, 7]]);
  });

  it('takes a pending message out when its stored copy comes back in a replay', () => {
    const { connection, socket, outbox } = setUp();
    connection.track(C1, 0);
    connection.start();
    socket().open();
    connection.queue({ clientId: 'client-0006', conversationId: C1, content: hello });
    socket().serverCloses(1006);
    vi.advanceTimersByTime(500);
    socket().open();
    socket().serverSends({
      type: 'message',
      message: message(C1, 1, { senderId: ME, clientId: 'client-0006', text: 'hello' }),
    });
    expect(outbox()).toEqual([]);
  });

  it('sends media only once its upload finished', () => {
    const { connection, socket, outbox } = setUp();
    connection.start();
    socket().open();
    connection.queue({
      clientId: 'client-0007',
      conversationId: C1,
      content: {
        kind: 'media',
        media: {
          kind: 'voice',
          blob: new Blob(['x']),
          previewUrl: 'blob:x',
          width: null,
          height: null,
          durationMs: 3000,
          mediaId: null,
        },
      },
    });
    expect(socket().sentOfType('send')).toEqual([]);
    connection.uploadProgress('client-0007', 50);
    expect(outbox()[0]?.uploadPercent).toBe(50);
    connection.uploaded('client-0007', '30000000-0000-4000-8000-000000000001');
    expect(socket().sentOfType('send')).toEqual([
      {
        type: 'send',
        clientId: 'client-0007',
        conversationId: C1,
        kind: 'voice',
        mediaId: '30000000-0000-4000-8000-000000000001',
      },
    ]);
  });
});

describe('ChatConnection: live rooms on the same socket', () => {
  const ROOM = '30000000-0000-4000-8000-000000000001';

  it('sends room events only while ready, and passes room events and their errors through', () => {
    const { connection, socket, notices } = setUp();
    connection.start();
    expect(connection.sendRoomEvent({ type: 'room.join', ref: 'room-1', roomId: ROOM })).toBe(false);
    socket().open();
    expect(connection.sendRoomEvent({ type: 'room.join', ref: 'room-1', roomId: ROOM })).toBe(true);
    expect(socket().sentOfType('room.join')).toEqual([{ type: 'room.join', ref: 'room-1', roomId: ROOM }]);

    socket().serverSends({ type: 'room.speaking', roomId: ROOM, levels: [{ userId: PEER, level: 0.5 }] });
    socket().serverSends({ type: 'error', ref: 'room-1', code: 'ROOM_PASSWORD_REQUIRED', message: 'Password.' });
    // An error for someone else's ref (a sync, say) is not the room's.
    socket().serverSends({ type: 'error', ref: 'other', code: 'NOT_FOUND', message: 'No.' });
    const rooms = notices.flatMap((notice) => (notice.type === 'room' ? [notice.event.type] : []));
    expect(rooms).toEqual(['room.speaking', 'error']);
  });
});
