/**
 * The WebSocket gateway at /ws: the handshake (path, Origin, session cookie), parsing and
 * dispatching client events to the features that registered for them, errors as error events,
 * heartbeats, per-user rate limits, and closing the sockets of ended sessions.
 * Each connection's events are handled one after another, so a client's sends keep their order.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  ClientEventSchema,
  clientEventTypes,
  closeCodes,
  HEARTBEAT_INTERVAL_MS,
  MAX_FRAME_BYTES,
  pickLanguage,
  PROTOCOL_VERSION,
  translateFieldMessage,
  type ClientEvent,
  type GatewayErrorCode,
  type Language,
} from '@airtalk/contracts';
import type { Logger } from 'pino';
import type WebSocket from 'ws';
import { WebSocketServer, type RawData } from 'ws';
import { isSameOriginOrNonBrowser } from '../http/csrf.js';
import { fieldsFromIssues } from '../http/error-handler.js';
import { findNul } from '../http/nul-guard.js';
import { AppError } from '../http/errors.js';
import { Connection, type ConnectionIdentity } from './connection.js';
import type { RealtimeHub } from './hub.js';
import { TokenBuckets, type TokenBucketRule } from './token-bucket.js';

export const GATEWAY_PATH = '/ws';
const SLOW_CONSUMER_CLOSE_GRACE_MS = 2000;
/** How long a shutdown waits for clients to leave and for their leaving to be recorded. */
const CLOSE_WAIT_MS = 2000;
/** Full buckets are forgotten after this long unused; keeping them shorter would give a reconnect a new burst. */
const IDLE_BUCKET_TTL_MS = 10 * 60 * 1000;

export type ClientEventOf<T extends ClientEvent['type']> = Extract<ClientEvent, { type: T }>;
export type EventHandler<T extends ClientEvent['type']> = (
  connection: GatewayConnection,
  event: ClientEventOf<T>,
) => Promise<void> | void;

/** What a feature sees of a connection. */
export interface GatewayConnection {
  readonly id: string;
  readonly identity: ConnectionIdentity;
  readonly language: Language;
  /** The hub topics this connection listens to. */
  readonly topics: ReadonlySet<string>;
  send(event: unknown): void;
  join(topic: string): Promise<void>;
  leave(topic: string): void;
  /** Resolves once the connection's outbound buffer has room again: long replays wait here. */
  writable(): Promise<void>;
}

export interface GatewayLimits {
  events: TokenBucketRule;
  /** Outbound bytes a connection may have waiting before it is dropped as a slow consumer. */
  maxBufferedBytes: number;
  /** Events of one connection waiting to be handled before it must slow down. */
  maxQueuedEvents: number;
  /** Malformed frames in a row before the connection is closed. */
  maxConsecutiveMalformed: number;
  /** How often a connection's session is checked again (it may have expired) and kept alive. */
  revalidateEveryMs: number;
  heartbeatIntervalMs: number;
}

export const defaultGatewayLimits: GatewayLimits = {
  events: { ratePerSecond: 20, burst: 60 },
  maxBufferedBytes: 1024 * 1024,
  maxQueuedEvents: 100,
  maxConsecutiveMalformed: 10,
  revalidateEveryMs: 5 * 60 * 1000,
  heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
};

export interface GatewayDeps {
  hub: RealtimeHub;
  logger: Logger;
  nowMs: () => number;
  /** Origins a browser page may open the socket from. */
  allowedOrigins: string[];
  /** The session behind the handshake's cookies, or null; called again every revalidateEveryMs. */
  authenticate(request: IncomingMessage): Promise<ConnectionIdentity | null>;
  limits?: Partial<GatewayLimits>;
}

type Lifecycle = (connection: GatewayConnection) => Promise<void> | void;

interface ConnectionState {
  connection: Connection;
  view: GatewayConnection;
  request: IncomingMessage;
  queue: Promise<void>;
  /** The connect hooks' run: a disconnect waits for it, so it never counts out before the count in. */
  connected: Promise<void>;
  queued: number;
  malformedInRow: number;
  revalidatedAtMs: number;
}

function errorEvent(code: GatewayErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return { type: 'error', code, message, ...extra } as const;
}

/** The `ref` a failed event is answered with: a message's client id (what the outbox knows it by), else its ref. */
function refOf(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const record = event as Record<string, unknown>;
  const ref = typeof record.clientId === 'string' ? record.clientId : record.ref;
  return typeof ref === 'string' ? ref.slice(0, 64) : undefined;
}

function refuseHandshake(socket: Duplex, status: number, statusText: string, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

type ErrorEvent = ReturnType<typeof errorEvent>;

/** Running totals for the metrics endpoint. */
export interface GatewayStats {
  eventsByType: Map<string, number>;
  errorsByCode: Map<string, number>;
  slowConsumersDropped: number;
  heartbeatTimeouts: number;
}

export class Gateway {
  readonly stats: GatewayStats = {
    eventsByType: new Map(),
    errorsByCode: new Map(),
    slowConsumersDropped: 0,
    heartbeatTimeouts: 0,
  };
  private readonly limits: GatewayLimits;
  private readonly wss: WebSocketServer;
  private readonly states = new Map<string, ConnectionState>();
  private readonly handlers = new Map<string, EventHandler<ClientEvent['type']>>();
  private readonly connectHooks: Lifecycle[] = [];
  private readonly disconnectHooks: Lifecycle[] = [];
  private readonly buckets: TokenBuckets;
  private readonly allowedOrigins: ReadonlySet<string>;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly disconnecting = new Set<Promise<void>>();
  private closing = false;

  constructor(private readonly deps: GatewayDeps) {
    this.limits = { ...defaultGatewayLimits, ...deps.limits };
    this.buckets = new TokenBuckets(this.limits.events, deps.nowMs);
    this.allowedOrigins = new Set(deps.allowedOrigins);
    // Compression is off: a compressed frame is per socket, so it could not be framed once and shared.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  }

  on<T extends ClientEvent['type']>(type: T, handler: EventHandler<T>): void {
    if (this.handlers.has(type)) throw new Error(`Gateway event ${type} has a handler already.`);
    this.handlers.set(type, handler as unknown as EventHandler<ClientEvent['type']>);
  }

  /** Runs when a connection is authenticated, before `ready` is sent (join topics here). */
  onConnect(hook: Lifecycle): void {
    this.connectHooks.push(hook);
  }

  onDisconnect(hook: Lifecycle): void {
    this.disconnectHooks.push(hook);
  }

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      void this.handshake(request, socket, head).catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'websocket handshake failed');
        if (!socket.destroyed) refuseHandshake(socket, 500, 'Internal Server Error', 'INTERNAL', 'Try again.');
      });
    });
    this.heartbeat = setInterval(() => {
      this.beat();
    }, this.limits.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  /** Closes every socket of these sessions at once (signed out, revoked, account erased). */
  closeSessions(sessionIds: readonly string[]): void {
    const ended = new Set(sessionIds);
    for (const state of this.states.values()) {
      if (ended.has(state.connection.identity.sessionId)) {
        state.connection.close(closeCodes.sessionEnded, 'session ended');
      }
    }
  }

  get connectionCount(): number {
    return this.states.size;
  }

  /**
   * Tells every client to reconnect elsewhere, waits (briefly) for them to go and for what their
   * going sets off (presence, rooms) to finish, so nothing writes after the database closes.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const state of this.states.values()) state.connection.close(closeCodes.goingAway, 'server shutting down');
    const deadlineMs = Date.now() + CLOSE_WAIT_MS;
    while (this.states.size > 0 && Date.now() < deadlineMs) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const state of this.states.values()) state.connection.terminate();
    while (this.disconnecting.size > 0 && Date.now() < deadlineMs + CLOSE_WAIT_MS) {
      await Promise.allSettled([...this.disconnecting]);
    }
    await new Promise<void>((resolve) => {
      this.wss.close(() => {
        resolve();
      });
    });
  }

  private async handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (path !== GATEWAY_PATH) {
      refuseHandshake(socket, 404, 'Not Found', 'NOT_FOUND', 'No WebSocket endpoint here.');
      return;
    }
    if (this.closing) {
      refuseHandshake(socket, 503, 'Service Unavailable', 'SERVER_BUSY', 'The server is restarting.');
      return;
    }
    // A page on another site could otherwise open a socket with the visitor's cookie; the rule is
    // the CSRF guard's (ADR 0004): the public origin or the page's own host, or no browser at all.
    if (!isSameOriginOrNonBrowser(request.headers, this.allowedOrigins)) {
      refuseHandshake(socket, 403, 'Forbidden', 'FORBIDDEN', 'This origin may not open the chat connection.');
      return;
    }
    const identity = await this.deps.authenticate(request);
    if (!identity) {
      refuseHandshake(socket, 401, 'Unauthorized', 'UNAUTHENTICATED', 'Sign in to continue.');
      return;
    }
    if (socket.destroyed) return;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.accept(ws, socket, request, identity);
    });
  }

  private accept(ws: WebSocket, socket: Duplex, request: IncomingMessage, identity: ConnectionIdentity): void {
    const language = pickLanguage(request.headers['accept-language']);
    const connection = new Connection(
      randomUUID(),
      identity,
      ws,
      socket,
      this.deps.hub,
      this.limits.maxBufferedBytes,
      (dropped) => {
        this.stats.slowConsumersDropped += 1;
        this.deps.logger.warn({ userId: dropped.identity.userId }, 'websocket dropped: slow consumer');
        // The close frame queues behind what the client has not read; a client that reads no more is cut.
        dropped.close(closeCodes.slowConsumer, 'slow consumer');
        setTimeout(() => {
          dropped.terminate();
        }, SLOW_CONSUMER_CLOSE_GRACE_MS).unref();
      },
    );
    const view: GatewayConnection = {
      id: connection.id,
      identity,
      language,
      topics: connection.topics,
      send: (event) => {
        this.deps.hub.send(connection, event);
      },
      join: (topic) => this.deps.hub.join(connection, topic),
      leave: (topic) => {
        this.deps.hub.leave(connection, topic);
      },
      writable: () => connection.writable(),
    };
    const state: ConnectionState = {
      connection,
      view,
      request,
      queue: Promise.resolve(),
      connected: Promise.resolve(),
      queued: 0,
      malformedInRow: 0,
      revalidatedAtMs: this.deps.nowMs(),
    };
    this.states.set(connection.id, state);
    ws.on('pong', () => {
      connection.answeredPing = true;
    });
    ws.on('message', (data, isBinary) => {
      this.receive(state, data, isBinary);
    });
    ws.on('error', (error) => {
      // An oversized frame closes with 1009 inside ws; the error only needs a trace.
      this.deps.logger.debug({ err: error }, 'websocket error');
    });
    ws.on('close', () => {
      const leaving = this.disconnect(state);
      this.disconnecting.add(leaving);
      void leaving.finally(() => this.disconnecting.delete(leaving));
    });
    // `ready` goes first; the connect hooks (joining the user's topic) run at the head of the
    // connection's queue, so the client's first sync is handled only once live events flow too.
    view.send({
      type: 'ready',
      protocol: PROTOCOL_VERSION,
      userId: identity.userId,
      heartbeatIntervalMs: this.limits.heartbeatIntervalMs,
      maxFrameBytes: MAX_FRAME_BYTES,
    });
    state.connected = (async () => {
      try {
        for (const hook of this.connectHooks) await hook(view);
      } catch (error) {
        this.deps.logger.error({ err: error }, 'websocket connect hook failed');
        connection.close(closeCodes.internalError, 'try again');
      }
    })();
    state.queue = state.connected;
  }

  private async disconnect(state: ConnectionState): Promise<void> {
    if (!this.states.delete(state.connection.id)) return;
    await state.connected;
    this.deps.hub.leaveAll(state.connection);
    for (const hook of this.disconnectHooks) {
      try {
        await hook(state.view);
      } catch (error) {
        this.deps.logger.error({ err: error }, 'websocket disconnect hook failed');
      }
    }
  }

  private receive(state: ConnectionState, data: RawData, isBinary: boolean): void {
    const { connection, view } = state;
    connection.answeredPing = true;
    // Every frame costs from the budget, malformed ones too: garbage must not be free to send.
    const waitMs = this.buckets.take(connection.identity.userId);
    const parsed = this.parse(data, isBinary);
    if ('error' in parsed) {
      this.sendError(view, parsed.error);
      state.malformedInRow += 1;
      if (state.malformedInRow >= this.limits.maxConsecutiveMalformed) {
        connection.close(closeCodes.protocolViolation, 'too many malformed frames');
      }
      return;
    }
    const rawEvent = parsed.value;
    // PostgreSQL cannot store a NUL and no field has a use for one, as on the HTTP API.
    const nulAt = findNul(rawEvent);
    const result = nulAt === null ? ClientEventSchema.safeParse(rawEvent) : null;
    if (result === null) {
      state.malformedInRow += 1;
      this.sendError(
        view,
        errorEvent('VALIDATION_FAILED', 'This event has fields that need attention.', {
          ref: refOf(rawEvent),
          fields: { [nulAt ?? 'body']: translateFieldMessage('field.invalid', view.language) },
        }),
      );
      if (state.malformedInRow >= this.limits.maxConsecutiveMalformed) {
        connection.close(closeCodes.protocolViolation, 'too many malformed frames');
      }
      return;
    }
    if (!result.success) {
      state.malformedInRow += 1;
      this.sendError(
        view,
        errorEvent('VALIDATION_FAILED', 'This event has fields that need attention.', {
          ref: refOf(rawEvent),
          fields: fieldsFromIssues(result.error.issues, view.language),
        }),
      );
      if (state.malformedInRow >= this.limits.maxConsecutiveMalformed) {
        connection.close(closeCodes.protocolViolation, 'too many malformed frames');
      }
      return;
    }
    state.malformedInRow = 0;
    const event = result.data;
    if (waitMs > 0 || state.queued >= this.limits.maxQueuedEvents) {
      this.sendError(
        view,
        errorEvent('RATE_LIMITED', 'Too many events. Slow down.', {
          ref: refOf(event),
          retryAfterMs: Math.max(waitMs, 100),
        }),
      );
      return;
    }
    state.queued += 1;
    state.queue = state.queue.then(async () => {
      try {
        await this.revalidate(state);
        if (connection.isOpen) await this.dispatch(view, event);
      } catch (error) {
        this.deps.logger.error({ err: error, eventType: event.type }, 'websocket event could not be handled');
      } finally {
        state.queued -= 1;
      }
    });
  }

  private parse(data: RawData, isBinary: boolean): { value: unknown } | { error: ErrorEvent } {
    if (isBinary) return { error: errorEvent('MALFORMED_FRAME', 'Frames are JSON text, not binary.') };
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
    const text = bytes.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { error: errorEvent('MALFORMED_FRAME', 'A frame must be one JSON object.') };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { error: errorEvent('MALFORMED_FRAME', 'A frame must be one JSON object.') };
    }
    const type = (value as Record<string, unknown>).type;
    if (typeof type !== 'string' || !(clientEventTypes as readonly string[]).includes(type)) {
      return {
        error: errorEvent('UNKNOWN_EVENT', `Unknown event type. Known: ${clientEventTypes.join(', ')}.`, {
          ref: refOf(value),
        }),
      };
    }
    return { value };
  }

  private sendError(view: GatewayConnection, event: ErrorEvent): void {
    this.stats.errorsByCode.set(event.code, (this.stats.errorsByCode.get(event.code) ?? 0) + 1);
    view.send(event);
  }

  private async dispatch(view: GatewayConnection, event: ClientEvent): Promise<void> {
    this.stats.eventsByType.set(event.type, (this.stats.eventsByType.get(event.type) ?? 0) + 1);
    const handler = this.handlers.get(event.type);
    if (!handler) {
      this.sendError(view, errorEvent('UNKNOWN_EVENT', `Nothing handles ${event.type} here.`, { ref: refOf(event) }));
      return;
    }
    try {
      await handler(view, event);
    } catch (error) {
      this.sendError(view, this.toErrorEvent(error, event, view.language));
    }
  }

  private toErrorEvent(error: unknown, event: ClientEvent, language: Language) {
    const ref = refOf(event);
    if (error instanceof AppError) {
      const fields = error.fields
        ? Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, translateFieldMessage(v, language)]))
        : undefined;
      return errorEvent(error.code, error.message, {
        ref,
        ...(fields ? { fields } : {}),
        ...(error.retryAfterSeconds !== undefined ? { retryAfterMs: error.retryAfterSeconds * 1000 } : {}),
      });
    }
    this.deps.logger.error({ err: error, eventType: event.type }, 'websocket event failed');
    return errorEvent('INTERNAL', 'Something went wrong. Try again.', { ref });
  }

  /** A long-lived socket outlives its session's idle time unless it is checked and kept alive. */
  private async revalidate(state: ConnectionState): Promise<void> {
    const nowMs = this.deps.nowMs();
    if (nowMs - state.revalidatedAtMs < this.limits.revalidateEveryMs) return;
    state.revalidatedAtMs = nowMs;
    let identity: ConnectionIdentity | null;
    try {
      identity = await this.deps.authenticate(state.request);
    } catch (error) {
      // A database hiccup is no proof the session ended: keep the socket, check again next time.
      this.deps.logger.warn({ err: error }, 'websocket session check failed');
      return;
    }
    if (!identity || identity.sessionId !== state.connection.identity.sessionId) {
      state.connection.close(closeCodes.sessionEnded, 'session ended');
    }
  }

  private beat(): void {
    this.buckets.prune(IDLE_BUCKET_TTL_MS);
    for (const state of this.states.values()) {
      const { connection } = state;
      if (!connection.answeredPing) {
        this.stats.heartbeatTimeouts += 1;
        connection.terminate();
        continue;
      }
      connection.answeredPing = false;
      connection.ping();
      void state.queue.then(() => this.revalidate(state)).catch(() => undefined);
    }
  }
}
