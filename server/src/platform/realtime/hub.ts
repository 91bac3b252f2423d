/**
 * Topics of live connections, across nodes. A topic (a user, later a room) is subscribed on the
 * bus once per node while any local connection listens to it; an event published to a topic is
 * serialised once by the publisher, framed once by each node and written to every local listener.
 */
import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { Connection, FlushScheduler } from './connection.js';
import { encodeEvent, encodeTextFrame } from './frame.js';

const BUS_TOPIC_PREFIX = 'rt.';

/** An event that some users of the topic must not receive (a room message across a block). */
interface ExcludingEnvelope {
  event: string;
  exclude: string[];
}

function isExcludingEnvelope(payload: unknown): payload is ExcludingEnvelope {
  if (typeof payload !== 'object' || payload === null) return false;
  const candidate = payload as Record<string, unknown>;
  return typeof candidate.event === 'string' && Array.isArray(candidate.exclude);
}

interface TopicState {
  connections: Set<Connection>;
  subscription: Promise<() => Promise<void>>;
}

export class RealtimeHub implements FlushScheduler {
  private readonly topics = new Map<string, TopicState>();
  private readonly dirty = new Set<Connection>();
  private flushScheduled = false;

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
  ) {}

  /** Starts delivering the topic's events to the connection; resolves once this node listens on the bus. */
  async join(connection: Connection, topic: string): Promise<void> {
    // A handler that resumes after its socket closed must not subscribe the dead connection.
    if (connection.ended()) return;
    let state = this.topics.get(topic);
    if (!state) {
      state = {
        connections: new Set(),
        subscription: this.bus.subscribe(BUS_TOPIC_PREFIX + topic, (payload) => {
          if (typeof payload === 'string') this.deliverLocal(topic, payload, null);
          else if (isExcludingEnvelope(payload)) this.deliverLocal(topic, payload.event, new Set(payload.exclude));
        }),
      };
      this.topics.set(topic, state);
    }
    state.connections.add(connection);
    connection.topics.add(topic);
    await state.subscription;
    if (connection.ended()) this.leave(connection, topic);
  }

  leave(connection: Connection, topic: string): void {
    connection.topics.delete(topic);
    const state = this.topics.get(topic);
    if (!state) return;
    state.connections.delete(connection);
    if (state.connections.size > 0) return;
    this.topics.delete(topic);
    void state.subscription
      .then((unsubscribe) => unsubscribe())
      .catch((error: unknown) => {
        this.logger.error({ err: error, topic }, 'realtime unsubscribe failed');
      });
  }

  leaveAll(connection: Connection): void {
    for (const topic of [...connection.topics]) this.leave(connection, topic);
    this.dirty.delete(connection);
  }

  /**
   * Sends an event to every connection on the topic, on every node; connections of the users in
   * `excludeUserIds` are skipped (the event is still framed once).
   */
  async publish(topic: string, event: unknown, excludeUserIds: readonly string[] = []): Promise<void> {
    const serialised = JSON.stringify(event);
    const payload: string | ExcludingEnvelope =
      excludeUserIds.length === 0 ? serialised : { event: serialised, exclude: [...excludeUserIds] };
    await this.bus.publish(BUS_TOPIC_PREFIX + topic, payload);
  }

  /** Sends one event to several topics (both people of a conversation), serialised once. */
  async publishToEach(topics: readonly string[], event: unknown): Promise<void> {
    const serialised = JSON.stringify(event);
    for (const topic of topics) await this.bus.publish(BUS_TOPIC_PREFIX + topic, serialised);
  }

  /** Sends an event to one local connection. */
  send(connection: Connection, event: unknown): void {
    connection.enqueue(encodeEvent(event));
  }

  /** The topics this node listens to (for tests that look for leaks). */
  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  /** Local connections listening on a topic (for counts and tests). */
  listeners(topic: string): number {
    return this.topics.get(topic)?.connections.size ?? 0;
  }

  markDirty(connection: Connection): void {
    this.dirty.add(connection);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const connections = [...this.dirty];
      this.dirty.clear();
      for (const each of connections) each.flush();
    });
  }

  private deliverLocal(topic: string, serialisedEvent: string, exclude: ReadonlySet<string> | null): void {
    const state = this.topics.get(topic);
    if (!state || state.connections.size === 0) return;
    const frame = encodeTextFrame(Buffer.from(serialisedEvent, 'utf8'));
    for (const connection of state.connections) {
      if (exclude?.has(connection.identity.userId)) continue;
      connection.enqueue(frame);
    }
  }
}
