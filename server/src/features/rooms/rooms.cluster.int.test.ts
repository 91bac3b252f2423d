/**
 * A room across two server processes (one PostgreSQL schema, one Redis): members on different
 * nodes see one room state, and the room's audio is carried by one node's media process — a
 * listener connected to the other node negotiates through it over the bus and hears the host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../platform/media/test-client.js';
import { RemotePerson, startNode, type NodeProcess } from '../../../test/cluster.js';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { postgresUrl, redisUrl } from '../../../test/services.js';
import { type SocketClient, isType } from '../../../test/sockets.js';

async function negotiate(socket: SocketClient, roomId: string, client: TestClient): Promise<void> {
  const ref = `sig-${Math.random().toString(36).slice(2, 8)}`;
  socket.send({ type: 'room.signal', ref, roomId, offerSdp: await client.offer() });
  const answer = await socket.next(
    (event) => (event.type === 'room.signal' || event.type === 'error') && event.ref === ref,
    30_000,
  );
  if (answer.type !== 'room.signal') throw new Error(`signal refused: ${JSON.stringify(answer)}`);
  await client.accept(answer.answerSdp);
  await client.connected(15_000);
}

describe.runIf(postgresUrl && redisUrl)('a room on two nodes (PostgreSQL and Redis)', () => {
  let database: TestDatabase;
  let node1: NodeProcess;
  let node2: NodeProcess;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    cleanups.push(() => database.dispose());
    const options = { databaseUrl: postgresUrl!, databaseSchema: database.schema!, redisUrl: redisUrl! };
    [node1, node2] = await Promise.all([startNode('rooms1', options), startNode('rooms2', options)]);
    cleanups.unshift(
      () => node1.stop(),
      () => node2.stop(),
    );
  }, 60_000);

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('shows one room to members on both nodes and carries the host’s audio to a listener on the other node', async () => {
    const host = await new RemotePerson().register(node1, 'Host');
    const listener = await new RemotePerson().register(node2, 'Listener');
    await host.request(node1, 'PUT', '/api/v1/me/consents/microphone', { granted: true });
    const created = await host.request(node1, 'POST', '/api/v1/rooms', { title: 'Two nodes', language: 'en' });
    const roomId = ((await created.json()) as { id: string }).id;

    const hostSocket = await host.connect(node1);
    const listenerSocket = await listener.connect(node2);
    cleanups.push(
      () => {
        hostSocket.close();
      },
      () => {
        listenerSocket.close();
      },
    );
    hostSocket.send({ type: 'room.join', ref: 'host-in', roomId });
    await hostSocket.next(isType('room.state', (event) => event.ref === 'host-in'));
    listenerSocket.send({ type: 'room.join', ref: 'listener-in', roomId });
    await listenerSocket.next(isType('room.state', (event) => event.ref === 'listener-in'));
    // The host, on node 1, sees the listener who entered through node 2.
    await hostSocket.next(
      isType('room.state', (event) => event.state.members.some((member) => member.userId === listener.id)),
    );

    const speaker = new TestClient({ speaker: true });
    const ear = new TestClient();
    cleanups.push(
      () => speaker.close(),
      () => ear.close(),
    );
    await negotiate(hostSocket, roomId, speaker);
    await negotiate(listenerSocket, roomId, ear);
    speaker.startTalking(7, 20);
    const started = Date.now();
    while (ear.packetsFrom(7) < 25) {
      if (Date.now() - started > 15_000) throw new Error('The listener on node 2 heard nothing.');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await listenerSocket.next(
      isType('room.speaking', (event) => event.levels.some((level) => level.userId === host.id)),
      10_000,
    );
    speaker.stopTalking();
    expect(ear.packetsFrom(7)).toBeGreaterThanOrEqual(25);
  }, 90_000);
});
