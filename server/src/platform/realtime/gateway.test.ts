/**
 * The gateway and hub without a database: frames of every length class reach a real `ws` client
 * intact, one broadcast reaches every listener of a topic once, leaving a topic stops delivery,
 * a client that stops reading is dropped instead of growing the server's memory, and budgets hold.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MemoryBus } from '../bus/memory-bus.js';
import { createLogger } from '../logging/logger.js';
import { encodeTextFrame } from './frame.js';
import { Gateway, type GatewayConnection, type GatewayLimits } from './gateway.js';
import { RealtimeHub } from './hub.js';

const ORIGIN = 'http://test.local';

interface Harness {
  url: string;
  hub: RealtimeHub;
  gateway: Gateway;
  connections: GatewayConnection[];
  close(): Promise<void>;
}

async function startHarness(limits: Partial<GatewayLimits> = {}): Promise<Harness> {
  const server = http.createServer();
  const logger = createLogger('silent');
  const hub = new RealtimeHub(new MemoryBus(), logger);
  let counter = 0;
  const gateway = new Gateway({
    hub,
    logger,
    nowMs: () => Date.now(),
    allowedOrigins: [ORIGIN],
    authenticate: () => {
      counter += 1;
      return Promise.resolve({ userId: `user-${counter}`, sessionId: `session-${counter}` });
    },
    limits,
  });
  const connections: GatewayConnection[] = [];
  gateway.onConnect(async (connection) => {
    connections.push(connection);
    await connection.join('room');
  });
  gateway.on('ping', (connection) => {
    connection.send({ type: 'pong' });
  });
  gateway.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    hub,
    gateway,
    connections,
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

async function client(url: string): Promise<{ ws: WebSocket; received: string[] }> {
  const ws = new WebSocket(url, { headers: { origin: ORIGIN } });
  const received: string[] = [];
  ws.on('message', (data: Buffer) => received.push(data.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.on('message', function onReady(data: Buffer) {
      if (data.toString('utf8').includes('"ready"')) {
        ws.off('message', onReady);
        resolve();
      }
    });
  });
  return { ws, received };
}

/** A client that completes the handshake and then never reads: the kernel buffers fill, then ours. */
async function stalledClient(url: string): Promise<net.Socket> {
  const { port } = new URL(url);
  const socket = net.connect(Number(port), '127.0.0.1');
  socket.write(
    `GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nOrigin: ${ORIGIN}\r\n\r\n`,
  );
  await new Promise<void>((resolve) =>
    socket.once('data', () => {
      resolve();
    }),
  );
  socket.pause();
  return socket;
}

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('encodeTextFrame', () => {
  it('writes the three length classes of RFC 6455 headers', () => {
    expect([...encodeTextFrame(Buffer.from('hi')).subarray(0, 2)]).toEqual([0x81, 2]);
    const medium = encodeTextFrame(Buffer.alloc(300, 97));
    expect([medium[0], medium[1], medium.readUInt16BE(2)]).toEqual([0x81, 126, 300]);
    const large = encodeTextFrame(Buffer.alloc(70_000, 97));
    expect([large[0], large[1], Number(large.readBigUInt64BE(2))]).toEqual([0x81, 127, 70_000]);
    expect(large.length).toBe(70_010);
  });
});

describe('gateway and hub', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('delivers one broadcast to every listener once, intact at every frame size', async () => {
    harness = await startHarness();
    const clients = await Promise.all([1, 2, 3].map(() => client(harness!.url)));
    const texts = ['x', 'é'.repeat(200), '字'.repeat(30_000)];
    for (const text of texts) await harness.hub.publish('room', { type: 'message', text });
    await waitFor(() => clients.every((each) => each.received.length === texts.length + 1));
    for (const each of clients) {
      const events = each.received.slice(1).map((raw) => JSON.parse(raw) as { text: string });
      expect(events.map((event) => event.text)).toEqual(texts);
      each.ws.close();
    }
  });

  it('stops delivering a topic to a connection that left it, and forgets topics nobody listens to', async () => {
    harness = await startHarness();
    const stays = await client(harness.url);
    const leaves = await client(harness.url);
    harness.connections[1]!.leave('room');
    await harness.hub.publish('room', { type: 'message', text: 'after' });
    await waitFor(() => stays.received.length === 2);
    expect(leaves.received).toHaveLength(1);
    stays.ws.close();
    leaves.ws.close();
    await waitFor(() => harness!.gateway.connectionCount === 0);
    expect(harness.hub.listeners('room')).toBe(0);
  });

  it('drops a client that stops reading once its buffer is full, and keeps serving the others', async () => {
    harness = await startHarness({ maxBufferedBytes: 256 * 1024 });
    const reader = await client(harness.url);
    const stalled = await stalledClient(harness.url);
    const payload = 'y'.repeat(16 * 1024);
    for (let round = 0; round < 400 && harness.gateway.connectionCount > 1; round += 1) {
      await harness.hub.publish('room', { type: 'message', text: payload });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => harness!.gateway.connectionCount === 1, 5000);
    await waitFor(() => reader.received.length > 100);
    reader.ws.close();
    stalled.destroy();
  });

  it('answers events beyond the budget with RATE_LIMITED and a wait', async () => {
    harness = await startHarness({ events: { ratePerSecond: 1, burst: 3 } });
    const { ws, received } = await client(harness.url);
    for (let index = 0; index < 5; index += 1) ws.send(JSON.stringify({ type: 'ping' }));
    await waitFor(() => received.length === 6);
    const events = received.slice(1).map((raw) => JSON.parse(raw) as { type: string; retryAfterMs?: number });
    expect(events.filter((event) => event.type === 'pong')).toHaveLength(3);
    const limited = events.filter((event) => event.type === 'error');
    expect(limited).toHaveLength(2);
    expect(limited[0]).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) });
    ws.close();
  });
});
