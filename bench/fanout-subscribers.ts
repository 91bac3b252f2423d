/**
 * bench fanout's subscribers, in a worker thread of their own: the same raw-TCP client harness
 * for the gateway and for NATS. Each subscriber writes how many messages it has received into its
 * own slot of a shared Int32Array, so the publisher (on the main thread) reads delivery progress
 * without any message passing, and can hold back before any one subscriber falls too far behind.
 */
import fs from 'node:fs';
import net from 'node:net';
import { parentPort } from 'node:worker_threads';
import {
  natsConnectCommand,
  NatsMessageCounter,
  webSocketUpgradeRequest,
  WebSocketFrameCounter,
} from './fanout-protocols.js';

export type SubscriberSetSpec =
  | { protocol: 'websocket'; port: number; path: string; origin: string }
  | { protocol: 'nats'; host: string; port: number; subject: string };

export type ToSubscribers =
  { type: 'open'; setId: number; spec: SubscriberSetSpec; delivered: Int32Array } | { type: 'close'; setId: number };

export type FromSubscribers =
  | { type: 'started'; threadId: number }
  | { type: 'opened'; setId: number }
  | { type: 'closed'; setId: number }
  | { type: 'failed'; setId: number; message: string };

/** Handshakes in flight at once: enough to open a thousand sockets in a second, few enough for any backlog. */
const OPENING_AT_ONCE = 64;
const OPEN_TIMEOUT_MS = 15_000;

interface Subscriber {
  socket: net.Socket;
  opened: Promise<void>;
}

interface SubscriberSet {
  subscribers: Subscriber[];
  closing: boolean;
}

const port = parentPort;
if (!port) throw new Error('fanout-subscribers runs as a worker thread');
const sets = new Map<number, SubscriberSet>();

function post(message: FromSubscribers): void {
  port!.postMessage(message);
}

/** One WebSocket subscriber: the first text frame is the gateway's `ready`; each one after it is a delivery. */
function openWebSocket(
  spec: Extract<SubscriberSetSpec, { protocol: 'websocket' }>,
  index: number,
  delivered: Int32Array,
  onLost: (message: string) => void,
): Subscriber {
  const socket = net.connect(spec.port, '127.0.0.1');
  const counter = new WebSocketFrameCounter();
  let upgraded = false;
  let head = Buffer.alloc(0);
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      socket.write(webSocketUpgradeRequest(`${spec.path}?subscriber=${index}`, spec.origin));
    });
    socket.on('data', (chunk: Buffer) => {
      if (!upgraded) {
        head = Buffer.concat([head, chunk]);
        const headerEnd = head.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const status = head.toString('latin1', 0, head.indexOf('\r\n'));
        if (!status.startsWith('HTTP/1.1 101')) {
          reject(new Error(`WebSocket upgrade refused: ${status}`));
          return;
        }
        upgraded = true;
        chunk = head.subarray(headerEnd + 4);
      }
      counter.push(chunk);
      if (counter.textFrames > 0) {
        resolve();
        Atomics.store(delivered, index, counter.textFrames - 1);
      }
      if (counter.sawClose) onLost(`WebSocket subscriber ${index} was closed by the server`);
    });
    socket.on('error', reject);
    socket.on('close', () => {
      reject(new Error(`WebSocket subscriber ${index} closed before it was ready`));
      onLost(`WebSocket subscriber ${index} lost its connection`);
    });
  });
  return { socket, opened };
}

/** One NATS subscriber: SUB, then PING; the PONG says the subscription is in place. */
function openNats(
  spec: Extract<SubscriberSetSpec, { protocol: 'nats' }>,
  index: number,
  delivered: Int32Array,
  onLost: (message: string) => void,
): Subscriber {
  const socket = net.connect(spec.port, spec.host);
  let markOpen: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const counter = new NatsMessageCounter({
    onPing: () => socket.write('PONG\r\n'),
    onPong: () => {
      markOpen();
    },
    onError: (line) => {
      fail(new Error(`NATS subscriber ${index}: ${line}`));
      onLost(`NATS subscriber ${index}: ${line}`);
    },
  });
  const opened = new Promise<void>((resolve, reject) => {
    markOpen = resolve;
    fail = reject;
    socket.once('connect', () => {
      socket.write(`${natsConnectCommand(`bench-subscriber-${index}`)}SUB ${spec.subject} 1\r\nPING\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      counter.push(chunk);
      Atomics.store(delivered, index, counter.messages);
    });
    socket.on('error', reject);
    socket.on('close', () => {
      reject(new Error(`NATS subscriber ${index} closed before it was ready`));
      onLost(`NATS subscriber ${index} lost its connection`);
    });
  });
  return { socket, opened };
}

async function openSet(setId: number, spec: SubscriberSetSpec, delivered: Int32Array): Promise<void> {
  const set: SubscriberSet = { subscribers: [], closing: false };
  sets.set(setId, set);
  let lostReported = false;
  const onLost = (message: string) => {
    if (set.closing || lostReported) return;
    lostReported = true;
    post({ type: 'failed', setId, message });
  };
  let timeout: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timeout = setTimeout(() => {
      reject(new Error(`subscribers not ready within ${OPEN_TIMEOUT_MS} ms`));
    }, OPEN_TIMEOUT_MS);
  });
  try {
    let next = 0;
    const opener = async () => {
      while (next < delivered.length) {
        const index = next++;
        const subscriber =
          spec.protocol === 'websocket'
            ? openWebSocket(spec, index, delivered, onLost)
            : openNats(spec, index, delivered, onLost);
        set.subscribers.push(subscriber);
        await subscriber.opened;
      }
    };
    await Promise.race([Promise.all(Array.from({ length: OPENING_AT_ONCE }, opener)), timedOut]);
  } finally {
    clearTimeout(timeout);
  }
}

function closeSet(setId: number): void {
  const set = sets.get(setId);
  if (!set) return;
  set.closing = true;
  for (const subscriber of set.subscribers) subscriber.socket.destroy();
  sets.delete(setId);
}

port.on('message', (message: ToSubscribers) => {
  if (message.type === 'open') {
    openSet(message.setId, message.spec, message.delivered).then(
      () => {
        post({ type: 'opened', setId: message.setId });
      },
      (error: unknown) => {
        post({ type: 'failed', setId: message.setId, message: String(error) });
      },
    );
  } else {
    closeSet(message.setId);
    post({ type: 'closed', setId: message.setId });
  }
});

// /proc/thread-self links to /proc/<pid>/task/<tid>: the main thread reads this thread's CPU time there.
post({ type: 'started', threadId: Number(fs.readlinkSync('/proc/thread-self').split('/').pop()) });
