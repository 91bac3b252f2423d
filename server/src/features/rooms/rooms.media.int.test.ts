/**
 * Room audio end to end below the browser: werift peers behaving like the web client negotiate
 * through the socket's `room.signal`; the host's audio reaches a listener only while the host sits
 * with the mic on and the microphone consent given, and a withdrawal stops it at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../platform/media/test-client.js';
import { databaseKinds } from '../../../test/services.js';
import { connect, listen, type SocketClient, isType } from '../../../test/sockets.js';
import { newAccount, startTestApp, type TestApp, type TestBrowser } from '../../../test/test-app.js';

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(databaseKinds)('room audio on %s', (database) => {
  let t: TestApp;
  let origin: string;
  const closers: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    t = await startTestApp({ database });
    origin = await listen(t);
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await t.close();
  });

  async function person(nickname: string): Promise<{ browser: TestBrowser; id: string; socket: SocketClient }> {
    const browser = t.browser();
    const me = (await browser.post('/api/v1/auth/register', newAccount({ nickname }))).json();
    const socket = await connect(origin, browser);
    closers.push(() => {
      socket.close();
    });
    return { browser, id: me.id as string, socket };
  }

  async function negotiate(socket: SocketClient, roomId: string, client: TestClient): Promise<void> {
    const ref = `sig-${Math.random().toString(36).slice(2, 8)}`;
    socket.send({ type: 'room.signal', ref, roomId, offerSdp: await client.offer() });
    const answer = await socket.next(
      (event) => (event.type === 'room.signal' || event.type === 'error') && event.ref === ref,
      20_000,
    );
    if (answer.type !== 'room.signal') throw new Error(`signal refused: ${JSON.stringify(answer)}`);
    expect(answer.iceServers).toEqual([]);
    await client.accept(answer.answerSdp);
    await client.connected();
  }

  it('forwards the seated host to a listener, only with the microphone consent', async () => {
    const host = await person('Host');
    const listener = await person('Listener');
    await host.browser.put('/api/v1/me/consents/microphone', { granted: true });
    const roomId = (await host.browser.post('/api/v1/rooms', { title: 'Audio check', language: 'en' })).json()
      .id as string;
    host.socket.send({ type: 'room.join', roomId, ref: 'host-in' });
    await host.socket.next(isType('room.state', (event) => event.ref === 'host-in'));
    listener.socket.send({ type: 'room.join', roomId, ref: 'listener-in' });
    await listener.socket.next(isType('room.state', (event) => event.ref === 'listener-in'));

    const speaker = new TestClient({ speaker: true });
    const ear = new TestClient();
    closers.push(
      () => speaker.close(),
      () => ear.close(),
    );
    await negotiate(host.socket, roomId, speaker);
    await negotiate(listener.socket, roomId, ear);
    speaker.startTalking(1, 20);
    await waitFor(() => ear.packetsFrom(1) > 25, 10_000, 'the host’s audio at the listener');
    const metrics = (await host.browser.get('/metrics')).body;
    expect(metrics).toMatch(/media_publishers 1/);
    expect(metrics).toMatch(/media_participants 2/);
    await listener.socket.next(
      isType('room.speaking', (event) => event.levels.some((level) => level.userId === host.id)),
    );

    await host.browser.put('/api/v1/me/consents/microphone', { granted: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterWithdrawal = ear.packetsFrom(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(ear.packetsFrom(1) - afterWithdrawal).toBeLessThanOrEqual(2);
    speaker.stopTalking();
  });

  it('refuses signalling from someone who is not in the room', async () => {
    const host = await person('Host');
    const stranger = await person('Stranger');
    const roomId = (await host.browser.post('/api/v1/rooms', { title: 'Private chat', language: 'en' })).json()
      .id as string;
    const client = new TestClient();
    closers.push(() => client.close());
    stranger.socket.send({ type: 'room.signal', ref: 'nope', roomId, offerSdp: await client.offer() });
    const refused = await stranger.socket.next(isType('error', (event) => event.ref === 'nope'));
    expect(refused.code).toBe('ROOM_NOT_A_MEMBER');
  });
});
