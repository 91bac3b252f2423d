/**
 * bench fanout: one room-like broadcast of 64-byte payloads to 100 and to 1,000 subscribed
 * sockets, in deliveries per second (messages received, summed over the subscribers).
 *
 * Ours: the real gateway path, as `npm start` runs it on one node: RealtimeHub over the MemoryBus,
 * and the Gateway (Origin check, handshake authentication, connect hook joining `room:bench`) on a
 * plain HTTP server on this thread. Each broadcast is `hub.publish('room:bench', event)`, where the
 * event's JSON is exactly 64 bytes. The baseline: nats-server's raw fan-out (127.0.0.1:4222, or
 * BENCH_NATS=host:port) of the same 64 bytes to the same number of subscribers of one subject,
 * published over one connection from this thread. A NATS delivery carries its `MSG` line too
 * (about 30 bytes more than a WebSocket frame header): that is its protocol's cost.
 *
 * The same client harness for both: the subscribers live in one worker thread (a core apart from
 * the gateway, as nats-server is a process apart), on raw TCP sockets, and only count messages: a
 * WebSocket text-frame counter after the HTTP upgrade, a NATS MSG counter after CONNECT and SUB
 * (bench/fanout-protocols.ts). Minimal counters rather than client libraries (ws, nats.js), so the
 * clients' work per message is small and alike on both sides and the servers are what is measured.
 *
 * Backpressure, the same on both sides: the publisher publishes at most BENCH_BATCH messages per
 * event-loop turn, and never lets any one subscriber fall more than BENCH_WINDOW messages behind
 * (each subscriber's count is in shared memory). The window is far below the gateway's 1 MiB
 * slow-consumer cap, which is left as it is, and any dropped socket fails the run. After each
 * measurement the pipeline drains and every subscriber must have received every message.
 *
 * The batch stands for a busy server: broadcasts that arrive while the gateway writes one turn's
 * frames are written together in the next turn, as nats-server reads many PUBs in one read. The
 * hub writes each socket once per turn, so with one broadcast per turn (BENCH_BATCH=1) every
 * delivery is a write(2) of its own and ours falls to a small fraction of NATS, which is not
 * what a loaded server sees: there, many events arrive in one turn's reads.
 *
 * Each round measures both sides for BENCH_SECONDS after a warm-up, alternating which goes first;
 * figures are medians over the rounds. Each line also shows the CPU the server used (the gateway's
 * thread, or nats-server with all its threads), the clients' thread and the whole machine (it is
 * shared: other work shows there), which tells what limited the figure.
 *
 * Environment: BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_WARM_UP_SECONDS (1), BENCH_WINDOW (1024
 * messages), BENCH_BATCH (64 messages), BENCH_NATS (127.0.0.1:4222), BENCH_ONLY=ours|nats to
 * profile one side (no JSON line then).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import pino from 'pino';
import { MemoryBus } from '../server/src/platform/bus/memory-bus.js';
import { createLogger } from '../server/src/platform/logging/logger.js';
import { Gateway, GATEWAY_PATH } from '../server/src/platform/realtime/gateway.js';
import { RealtimeHub } from '../server/src/platform/realtime/hub.js';
import { natsConnectCommand, NatsMessageCounter } from './fanout-protocols.js';
import type { FromSubscribers, SubscriberSetSpec, ToSubscribers } from './fanout-subscribers.js';
import { median, printResult, startTypeScriptWorker } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const WARM_UP_MS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 1) * 1000;
const WINDOW_MESSAGES = Number(process.env.BENCH_WINDOW ?? 1024);
const BATCH_MESSAGES = Number(process.env.BENCH_BATCH ?? 64);
const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== 'ours' && ONLY !== 'nats') throw new Error('BENCH_ONLY is ours or nats');
const [NATS_HOST = '127.0.0.1', NATS_PORT = '4222'] = (process.env.BENCH_NATS ?? '127.0.0.1:4222').split(':');
const SUBSCRIBER_COUNTS = [100, 1000];
const PAYLOAD_BYTES = 64;
const ORIGIN = 'http://bench.local';
const ROOM = 'room:bench';
/** Sockets: each gateway subscriber is two (client and server end), each NATS subscriber one. */
const FILE_DESCRIPTORS_PER_SUBSCRIBER = 3;
const DRAIN_TIMEOUT_MS = 30_000;
/** The gateway pings and re-checks sessions on timers; the bench runs for minutes, not hours. */
const HOUR_MS = 60 * 60 * 1000;
/** When the window is full, wait this long: long enough not to spin a core, short enough not to drain. */
const FULL_WINDOW_WAIT_MS = 1;

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A room broadcast whose JSON is exactly PAYLOAD_BYTES long: what both sides carry per delivery. */
function roomEvent(): { type: string; roomId: string; text: string } {
  const event = { type: 'message', roomId: 'bench', text: '' };
  event.text = 'x'.repeat(PAYLOAD_BYTES - JSON.stringify(event).length);
  if (Buffer.byteLength(JSON.stringify(event)) !== PAYLOAD_BYTES) throw new Error('the payload is not 64 bytes');
  return event;
}

function openFilesLimit(): number {
  const line = fs
    .readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((each) => each.startsWith('Max open files'));
  const soft = Number(line?.split(/\s{2,}/)[1]);
  return Number.isFinite(soft) ? soft : Number.POSITIVE_INFINITY;
}

// ---------------------------------------------------------------------------------------------
// The subscribers' worker.

class Subscribers {
  /** Set when a subscriber is lost mid-run (dropped, closed, refused): the run fails with it. */
  failure: Error | undefined;
  private nextSetId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  private constructor(
    readonly worker: Worker,
    /** The worker's thread id in the kernel, to read its CPU time. */
    readonly threadId: number,
  ) {
    worker.on('message', (message: FromSubscribers) => {
      if (message.type === 'started') return;
      const waiter = this.waiting.get(message.setId);
      if (message.type === 'failed') {
        const error = new Error(message.message);
        if (waiter) waiter.reject(error);
        else this.failure ??= error;
      } else {
        waiter?.resolve();
      }
      this.waiting.delete(message.setId);
    });
    worker.on('error', (error) => {
      this.failure ??= error;
    });
  }

  static async start(): Promise<Subscribers> {
    const worker = startTypeScriptWorker(path.join(import.meta.dirname, 'fanout-subscribers.ts'));
    const threadId = await new Promise<number>((resolve, reject) => {
      worker.once('message', (message: FromSubscribers) => {
        if (message.type === 'started') resolve(message.threadId);
        else reject(new Error(`the subscribers' worker said ${message.type} first`));
      });
      worker.once('error', reject);
    });
    return new Subscribers(worker, threadId);
  }

  async open(spec: SubscriberSetSpec, subscriberCount: number): Promise<{ setId: number; delivered: Int32Array }> {
    const setId = this.nextSetId++;
    const delivered = new Int32Array(new SharedArrayBuffer(subscriberCount * Int32Array.BYTES_PER_ELEMENT));
    await this.request({ type: 'open', setId, spec, delivered });
    return { setId, delivered };
  }

  close(setId: number): Promise<void> {
    return this.request({ type: 'close', setId });
  }

  private request(message: ToSubscribers): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.set(message.setId, { resolve, reject });
      this.worker.postMessage(message);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The two sides.

interface Side {
  name: string;
  /** Messages each subscriber has received, one slot per subscriber (written by the worker). */
  delivered: Int32Array;
  /** Messages published so far; every subscriber should receive each one. */
  published: number;
  publish(messages: number): void;
  /** The server's /proc stat file (its CPU time), if it can be found, and what to call it. */
  server: { label: string; statFile: string | undefined };
  /** A publisher outside the server has its own CPU time to show. */
  publisherApart: boolean;
}

interface OursServer {
  port: number;
  hub: RealtimeHub;
  gateway: Gateway;
  close(): Promise<void>;
}

async function startOurs(): Promise<OursServer> {
  const logger = createLogger('warn', pino.destination({ dest: 2, sync: true }));
  const hub = new RealtimeHub(new MemoryBus(), logger);
  let handshakes = 0;
  const gateway = new Gateway({
    hub,
    logger,
    nowMs: () => Date.now(),
    allowedOrigins: [ORIGIN],
    // Every socket its own user and session, as a room of different people would be.
    authenticate: () => {
      handshakes += 1;
      return Promise.resolve({ userId: `bench-user-${handshakes}`, sessionId: `bench-session-${handshakes}` });
    },
    limits: { heartbeatIntervalMs: HOUR_MS, revalidateEveryMs: HOUR_MS },
  });
  gateway.onConnect((connection) => connection.join(ROOM));
  const server = http.createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  gateway.attach(server);
  await new Promise<void>((resolve) => {
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1024 }, resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the gateway has no port');
  return {
    port: address.port,
    hub,
    gateway,
    close: async () => {
      await gateway.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function oursSide(hub: RealtimeHub, delivered: Int32Array): Side {
  const event = roomEvent();
  const side: Side = {
    name: 'ours',
    delivered,
    published: 0,
    publish: (messages) => {
      // The MemoryBus never rejects; a failing delivery would surface as an uncaught exception.
      for (let i = 0; i < messages; i += 1) void hub.publish(ROOM, event);
      side.published += messages;
    },
    server: { label: 'gateway thread', statFile: MAIN_THREAD_STAT },
    publisherApart: false,
  };
  return side;
}

interface NatsPublisher {
  publish(subject: string, messages: number): void;
  close(): void;
}

/** One publishing connection; PUB commands for a whole batch go out in one write. */
async function connectNatsPublisher(onFailure: (error: Error) => void): Promise<NatsPublisher> {
  const socket = net.connect(Number(NATS_PORT), NATS_HOST);
  socket.setNoDelay(true);
  const payload = Buffer.from(JSON.stringify(roomEvent()));
  const batches = new Map<string, { command: Buffer; commandBytes: number }>();
  let closing = false;
  await new Promise<void>((resolve, reject) => {
    let ready = false;
    const counter = new NatsMessageCounter({
      onPing: () => socket.write('PONG\r\n'),
      onPong: () => {
        ready = true;
        resolve();
      },
      onError: (line) => {
        onFailure(new Error(`NATS publisher: ${line}`));
      },
    });
    socket.on('data', (chunk: Buffer) => {
      counter.push(chunk);
    });
    socket.once('connect', () => {
      socket.write(`${natsConnectCommand('bench-publisher')}PING\r\n`);
    });
    socket.on('close', () => {
      if (ready && !closing) onFailure(new Error('NATS publisher: the server closed the connection'));
    });
    socket.on('error', (error) => {
      const failure = new Error(
        `NATS at ${NATS_HOST}:${NATS_PORT}: ${error.message} (start nats-server there, or set BENCH_NATS=host:port)`,
      );
      if (ready) onFailure(failure);
      else reject(failure);
    });
  });
  return {
    publish: (subject, messages) => {
      let batch = batches.get(subject);
      if (!batch) {
        const one = Buffer.concat([Buffer.from(`PUB ${subject} ${payload.length}\r\n`), payload, Buffer.from('\r\n')]);
        batch = { command: Buffer.concat(Array.from({ length: BATCH_MESSAGES }, () => one)), commandBytes: one.length };
        batches.set(subject, batch);
      }
      socket.write(batch.command.subarray(0, messages * batch.commandBytes));
    },
    close: () => {
      closing = true;
      socket.destroy();
    },
  };
}

/** nats-server's pid, to read its CPU time; undefined when it cannot be told (another host, several servers). */
function natsServerPid(): number | undefined {
  if (NATS_HOST !== '127.0.0.1' && NATS_HOST !== 'localhost') return undefined;
  try {
    const pids = execFileSync('pidof', ['nats-server'], { encoding: 'utf8' }).trim().split(/\s+/);
    return pids.length === 1 ? Number(pids[0]) : undefined;
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;
const MAIN_THREAD_STAT = `/proc/self/task/${process.pid}/stat`;

/** CPU time of a process or thread (user and system: a socket write's kernel work counts), in seconds. */
function cpuSecondsOf(statFile: string): number {
  const stat = fs.readFileSync(statFile, 'utf8');
  // After the command name in parentheses: utime and stime are the 12th and 13th fields.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Starts watching one process or thread; the returned function tells the cores it used since. */
function watchCpu(statFile: string | undefined): () => number {
  if (statFile === undefined) return () => Number.NaN;
  const startCpuSeconds = cpuSecondsOf(statFile);
  const startMs = performance.now();
  return () => (cpuSecondsOf(statFile) - startCpuSeconds) / ((performance.now() - startMs) / 1000);
}

function natsSide(publisher: NatsPublisher, subject: string, delivered: Int32Array, pid: number | undefined): Side {
  const side: Side = {
    name: 'NATS',
    delivered,
    published: 0,
    publish: (messages) => {
      publisher.publish(subject, messages);
      side.published += messages;
    },
    server: { label: 'nats-server', statFile: pid === undefined ? undefined : `/proc/${pid}/stat` },
    publisherApart: true,
  };
  return side;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

function minimumOf(values: Int32Array): number {
  let minimum = Number.POSITIVE_INFINITY;
  for (const value of values) if (value < minimum) minimum = value;
  return minimum;
}

function sumOf(values: Int32Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}

/** Publishes for `durationMs` as fast as the slowest subscriber allows. */
function drive(side: Side, subscribers: Subscribers, durationMs: number): Promise<void> {
  const untilMs = performance.now() + durationMs;
  return new Promise((resolve, reject) => {
    const step = () => {
      if (subscribers.failure) {
        reject(subscribers.failure);
        return;
      }
      if (performance.now() >= untilMs) {
        resolve();
        return;
      }
      const room = WINDOW_MESSAGES - (side.published - minimumOf(side.delivered));
      if (room <= 0) {
        setTimeout(step, FULL_WINDOW_WAIT_MS);
        return;
      }
      side.publish(Math.min(room, BATCH_MESSAGES));
      setImmediate(step);
    };
    step();
  });
}

/** Waits until every subscriber has every message published so far, exactly once. */
async function drain(side: Side, subscribers: Subscribers): Promise<void> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (minimumOf(side.delivered) < side.published) {
    if (subscribers.failure) throw subscribers.failure;
    if (performance.now() > deadline) {
      throw new Error(
        `${side.name}: after ${DRAIN_TIMEOUT_MS} ms a subscriber has ${minimumOf(side.delivered)} of ${side.published} messages`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const most = Math.max(...side.delivered);
  if (most !== side.published) throw new Error(`${side.name}: a subscriber got ${most} of ${side.published} messages`);
}

interface Measurement {
  deliveriesPerSecond: number;
  deliveriesPerServerCpuSecond: number;
  server: string;
  clients: string;
  machine: string;
}

/** Busy and total jiffies of all cores: the machine is shared, and other work shows here. */
function machineCpu(): { busy: number; total: number } {
  // user nice system idle iowait irq softirq steal; guest time is already counted in user.
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, each) => sum + each, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

async function measure(side: Side, subscribers: Subscribers): Promise<Measurement> {
  await drive(side, subscribers, WARM_UP_MS);
  const serverCores = watchCpu(side.server.statFile);
  const publisherCores = watchCpu(MAIN_THREAD_STAT);
  const clientsCores = watchCpu(`/proc/self/task/${subscribers.threadId}/stat`);
  const machineStart = machineCpu();
  const deliveredBefore = sumOf(side.delivered);
  const startMs = performance.now();
  await drive(side, subscribers, DURATION_MS);
  const deliveries = sumOf(side.delivered) - deliveredBefore;
  const elapsedMs = performance.now() - startMs;
  const machineEnd = machineCpu();
  const machineBusy = (machineEnd.busy - machineStart.busy) / (machineEnd.total - machineStart.total);
  const deliveriesPerSecond = (deliveries * 1000) / elapsedMs;
  const cores = serverCores();
  // Per CPU-second of the server: steadier than deliveries/s when other work takes the cores.
  const server =
    `${side.server.label} ${formatCores(cores)}, ${millions(deliveriesPerSecond / cores)} per CPU-second` +
    (side.publisherApart ? `, publisher thread ${formatCores(publisherCores())}` : '');
  const measurement = {
    deliveriesPerSecond,
    deliveriesPerServerCpuSecond: deliveriesPerSecond / cores,
    server,
    clients: `clients thread ${formatCores(clientsCores())}`,
    machine: `all cores ${(machineBusy * 100).toFixed(0)}% busy`,
  };
  await drain(side, subscribers);
  return measurement;
}

function millions(deliveries: number): string {
  return Number.isFinite(deliveries) ? `${(deliveries / 1e6).toFixed(2)} M` : '?';
}

function formatCores(cores: number): string {
  return Number.isFinite(cores) ? `${cores.toFixed(2)} cores` : 'CPU unknown';
}

function describe(side: Side, measurement: Measurement): string {
  return `${side.name} ${millions(measurement.deliveriesPerSecond)} deliveries/s (${measurement.server}, ${measurement.clients}, ${measurement.machine})`;
}

/** Every socket in the room before the first broadcast: `ready` may reach a client before its connect hook runs. */
async function roomFilled(hub: RealtimeHub, subscriberCount: number): Promise<void> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (hub.listeners(ROOM) !== subscriberCount) {
    if (performance.now() > deadline)
      throw new Error(`${hub.listeners(ROOM)} sockets joined the room, not ${subscriberCount}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The next set of subscribers must find the room empty, so the count of those who joined is theirs. */
async function gatewayEmptied(gateway: Gateway): Promise<void> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (gateway.connectionCount > 0) {
    if (performance.now() > deadline) throw new Error(`${gateway.connectionCount} sockets still open`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// ---------------------------------------------------------------------------------------------

const largest = Math.max(...SUBSCRIBER_COUNTS);
const filesNeeded = largest * FILE_DESCRIPTORS_PER_SUBSCRIBER + 100;
if (openFilesLimit() < filesNeeded) {
  throw new Error(`bench fanout needs ${filesNeeded} open files; raise the limit (ulimit -n ${filesNeeded})`);
}
log(
  `fanout: ${PAYLOAD_BYTES}-byte payloads; ${ROUNDS} rounds of ${DURATION_MS / 1000} s after ${WARM_UP_MS / 1000} s ` +
    `warm-up; at most ${BATCH_MESSAGES} messages per turn, ${WINDOW_MESSAGES} behind per subscriber`,
);

const subscribers = await Subscribers.start();
const ours = await startOurs();
const publisher = await connectNatsPublisher((error) => {
  subscribers.failure ??= error;
});
const natsPid = natsServerPid();
const results = new Map<number, { ours: number; baseline: number }>();
try {
  // One subject per run: another run of this bench against the same server must not add deliveries.
  const subject = `room.bench.${process.pid}`;
  for (const subscriberCount of SUBSCRIBER_COUNTS) {
    const [oursSet, natsSet] = await Promise.all([
      subscribers.open({ protocol: 'websocket', port: ours.port, path: GATEWAY_PATH, origin: ORIGIN }, subscriberCount),
      subscribers.open({ protocol: 'nats', host: NATS_HOST, port: Number(NATS_PORT), subject }, subscriberCount),
    ]);
    await roomFilled(ours.hub, subscriberCount);
    const oursBroadcast = oursSide(ours.hub, oursSet.delivered);
    const natsBroadcast = natsSide(publisher, subject, natsSet.delivered, natsPid);
    const bothSides = [oursBroadcast, natsBroadcast];
    const measured = bothSides.filter((side) => !ONLY || side.name.toLowerCase() === ONLY);
    const runs = new Map(measured.map((side) => [side, [] as Measurement[]]));
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate which side goes first, so drift in the machine's load falls on both alike.
      const order = round % 2 === 0 ? measured : [...measured].reverse();
      const parts: string[] = [];
      for (const side of order) {
        const measurement = await measure(side, subscribers);
        runs.get(side)!.push(measurement);
        parts.push(describe(side, measurement));
      }
      log(`${subscriberCount} subscribers, round ${round + 1}: ${parts.join('; ')}`);
    }
    const medianOf = (side: Side, key: 'deliveriesPerSecond' | 'deliveriesPerServerCpuSecond') =>
      median(runs.get(side)!.map((measurement) => measurement[key]));
    const medians = measured.map(
      (side) =>
        `${side.name} ${millions(medianOf(side, 'deliveriesPerSecond'))} deliveries/s, ` +
        `${millions(medianOf(side, 'deliveriesPerServerCpuSecond'))} per server CPU-second`,
    );
    if (ONLY) {
      log(`${subscriberCount} subscribers (medians of ${ROUNDS}): ${medians.join('; ')}`);
    } else {
      const oursMedian = medianOf(oursBroadcast, 'deliveriesPerSecond');
      const natsMedian = medianOf(natsBroadcast, 'deliveriesPerSecond');
      results.set(subscriberCount, { ours: oursMedian, baseline: natsMedian });
      log(
        `${subscriberCount} subscribers (medians of ${ROUNDS}): ${medians.join('; ')}; ` +
          `ratio ${(oursMedian / natsMedian).toFixed(3)}`,
      );
    }
    await Promise.all([subscribers.close(oursSet.setId), subscribers.close(natsSet.setId)]);
    await gatewayEmptied(ours.gateway);
  }
  if (subscribers.failure) throw subscribers.failure;
  const final = results.get(largest);
  if (final) {
    printResult({
      bench: 'fanout',
      ours: Math.round(final.ours),
      baseline: Math.round(final.baseline),
      ratio: Math.round((final.ours / final.baseline) * 1000) / 1000,
      unit: 'deliveries/s',
    });
  }
} finally {
  publisher.close();
  await ours.close();
  await subscribers.worker.terminate();
}
