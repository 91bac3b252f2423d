/**
 * 1:1 chat through the HTTP API and real WebSockets, on every database and bus under test:
 * conversations, gapless sequence numbers, acks and resends, receipts, typing, replay, recall,
 * delete for me, blocking, private media, presence and the gateway's handshake rules.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageView } from '@airtalk/contracts';
import { multipartBody } from '../../../test/fixtures/images.js';
import { busKinds, databaseKinds } from '../../../test/services.js';
import { connect, listen, openRaw, type SocketClient, isType } from '../../../test/sockets.js';
import { newAccount, startTestApp, type TestApp, type TestBrowser } from '../../../test/test-app.js';

interface Person {
  browser: TestBrowser;
  id: string;
}

let clientCounter = 0;
const clientId = () => `client-${Date.now().toString(36)}-${(clientCounter += 1)}`;

const combos = databaseKinds.flatMap((database) => busKinds.map((bus) => ({ database, bus })));

describe.each(combos)('chat on $database with the $bus bus', ({ database, bus }) => {
  let t: TestApp;
  let origin: string;
  const sockets: SocketClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ database, bus });
    origin = await listen(t);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await t.close();
  });

  async function person(nickname: string): Promise<Person> {
    const browser = t.browser();
    const me = (await browser.post('/api/v1/auth/register', newAccount({ nickname }))).json();
    return { browser, id: me.id as string };
  }

  async function socketOf(who: Person): Promise<SocketClient> {
    const socket = await connect(origin, who.browser);
    sockets.push(socket);
    return socket;
  }

  async function conversationBetween(a: Person, b: Person): Promise<string> {
    const response = await a.browser.post('/api/v1/conversations', { userId: b.id });
    expect([200, 201]).toContain(response.statusCode);
    return response.json().id as string;
  }

  async function sendText(socket: SocketClient, conversationId: string, text: string, id = clientId()) {
    const from = socket.events.length;
    socket.send({ type: 'send', clientId: id, conversationId, kind: 'text', text });
    const ack = await socket.next(
      isType('ack', (event) => event.clientId === id),
      5000,
      from,
    );
    return ack.message;
  }

  it('starts one conversation per pair, tells both sides, and numbers messages from 1 without gaps', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const annSocket = await socketOf(ann);
    const bobSocket = await socketOf(bob);
    const started = await ann.browser.post('/api/v1/conversations', { userId: bob.id });
    expect(started.statusCode).toBe(201);
    const conversationId = started.json().id as string;
    expect(started.json()).toMatchObject({ lastSeq: 1, peer: { userId: bob.id, nickname: 'Bob' }, canSend: true });
    const again = await bob.browser.post('/api/v1/conversations', { userId: ann.id });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(conversationId);
    await bobSocket.next(isType('conversation', (event) => event.conversation.id === conversationId));

    const first = await sendText(annSocket, conversationId, 'hello Bob');
    const second = await sendText(annSocket, conversationId, 'are you there?');
    expect([first.seq, second.seq]).toEqual([2, 3]);
    const atBob = await bobSocket.next(isType('message', (event) => event.message.id === second.id));
    expect(atBob.message).toMatchObject({ text: 'are you there?', senderId: ann.id, seq: 3 });
    // Two messages are unread; the notice that opened the conversation is nobody's news.
    expect((await bob.browser.get(`/api/v1/conversations/${conversationId}`)).json().unreadCount).toBe(2);
    const reply = await sendText(bobSocket, conversationId, 'yes!');
    expect(reply.seq).toBe(4);

    const history = (await ann.browser.get(`/api/v1/conversations/${conversationId}/messages`)).json();
    expect(history.messages.map((message: MessageView) => message.seq)).toEqual([1, 2, 3, 4]);
    expect(history.messages[0].system).toEqual({ event: 'conversation_started', messageId: null });
    expect(started.json().unreadCount).toBe(0);
    const list = (await bob.browser.get('/api/v1/conversations')).json();
    expect(list.conversations[0]).toMatchObject({ id: conversationId, lastMessage: { text: 'yes!' }, unreadCount: 0 });
  });

  it('answers a resend of the same client id with the original message, never a second one', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const conversationId = await conversationBetween(ann, bob);
    const socket = await socketOf(ann);
    const id = clientId();
    const original = await sendText(socket, conversationId, 'once', id);
    const resent = await sendText(socket, conversationId, 'once', id);
    expect(resent).toEqual(original);
    const viaHttp = await ann.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: id,
      kind: 'text',
      text: 'once',
    });
    expect(viaHttp.json()).toEqual(original);
    const history = (await ann.browser.get(`/api/v1/conversations/${conversationId}/messages`)).json();
    expect(history.messages.filter((message: MessageView) => message.clientId === id)).toHaveLength(1);
  });

  it('keeps one sender’s order when many sends race over the socket', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const conversationId = await conversationBetween(ann, bob);
    const socket = await socketOf(ann);
    const ids = Array.from({ length: 30 }, () => clientId());
    for (const [index, id] of ids.entries()) {
      socket.send({ type: 'send', clientId: id, conversationId, kind: 'text', text: `m${index}` });
    }
    const acks = await Promise.all(ids.map((id) => socket.next(isType('ack', (event) => event.clientId === id))));
    expect(acks.map((ack) => ack.message.seq)).toEqual(ids.map((_, index) => index + 2));
  });

  it('tells the sender when the message reached the other side and when it was read', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const conversationId = await conversationBetween(ann, bob);
    const annSocket = await socketOf(ann);
    const bobSocket = await socketOf(bob);
    const message = await sendText(annSocket, conversationId, 'did you get this?');
    bobSocket.send({ type: 'delivered', conversationId, seq: message.seq });
    await annSocket.next(isType('receipt', (event) => event.kind === 'delivered' && event.seq === message.seq));
    bobSocket.send({ type: 'read', conversationId, seq: message.seq });
    const read = await annSocket.next(isType('receipt', (event) => event.kind === 'read'));
    expect(read).toMatchObject({ conversationId, userId: bob.id, seq: message.seq });
    const annView = (await ann.browser.get(`/api/v1/conversations/${conversationId}`)).json();
    expect(annView).toMatchObject({ peerDeliveredSeq: message.seq, peerReadSeq: message.seq });
    expect((await bob.browser.get('/api/v1/conversations')).json().totalUnread).toBe(0);
  });

  it('forwards typing to the other person only', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const conversationId = await conversationBetween(ann, bob);
    const annSocket = await socketOf(ann);
    const bobSocket = await socketOf(bob);
    annSocket.send({ type: 'typing', conversationId, active: true });
    const typing = await bobSocket.next(isType('typing'));
    expect(typing).toEqual({ type: 'typing', conversationId, userId: ann.id, active: true });
  });

  it('replays what a client missed, from its last sequence number, with the count to expect', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const conversationId = await conversationBetween(ann, bob);
    const annSocket = await socketOf(ann);
    for (let index = 0; index < 5; index += 1) await sendText(annSocket, conversationId, `missed ${index}`);
    const bobSocket = await socketOf(bob);
    bobSocket.send({ type: 'sync', ref: 'r1', cursors: [{ conversationId, afterSeq: 2 }] });
    const synced = await bobSocket.next(isType('synced'));
    expect(synced).toMatchObject({ ref: 'r1', conversationId, lastSeq: 6, more: false });
    const replayed = bobSocket.events.filter(isType('message')).map((event) => event.message.seq);
    expect(replayed).toEqual([3, 4, 5, 6]);
  });

  it('recalls within two minutes with a numbered notice to both sides, and refuses later', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const conversationId = await conversationBetween(ann, bob);
    const annSocket = await socketOf(ann);
    const bobSocket = await socketOf(bob);
    const message = await sendText(annSocket, conversationId, 'oops');
    const byBob = await bob.browser.post(`/api/v1/conversations/${conversationId}/messages/${message.id}/recall`);
    expect(byBob.json().error.code).toBe('FORBIDDEN');
    const recalled = await ann.browser.post(`/api/v1/conversations/${conversationId}/messages/${message.id}/recall`);
    expect(recalled.statusCode).toBe(200);
    expect(recalled.json()).toMatchObject({ text: null, recalledAtMs: expect.any(Number) });
    const notice = await bobSocket.next(isType('message', (event) => event.message.system?.event === 'recalled'));
    expect(notice.message).toMatchObject({ seq: message.seq + 1, system: { messageId: message.id } });

    const late = await sendText(annSocket, conversationId, 'too late to take back');
    t.clock.advance(2 * 60 * 1000 + 1);
    const refused = await ann.browser.post(`/api/v1/conversations/${conversationId}/messages/${late.id}/recall`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('RECALL_TOO_LATE');
  });

  it('deletes a message for me only: it keeps its place for me, empty, and stays whole for the other', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const conversationId = await conversationBetween(ann, bob);
    const annSocket = await socketOf(ann);
    const message = await sendText(annSocket, conversationId, 'just for me to forget');
    expect(
      (await ann.browser.delete(`/api/v1/conversations/${conversationId}/messages/${message.id}`)).statusCode,
    ).toBe(204);
    const mine = (await ann.browser.get(`/api/v1/conversations/${conversationId}/messages`)).json();
    expect(mine.messages.at(-1)).toMatchObject({ seq: message.seq, deletedForMe: true, text: null });
    const theirs = (await bob.browser.get(`/api/v1/conversations/${conversationId}/messages`)).json();
    expect(theirs.messages.at(-1)).toMatchObject({
      seq: message.seq,
      deletedForMe: false,
      text: 'just for me to forget',
    });
  });

  it('refuses messages across a block, in both directions, and shows the composer closed', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const conversationId = await conversationBetween(ann, bob);
    const annSocket = await socketOf(ann);
    const bobSocket = await socketOf(bob);
    await bob.browser.post(`/api/v1/blocks/${ann.id}`);
    const id = clientId();
    annSocket.send({ type: 'send', clientId: id, conversationId, kind: 'text', text: 'hi?' });
    const refused = await annSocket.next(isType('error', (event) => event.ref === id));
    expect(refused.code).toBe('CANNOT_MESSAGE');
    const fromBob = clientId();
    bobSocket.send({ type: 'send', clientId: fromBob, conversationId, kind: 'text', text: 'bye' });
    expect((await bobSocket.next(isType('error', (event) => event.ref === fromBob))).code).toBe('CANNOT_MESSAGE');
    expect((await ann.browser.get(`/api/v1/conversations/${conversationId}`)).json().canSend).toBe(false);
    const cat = await person('Cat');
    await cat.browser.post(`/api/v1/blocks/${ann.id}`);
    const start = await ann.browser.post('/api/v1/conversations', { userId: cat.id });
    expect(start.statusCode).toBe(403);
    expect(start.json().error.code).toBe('CANNOT_MESSAGE');
  });

  it('lets an account younger than a week start 20 conversations a day, then asks it to wait', async () => {
    const newcomer = await person('Newcomer');
    const others = await Promise.all(Array.from({ length: 21 }, (_, index) => person(`Other ${index}`)));
    for (const other of others.slice(0, 20)) {
      expect((await newcomer.browser.post('/api/v1/conversations', { userId: other.id })).statusCode).toBe(201);
    }
    const refused = await newcomer.browser.post('/api/v1/conversations', { userId: others[20]!.id });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(refused.headers['retry-after']).toBeDefined();
    // Someone who writes first is answered: replying is not a first contact.
    const answered = await others[20]!.browser.post('/api/v1/conversations', { userId: newcomer.id });
    expect(answered.statusCode).toBe(201);
    expect((await newcomer.browser.post('/api/v1/conversations', { userId: others[20]!.id })).statusCode).toBe(200);
  });

  it('keeps conversations private: a stranger gets not found for the conversation, its messages and its media', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const eve = await person('Eve');
    const conversationId = await conversationBetween(ann, bob);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } })
      .png()
      .withExif({ IFD0: { Copyright: 'secret' } })
      .toBuffer();
    const { payload, headers } = multipartBody([
      { name: 'file', value: png, filename: 'photo.png', contentType: 'image/png' },
    ]);
    const upload = await ann.browser.request('POST', '/api/v1/chat/media', payload, headers);
    expect(upload.statusCode).toBe(201);
    const media = upload.json();
    expect(media).toMatchObject({ kind: 'image', width: 64, height: 48 });
    expect((await bob.browser.get(media.url as string)).statusCode).toBe(404);
    const sent = await ann.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: clientId(),
      kind: 'image',
      mediaId: media.id,
    });
    expect(sent.statusCode).toBe(201);
    const atBob = await bob.browser.get(media.url as string);
    expect(atBob.statusCode).toBe(200);
    expect(atBob.headers['content-type']).toBe('image/webp');
    expect((await sharp(atBob.rawPayload).metadata()).exif).toBeUndefined();
    const head = await bob.browser.get(media.url as string, { range: 'bytes=0-11' });
    expect(head.statusCode).toBe(206);
    expect(head.headers['content-range']).toBe(`bytes 0-11/${atBob.rawPayload.length}`);
    expect(head.rawPayload).toEqual(atBob.rawPayload.subarray(0, 12));
    expect((await eve.browser.get(media.url as string)).statusCode).toBe(404);
    expect((await eve.browser.get(`/api/v1/conversations/${conversationId}`)).statusCode).toBe(404);
    expect((await eve.browser.get(`/api/v1/conversations/${conversationId}/messages`)).statusCode).toBe(404);
    const twice = await ann.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: clientId(),
      kind: 'image',
      mediaId: media.id,
    });
    expect(twice.statusCode).toBe(422);
    expect(Object.keys(twice.json().error.fields)).toEqual(['mediaId']);

    const eveOwn = await conversationBetween(eve, bob);
    const eveSocket = await socketOf(eve);
    eveSocket.send({
      type: 'sync',
      ref: 'peek',
      cursors: [
        { conversationId, afterSeq: 0 },
        { conversationId: eveOwn, afterSeq: 0 },
      ],
    });
    const refused = await eveSocket.next(isType('error', (event) => event.ref === 'peek'));
    expect(refused.code).toBe('NOT_FOUND');
    expect(Object.keys(refused.fields ?? {})).toEqual(['cursors.0.conversationId']);
    await eveSocket.next(isType('synced', (event) => event.conversationId === eveOwn));
    const seen = eveSocket.events.filter(isType('message')).map((event) => event.message.conversationId);
    expect(new Set(seen)).toEqual(new Set([eveOwn]));
  });

  it('exports a person’s conversations and messages, and erasure empties what they sent while the other keeps theirs', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const conversationId = await conversationBetween(ann, bob);
    const annSocket = await socketOf(ann);
    const bobSocket = await socketOf(bob);
    await sendText(annSocket, conversationId, 'from Ann');
    await sendText(bobSocket, conversationId, 'from Bob');
    const { payload, headers } = multipartBody([
      { name: 'file', value: Buffer.from('OggS\0\x02\0\0\0\0\0\0\0\0 voice'), filename: 'v.ogg' },
      { name: 'durationMs', value: '1500' },
    ]);
    const withoutConsent = await ann.browser.request('POST', '/api/v1/chat/media', payload, headers);
    expect(withoutConsent.statusCode).toBe(403);
    expect(withoutConsent.json().error.code).toBe('CONSENT_REQUIRED');
    await ann.browser.put('/api/v1/me/consents/microphone', { granted: true });
    const voice = (await ann.browser.request('POST', '/api/v1/chat/media', payload, headers)).json();
    expect(voice).toMatchObject({ kind: 'voice', durationMs: 1500 });
    const voiceMessage = await ann.browser.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: clientId(),
      kind: 'voice',
      mediaId: voice.id,
    });
    expect(voiceMessage.statusCode).toBe(201);

    const exported = await t.app.privacy.exportUser(t.database.db, ann.id);
    expect(exported.conversation_members).toEqual([expect.objectContaining({ id: conversationId, peer_id: bob.id })]);
    expect((exported.chat_messages as { text: string | null }[]).map((row) => row.text)).toEqual(
      expect.arrayContaining(['from Ann', 'from Bob']),
    );
    expect(exported.chat_media).toEqual([expect.objectContaining({ id: voice.id, kind: 'voice' })]);

    await t.app.privacy.eraseUser(t.database.db, ann.id);
    const history = (await bob.browser.get(`/api/v1/conversations/${conversationId}/messages`)).json();
    const texts = history.messages.map((message: MessageView) => message.text);
    expect(texts).toContain('from Bob');
    expect(texts).not.toContain('from Ann');
    expect(history.messages.map((message: MessageView) => message.seq)).toEqual([1, 2, 3, 4]);
    const annsFormer = history.messages.filter((message: MessageView) => message.system?.event === 'account_erased');
    expect(annsFormer).toHaveLength(3);
    expect(annsFormer.every((message: MessageView) => message.senderId === null && message.media === null)).toBe(true);
    const view = (await bob.browser.get(`/api/v1/conversations/${conversationId}`)).json();
    expect(view).toMatchObject({ canSend: false, peer: { userId: null } });
    expect((await bob.browser.get(voice.url as string)).statusCode).toBe(404);
    const after = await t.app.privacy.exportUser(t.database.db, ann.id);
    expect(Object.values(after).every((rows) => rows.length === 0)).toBe(true);
    // Not even the pair key that named both people keeps Ann's id.
    const kept = await t.database.db
      .selectFrom('conversations')
      .select('pair_key')
      .where('id', '=', conversationId)
      .execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]?.pair_key).not.toContain(ann.id);
  });

  it('removes uploads that were never sent after a day', async () => {
    const ann = await person('Ann');
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const { payload, headers } = multipartBody([{ name: 'file', value: png, filename: 'a.png' }]);
    const media = (await ann.browser.request('POST', '/api/v1/chat/media', payload, headers)).json();
    expect((await ann.browser.get(media.url as string)).statusCode).toBe(200);
    const nowMs = t.clock.nowMs();
    t.clock.advance(25 * 60 * 60 * 1000);
    try {
      expect(await t.app.services.chat.deleteUnsentMedia()).toBeGreaterThanOrEqual(1);
    } finally {
      // Presence and sessions of the other tests live on this clock.
      t.clock.set(nowMs);
    }
    expect((await ann.browser.get(media.url as string)).statusCode).toBe(404);
  });

  it('shows presence to the people one chats with: online while connected, then offline with a last-seen time', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const eve = await person('Eve');
    await conversationBetween(ann, bob);
    const eveSocket = await socketOf(eve);
    eveSocket.send({ type: 'watchPresence', userIds: [bob.id] });
    eveSocket.send({ type: 'ping', ref: 'after-watch' });
    await eveSocket.next(isType('pong'));
    const annSocket = await socketOf(ann);
    annSocket.send({ type: 'watchPresence', userIds: [bob.id] });
    const before = await annSocket.next(isType('presence', (event) => event.userId === bob.id));
    expect(before.online).toBe(false);
    const bobSocket = await socketOf(bob);
    await annSocket.next(isType('presence', (event) => event.userId === bob.id && event.online));
    const beforeClose = annSocket.events.length;
    bobSocket.close();
    const gone = await annSocket.next(
      isType('presence', (event) => event.userId === bob.id && !event.online),
      5000,
      beforeClose,
    );
    expect(gone.lastSeenAtMs).toEqual(expect.any(Number));
    expect(eveSocket.events.filter(isType('presence'))).toEqual([]);
  });

  it('refuses a handshake from another origin or without a session, and closes sockets of a revoked session', async () => {
    const ann = await person('Ann');
    await expect(openRaw(origin, ann.browser, { origin: 'https://evil.example' })).rejects.toThrow('403');
    // The page's own host is its origin too (the server reached at 127.0.0.1 instead of localhost).
    (await openRaw(origin, ann.browser, { origin })).close();
    await expect(openRaw(origin, ann.browser, { anonymous: true })).rejects.toThrow('401');
    const socket = await socketOf(ann);
    await ann.browser.post('/api/v1/auth/logout');
    expect(await socket.closed()).toBe(4001);
  });

  it('answers malformed, unknown and invalid events with error events, and oversized frames with 1009', async () => {
    const ann = await person('Ann');
    const socket = await socketOf(ann);
    socket.send('not json');
    expect((await socket.next(isType('error'))).code).toBe('MALFORMED_FRAME');
    socket.send({ type: 'teleport', ref: 'x1' });
    expect((await socket.next(isType('error', (event) => event.ref === 'x1'))).code).toBe('UNKNOWN_EVENT');
    socket.send({ type: 'send', ref: 'x2', clientId: 'short', conversationId: 'nope', kind: 'text', text: '' });
    const invalid = await socket.next(isType('error', (event) => event.ref === 'short'));
    expect(invalid.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(invalid.fields ?? {})).toEqual(expect.arrayContaining(['clientId', 'conversationId']));
    socket.send({ type: 'ping', ref: 'still-alive' });
    await socket.next(isType('pong', (event) => event.ref === 'still-alive'));
    socket.send('x'.repeat(70 * 1024));
    expect(await socket.closed()).toBe(1009);
    const metrics = (await ann.browser.get('/metrics')).body;
    expect(metrics).toMatch(/ws_errors_total\{code="MALFORMED_FRAME"\} [1-9]/);
    expect(metrics).toMatch(/ws_events_total\{type="ping"\} [1-9]/);
    expect(metrics).toMatch(/ws_connections \d+/);
  });
});
