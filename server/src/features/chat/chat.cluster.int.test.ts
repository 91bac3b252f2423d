/**
 * Chat across two server processes sharing PostgreSQL and Redis: people on different nodes chat
 * both ways with receipts and presence; and the chaos run, where 1,000 messages reach a receiver
 * whose connection drops about every 50 messages and whose node is killed with SIGKILL once, and
 * the receiver still ends with every sequence number once, in order.
 */
import { ChatSequencer, type MessageView, type ServerEvent } from '@airtalk/contracts';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemotePerson, startNode, type NodeProcess } from '../../../test/cluster.js';
import { createTestDatabase, type TestDatabase } from '../../../test/databases.js';
import { postgresUrl, redisUrl } from '../../../test/services.js';
import { type SocketClient, isType } from '../../../test/sockets.js';

const MESSAGE_COUNT = 1000;
const DROP_EVERY_MESSAGES = 50;
const SEND_WINDOW = 32;

/**
 * The receiving side of a client as the web app is: it releases messages through the sequencer,
 * asks for a replay on a gap or after connecting, and reconnects (to whichever node is up).
 */
class ResumingReceiver {
  readonly sequencer = new ChatSequencer();
  readonly released: MessageView[] = [];
  socket: SocketClient | null = null;
  node: NodeProcess | null = null;
  connections = 0;
  /** Every message event received, duplicates included: what the sequencer had to sort out. */
  messageEvents = 0;
  syncsSent = 0;
  private syncing = false;

  constructor(
    private readonly person: RemotePerson,
    private readonly conversationId: string,
  ) {
    this.sequencer.track(conversationId, 0);
  }

  async connectTo(node: NodeProcess): Promise<void> {
    const socket = await this.person.connect(node);
    this.socket = socket;
    this.node = node;
    this.connections += 1;
    this.syncing = false;
    socket.listeners.add((event) => {
      this.onEvent(socket, event);
    });
    this.sync(socket);
  }

  /** Drops the connection the way a lost network does: no close frame. */
  drop(): void {
    this.socket?.ws.terminate();
    this.socket = null;
  }

  get lastSeq(): number {
    return this.sequencer.lastSeq(this.conversationId);
  }

  private sync(socket: SocketClient): void {
    if (this.syncing) return;
    this.syncing = true;
    this.syncsSent += 1;
    socket.send({ type: 'sync', cursors: [{ conversationId: this.conversationId, afterSeq: this.lastSeq }] });
  }

  private onEvent(socket: SocketClient, event: ServerEvent): void {
    if (socket !== this.socket) return;
    if (event.type === 'message') {
      this.messageEvents += 1;
      this.released.push(...this.sequencer.accept(event.message));
      if (this.sequencer.hasGap(this.conversationId)) this.sync(socket);
    } else if (event.type === 'synced') {
      this.syncing = false;
      if (event.more || this.sequencer.hasGap(this.conversationId) || this.lastSeq < event.lastSeq) this.sync(socket);
    }
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.runIf(postgresUrl && redisUrl)('chat on two nodes (PostgreSQL and Redis)', () => {
  let database: TestDatabase;
  let node1: NodeProcess;
  let node2: NodeProcess;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    cleanups.push(() => database.dispose());
    const options = {
      databaseUrl: postgresUrl!,
      databaseSchema: database.schema!,
      redisUrl: redisUrl!,
      // The chaos run pushes a thousand messages through one socket; people get 20 a second.
      env: { WS_EVENTS_PER_SECOND: '5000', WS_EVENT_BURST: '5000' },
    };
    [node1, node2] = await Promise.all([startNode('node1', options), startNode('node2', options)]);
    cleanups.unshift(
      () => node1.stop(),
      () => node2.stop(),
    );
  }, 60_000);

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('lets people on different nodes chat both ways, with receipts and presence', async () => {
    const ann = await new RemotePerson().register(node1, 'Ann');
    const bob = await new RemotePerson().register(node2, 'Bob');
    const annSocket = await ann.connect(node1);
    const bobSocket = await bob.connect(node2);
    const started = await ann.request(node1, 'POST', '/api/v1/conversations', { userId: bob.id });
    const conversationId = ((await started.json()) as { id: string }).id;
    await bobSocket.next(isType('conversation', (event) => event.conversation.id === conversationId));
    annSocket.send({ type: 'watchPresence', userIds: [bob.id] });
    await annSocket.next(isType('presence', (event) => event.userId === bob.id && event.online));

    annSocket.send({ type: 'send', clientId: 'ann-hello-1', conversationId, kind: 'text', text: 'hi from node 1' });
    const atBob = await bobSocket.next(isType('message', (event) => event.message.clientId === 'ann-hello-1'));
    expect(atBob.message.seq).toBe(2);
    bobSocket.send({ type: 'delivered', conversationId, seq: 2 });
    await annSocket.next(isType('receipt', (event) => event.kind === 'delivered' && event.seq === 2));
    bobSocket.send({ type: 'read', conversationId, seq: 2 });
    await annSocket.next(isType('receipt', (event) => event.kind === 'read' && event.seq === 2));

    bobSocket.send({ type: 'send', clientId: 'bob-reply-1', conversationId, kind: 'text', text: 'hi from node 2' });
    const atAnn = await annSocket.next(isType('message', (event) => event.message.clientId === 'bob-reply-1'));
    expect(atAnn.message).toMatchObject({ seq: 3, senderId: bob.id, text: 'hi from node 2' });
    annSocket.send({ type: 'read', conversationId, seq: 3 });
    const read = await bobSocket.next(isType('receipt', (event) => event.kind === 'read' && event.seq === 3));
    expect(read.userId).toBe(ann.id);

    bobSocket.close();
    await annSocket.next(isType('presence', (event) => event.userId === bob.id && !event.online));
    annSocket.close();
  });

  it('delivers 1,000 messages exactly once and in order through dropped connections and a killed node', async () => {
    const ann = await new RemotePerson().register(node1, 'Sender');
    const bob = await new RemotePerson().register(node2, 'Receiver');
    const started = await ann.request(node1, 'POST', '/api/v1/conversations', { userId: bob.id });
    const conversationId = ((await started.json()) as { id: string }).id;

    const receiver = new ResumingReceiver(bob, conversationId);
    await receiver.connectTo(node2);

    const sender = await ann.connect(node1);
    const unacked = new Map<string, number>();
    const acked = new Set<string>();
    const clientIdOf = (index: number) => `chaos-${randomBytes(4).toString('hex')}-${index}`;
    const ids = Array.from({ length: MESSAGE_COUNT }, (_, index) => clientIdOf(index + 1));
    sender.listeners.add((event) => {
      if (event.type === 'ack') {
        unacked.delete(event.clientId);
        acked.add(event.clientId);
      } else if (event.type === 'error' && event.ref) {
        // Over budget or failed: the same client id goes again, and can never become two messages.
        const index = unacked.get(event.ref);
        if (index !== undefined) {
          setTimeout(() => {
            sender.send({ type: 'send', clientId: event.ref, conversationId, kind: 'text', text: String(index) });
          }, event.retryAfterMs ?? 50);
        }
      }
    });

    let nextIndex = 1;
    let killed = false;
    let dropsDone = 0;
    let lastDropAt = 0;
    const nodes = () => (killed ? [node1] : [node1, node2]);
    const deadline = Date.now() + 120_000;

    while (receiver.lastSeq < MESSAGE_COUNT + 1) {
      if (Date.now() > deadline) throw new Error(`Stuck at seq ${receiver.lastSeq}.`);
      while (nextIndex <= MESSAGE_COUNT && unacked.size < SEND_WINDOW) {
        const clientId = ids[nextIndex - 1]!;
        unacked.set(clientId, nextIndex);
        sender.send({ type: 'send', clientId, conversationId, kind: 'text', text: String(nextIndex) });
        nextIndex += 1;
      }
      const receivedCount = receiver.released.length;
      if (!killed && receivedCount >= MESSAGE_COUNT / 2) {
        if (receiver.node !== node2) {
          receiver.drop();
          await receiver.connectTo(node2);
        }
        await node2.kill();
        killed = true;
        // The socket died with its node; the client finds the node that is still up.
        await waitUntil(() => receiver.socket?.closeCode !== null, 5000, 'the dead node’s socket to close');
        await receiver.connectTo(node1);
        lastDropAt = receivedCount;
      } else if (receivedCount - lastDropAt >= DROP_EVERY_MESSAGES && receiver.lastSeq < MESSAGE_COUNT + 1) {
        lastDropAt = receivedCount;
        dropsDone += 1;
        receiver.drop();
        const live = nodes();
        await receiver.connectTo(live[receiver.connections % live.length]!);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }

    const seqs = receiver.released.map((message) => message.seq);
    expect(seqs).toEqual(Array.from({ length: MESSAGE_COUNT + 1 }, (_, index) => index + 1));
    const texts = receiver.released.filter((message) => message.kind === 'text').map((message) => message.text);
    expect(texts).toEqual(Array.from({ length: MESSAGE_COUNT }, (_, index) => String(index + 1)));
    expect(killed).toBe(true);
    expect(dropsDone).toBeGreaterThanOrEqual(15);
    console.info(
      `chaos: ${MESSAGE_COUNT} messages, ${dropsDone} dropped connections, node2 killed once, ` +
        `${receiver.connections} connections, ${receiver.messageEvents} message events for ` +
        `${receiver.released.length} released, ${receiver.syncsSent} syncs`,
    );
    await waitUntil(() => acked.size === MESSAGE_COUNT, 10_000, 'every ack');

    // The database agrees: one row per message, numbered without a gap.
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: string; max: string }>(
        `SELECT count(*) AS count, max(seq) AS max FROM ${database.schema}.chat_messages WHERE conversation_id = $1`,
        [conversationId],
      );
      expect(rows[0]).toEqual({ count: String(MESSAGE_COUNT + 1), max: String(MESSAGE_COUNT + 1) });
    } finally {
      await client.end();
    }
    sender.close();
    receiver.drop();
  }, 180_000);
});
