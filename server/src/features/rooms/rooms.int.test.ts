/**
 * Live audio rooms through the API and real sockets, on every database and bus under test:
 * creating and finding rooms, entering (password, bans, blocks), seats and hands, moderation,
 * the room chat across blocks, the grace period of a dropped member, and closing.
 */
import type { RoomStateView, ServerEventOf } from '@airtalk/contracts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasGpsLatitude, jpegWithGps, multipartBody } from '../../../test/fixtures/images.js';
import { busKinds, databaseKinds } from '../../../test/services.js';
import { connect, listen, type SocketClient, isType } from '../../../test/sockets.js';
import { newAccount, startTestApp, type TestApp, type TestBrowser } from '../../../test/test-app.js';

interface Person {
  browser: TestBrowser;
  id: string;
  socket: SocketClient;
}

const combos = databaseKinds.flatMap((database) => busKinds.map((bus) => ({ database, bus })));

describe.each(combos)('rooms on $database with the $bus bus', ({ database, bus }) => {
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
    const socket = await connect(origin, browser);
    sockets.push(socket);
    return { browser, id: me.id as string, socket };
  }

  async function createRoom(owner: Person, body: Record<string, unknown> = {}): Promise<string> {
    const response = await owner.browser.post('/api/v1/rooms', { title: 'Evening talk', language: 'en', ...body });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  }

  /** Sends an event and waits for the next state snapshot, or the error it caused. */
  async function act(who: Person, event: Record<string, unknown>): Promise<RoomStateView> {
    const from = who.socket.events.length;
    const ref = `r${Math.random().toString(36).slice(2, 10)}`;
    who.socket.send({ ...event, ref });
    const answer = await who.socket.next(
      (each) => (each.type === 'room.state' || each.type === 'error') && each.ref === ref,
      5000,
      from,
    );
    if (answer.type === 'error') throw new Error(`${answer.code}: ${answer.message}`);
    return (answer as ServerEventOf<'room.state'>).state;
  }

  async function enter(who: Person, roomId: string, password?: string): Promise<RoomStateView> {
    return act(who, { type: 'room.join', roomId, ...(password ? { password } : {}) });
  }

  const memberOf = (state: RoomStateView, userId: string) => state.members.find((member) => member.userId === userId);

  it('creates a room with the host on the first seat, lists it, and lets people in', async () => {
    const host = await person('Host');
    const listener = await person('Listener');
    const roomId = await createRoom(host, { tags: ['music'], seatCount: 4 });
    const listed = (await listener.browser.get('/api/v1/rooms?sort=new')).json();
    expect(listed.rooms.map((room: { id: string }) => room.id)).toContain(roomId);
    const byTag = (await listener.browser.get('/api/v1/rooms?tag=Music&language=en')).json();
    expect(byTag.rooms.map((room: { id: string }) => room.id)).toContain(roomId);

    const hostState = await enter(host, roomId);
    expect(hostState.seats).toHaveLength(4);
    expect(hostState.seats[0]?.userId).toBe(host.id);
    expect(memberOf(hostState, host.id)).toMatchObject({ role: 'owner', seat: 0, mic: 'on', connected: true });
    const state = await enter(listener, roomId);
    expect(memberOf(state, listener.id)).toMatchObject({ role: 'member', seat: null });
    expect(state.room.listenerCount).toBe(1);
    await host.socket.next(isType('room.state', (event) => event.state.version >= state.version));
  });

  it('lets only the owner set a cover, re-encoded without the camera’s location', async () => {
    const host = await person('Host');
    const guest = await person('Guest');
    const roomId = await createRoom(host);
    const upload = (who: Person, bytes: Buffer) => {
      const { payload, headers } = multipartBody([
        { name: 'cover', value: bytes, filename: 'cover.jpg', contentType: 'image/jpeg' },
      ]);
      return who.browser.request('POST', `/api/v1/rooms/${roomId}/cover`, payload, headers);
    };
    const photo = await jpegWithGps();
    expect(hasGpsLatitude((await sharp(photo).metadata()).exif)).toBe(true);
    expect((await upload(guest, photo)).statusCode).toBe(403);
    const response = await upload(host, photo);
    expect(response.statusCode).toBe(200);
    const coverUrl = response.json().coverUrl as string;
    expect(coverUrl).toMatch(/^\/media\//);
    const served = await guest.browser.get(coverUrl);
    expect(served.statusCode).toBe(200);
    expect(hasGpsLatitude((await sharp(served.rawPayload).metadata()).exif)).toBe(false);
    const listed = (await guest.browser.get('/api/v1/rooms?sort=new')).json();
    expect(listed.rooms.find((room: { id: string }) => room.id === roomId).coverUrl).toBe(coverUrl);
  });

  it('refuses contact details in the title and keeps a protected room to those with its password', async () => {
    const host = await person('Host');
    const refused = await host.browser.post('/api/v1/rooms', { title: 'add me 微信 abc12345', language: 'zh' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('CONTACT_INFO_WECHAT');
    const roomId = await createRoom(host, { password: 'open sesame' });
    const guest = await person('Guest');
    await expect(enter(guest, roomId)).rejects.toThrow('ROOM_PASSWORD_REQUIRED');
    await expect(enter(guest, roomId, 'wrong one')).rejects.toThrow('ROOM_PASSWORD_REQUIRED');
    expect(memberOf(await enter(guest, roomId, 'open sesame'), guest.id)).toBeDefined();
  });

  it('seats people: free seats, a raised hand invited by the host, locked seats, and a taken seat refused', async () => {
    const host = await person('Host');
    const ann = await person('Ann');
    const bob = await person('Bob');
    const roomId = await createRoom(host, { freeSeating: false, seatCount: 3 });
    await enter(host, roomId);
    await enter(ann, roomId);
    await enter(bob, roomId);
    await expect(act(ann, { type: 'room.action', roomId, action: 'takeSeat' })).rejects.toThrow('FORBIDDEN');
    let state = await act(ann, { type: 'room.action', roomId, action: 'raiseHand' });
    expect(state.handQueue).toEqual([ann.id]);
    await expect(
      act(bob, { type: 'room.action', roomId, action: 'inviteToSeat', targetUserId: ann.id }),
    ).rejects.toThrow('FORBIDDEN');
    state = await act(host, { type: 'room.action', roomId, action: 'inviteToSeat', targetUserId: ann.id, seat: 1 });
    expect(memberOf(state, ann.id)).toMatchObject({ seat: 1, mic: 'on', handRaisedAtMs: null });
    expect(state.handQueue).toEqual([]);
    state = await act(host, { type: 'room.action', roomId, action: 'lockSeat', seat: 2 });
    expect(state.seats[2]?.locked).toBe(true);
    await expect(
      act(host, { type: 'room.action', roomId, action: 'moveToSeat', targetUserId: bob.id, seat: 2 }),
    ).rejects.toThrow('SEAT_LOCKED');
    await expect(
      act(host, { type: 'room.action', roomId, action: 'moveToSeat', targetUserId: bob.id, seat: 1 }),
    ).rejects.toThrow('SEAT_TAKEN');
    await expect(act(ann, { type: 'room.action', roomId, action: 'muteOther', targetUserId: host.id })).rejects.toThrow(
      'FORBIDDEN',
    );
  });

  it('lets a speaker mute and unmute, until an admin locks the mic', async () => {
    const host = await person('Host');
    const ann = await person('Ann');
    const roomId = await createRoom(host);
    await enter(host, roomId);
    await enter(ann, roomId);
    await act(ann, { type: 'room.action', roomId, action: 'takeSeat' });
    let state = await act(ann, { type: 'room.action', roomId, action: 'mute' });
    expect(memberOf(state, ann.id)?.mic).toBe('muted');
    state = await act(host, { type: 'room.action', roomId, action: 'lockMic', targetUserId: ann.id });
    expect(memberOf(state, ann.id)?.mic).toBe('locked');
    await expect(act(ann, { type: 'room.action', roomId, action: 'unmute' })).rejects.toThrow('FORBIDDEN');
    await act(host, { type: 'room.action', roomId, action: 'unlockMic', targetUserId: ann.id });
    state = await act(ann, { type: 'room.action', roomId, action: 'unmute' });
    expect(memberOf(state, ann.id)?.mic).toBe('on');
  });

  it('kicks with a temporary ban: the kicked cannot come back until it ends', async () => {
    const host = await person('Host');
    const troll = await person('Troll');
    const roomId = await createRoom(host);
    await enter(host, roomId);
    await enter(troll, roomId);
    await act(host, { type: 'room.action', roomId, action: 'appointAdmin', targetUserId: troll.id });
    await expect(act(troll, { type: 'room.action', roomId, action: 'kick', targetUserId: host.id })).rejects.toThrow(
      'FORBIDDEN',
    );
    await act(host, { type: 'room.action', roomId, action: 'dismissAdmin', targetUserId: troll.id });
    const state = await act(host, {
      type: 'room.action',
      roomId,
      action: 'kick',
      targetUserId: troll.id,
      banMinutes: 10,
    });
    expect(memberOf(state, troll.id)).toBeUndefined();
    const ended = await troll.socket.next(isType('room.ended', (event) => event.roomId === roomId));
    expect(ended).toMatchObject({ reason: 'kicked', bannedUntilMs: expect.any(Number) });
    // Out means out: the kicked socket hears nothing more of the room.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const heardBefore = troll.socket.events.length;
    host.socket.send({ type: 'room.chat', roomId, clientId: 'after-kick-1', text: 'is he gone?' });
    await host.socket.next(isType('room.message', (event) => event.message.clientId === 'after-kick-1'));
    troll.socket.send({ type: 'ping', ref: 'troll-ping' });
    await troll.socket.next(isType('pong', (event) => event.ref === 'troll-ping'));
    expect(troll.socket.events.slice(heardBefore).map((event) => event.type)).toEqual(['pong']);
    await expect(enter(troll, roomId)).rejects.toThrow('ROOM_BANNED');
    t.clock.advance(10 * 60 * 1000 + 1);
    expect(memberOf(await enter(troll, roomId), troll.id)).toBeDefined();
  });

  it('keeps people the owner blocked out, and hides room chat between two people who blocked each other', async () => {
    const host = await person('Host');
    const blockedByHost = await person('Blocked');
    const ann = await person('Ann');
    const bob = await person('Bob');
    await host.browser.post(`/api/v1/blocks/${blockedByHost.id}`);
    const roomId = await createRoom(host);
    await enter(host, roomId);
    await expect(enter(blockedByHost, roomId)).rejects.toThrow('FORBIDDEN');
    expect((await blockedByHost.browser.get(`/api/v1/rooms/${roomId}`)).statusCode).toBe(404);
    await enter(ann, roomId);
    await enter(bob, roomId);
    await ann.browser.post(`/api/v1/blocks/${bob.id}`);
    const bobFrom = bob.socket.events.length;
    ann.socket.send({ type: 'room.chat', roomId, clientId: 'ann-room-1', text: 'hello room' });
    await host.socket.next(isType('room.message', (event) => event.message.clientId === 'ann-room-1'));
    await ann.socket.next(isType('room.message', (event) => event.message.clientId === 'ann-room-1'));
    bob.socket.send({ type: 'room.chat', roomId, clientId: 'bob-room-1', text: 'hi all' });
    await host.socket.next(isType('room.message', (event) => event.message.clientId === 'bob-room-1'));
    bob.socket.send({ type: 'ping', ref: 'after-chat' });
    await bob.socket.next(isType('pong', (event) => event.ref === 'after-chat'));
    const bobSaw = bob.socket.events
      .slice(bobFrom)
      .filter(isType('room.message'))
      .map((event) => event.message.clientId);
    expect(bobSaw).toEqual(['bob-room-1']);
    expect(ann.socket.events.filter(isType('room.message')).map((event) => event.message.clientId)).not.toContain(
      'bob-room-1',
    );
    bob.socket.send({ type: 'room.sync', ref: 'bob-sync', roomId, afterSeq: 0 });
    const synced = await bob.socket.next(isType('room.synced', (event) => event.ref === 'bob-sync'));
    expect(synced.lastSeq).toBe(2);
  });

  it('keeps a dropped member’s seat for the grace period, then frees it; an empty room closes after 5 minutes', async () => {
    const host = await person('Host');
    const ann = await person('Ann');
    const roomId = await createRoom(host);
    await enter(host, roomId);
    await enter(ann, roomId);
    await act(ann, { type: 'room.action', roomId, action: 'takeSeat', seat: 3 });
    ann.socket.ws.terminate();
    const away = await host.socket.next(
      isType('room.state', (event) => event.state.members.some((m) => m.userId === ann.id && !m.connected)),
    );
    expect(memberOf(away.state, ann.id)?.seat).toBe(3);
    const back = await connect(origin, ann.browser);
    sockets.push(back);
    const returned = await enter({ ...ann, socket: back }, roomId);
    expect(memberOf(returned, ann.id)).toMatchObject({ seat: 3, connected: true });

    back.ws.terminate();
    await host.socket.next(
      isType('room.state', (event) => event.state.members.some((m) => m.userId === ann.id && !m.connected)),
    );
    t.clock.advance(61_000);
    await t.app.services.rooms.sweep();
    const after = await host.socket.next(
      isType('room.state', (event) => !event.state.members.some((m) => m.userId === ann.id)),
    );
    expect(after.state.seats[3]?.userId).toBeNull();

    host.socket.ws.terminate();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.app.services.rooms.sweep();
    t.clock.advance(5 * 60_000);
    await t.app.services.rooms.sweep();
    const summary = (await ann.browser.get(`/api/v1/rooms/${roomId}`)).json();
    expect(summary.status).toBe('closed');
  });

  it('keeps the owner the owner after leaving and coming back, without the password', async () => {
    const host = await person('Host');
    const ann = await person('Ann');
    const roomId = await createRoom(host, { password: 'secret words' });
    await enter(host, roomId);
    await enter(ann, roomId, 'secret words');
    host.socket.send({ type: 'room.leave', roomId });
    await ann.socket.next(isType('room.state', (event) => !event.state.members.some((m) => m.userId === host.id)));
    const back = await enter(host, roomId);
    expect(memberOf(back, host.id)?.role).toBe('owner');
    const state = await act(host, { type: 'room.action', roomId, action: 'appointAdmin', targetUserId: ann.id });
    expect(memberOf(state, ann.id)?.role).toBe('admin');
  });

  it('exports a person’s rooms, memberships, bans and room chat, and erases them with their cover', async () => {
    const host = await person('Host');
    const guest = await person('Guest');
    const troll = await person('Troll');
    const roomId = await createRoom(host);
    const { payload, headers } = multipartBody([
      { name: 'cover', value: await jpegWithGps(), filename: 'cover.jpg', contentType: 'image/jpeg' },
    ]);
    const coverUrl = (await host.browser.request('POST', `/api/v1/rooms/${roomId}/cover`, payload, headers)).json()
      .coverUrl as string;
    await enter(host, roomId);
    await enter(guest, roomId);
    await enter(troll, roomId);
    guest.socket.send({ type: 'room.chat', roomId, clientId: 'guest-privacy-1', text: 'hello' });
    await host.socket.next(isType('room.message', (event) => event.message.clientId === 'guest-privacy-1'));
    await act(host, { type: 'room.action', roomId, action: 'kick', targetUserId: troll.id, banMinutes: 30 });

    const guestData = await t.app.privacy.exportUser(t.database.db, guest.id);
    expect(guestData.room_members).toEqual([expect.objectContaining({ room_id: roomId, role: 'member' })]);
    expect(guestData.room_messages).toEqual([expect.objectContaining({ room_id: roomId, text: 'hello' })]);
    const hostData = await t.app.privacy.exportUser(t.database.db, host.id);
    expect(hostData.rooms).toEqual([expect.objectContaining({ id: roomId, title: 'Evening talk' })]);
    expect(hostData.room_bans).toEqual([expect.objectContaining({ room_id: roomId, user_id: troll.id })]);
    expect((await t.app.privacy.exportUser(t.database.db, troll.id)).room_bans).toHaveLength(1);

    await t.app.privacy.eraseUser(t.database.db, guest.id);
    const guestAfter = await t.app.privacy.exportUser(t.database.db, guest.id);
    expect(Object.values(guestAfter).every((rows) => rows.length === 0)).toBe(true);
    await t.app.privacy.eraseUser(t.database.db, host.id);
    const hostAfter = await t.app.privacy.exportUser(t.database.db, host.id);
    expect(Object.values(hostAfter).every((rows) => rows.length === 0)).toBe(true);
    expect((await troll.browser.get(coverUrl)).statusCode).toBe(404);
    expect((await troll.browser.get(`/api/v1/rooms/${roomId}`)).statusCode).toBe(404);
    expect((await t.app.privacy.exportUser(t.database.db, troll.id)).room_bans).toEqual([]);
  });

  it('closes a room for everyone when the owner closes it, and refuses actions in it after', async () => {
    const host = await person('Host');
    const ann = await person('Ann');
    const roomId = await createRoom(host);
    await enter(host, roomId);
    await enter(ann, roomId);
    await expect(act(ann, { type: 'room.action', roomId, action: 'close' })).rejects.toThrow('FORBIDDEN');
    host.socket.send({ type: 'room.action', roomId, action: 'close' });
    const ended = await ann.socket.next(isType('room.ended', (event) => event.roomId === roomId));
    expect(ended.reason).toBe('closed');
    await expect(act(ann, { type: 'room.action', roomId, action: 'raiseHand' })).rejects.toThrow('ROOM_CLOSED');
    await expect(enter(ann, roomId)).rejects.toThrow('ROOM_CLOSED');
  });
});
