/**
 * The one connection to the chat gateway (/ws). It owns the socket and everything that keeps it
 * honest: reconnecting with backoff (never after the session ended), an app-level ping that finds
 * a dead socket, the sequencer that releases every message exactly once and in order (asking for
 * a replay when one is missing), and the outbox, whose pending messages are sent again with the
 * same client id after every reconnect. What happens is told to one listener as notices; the
 * connection knows nothing of screens. Live rooms share the socket: their events pass through
 * as they are (`room` notices), and so do the errors answering an event whose ref starts with
 * ROOM_REF_PREFIX.
 */
import {
  ChatSequencer,
  closeCodes,
  ServerEventSchema,
  type ClientEvent,
  type ConversationView,
  type MessageView,
  type ServerEvent,
  type ServerEventOf,
} from '@airtalk/contracts';
import { ApiError, isApiError, type ApiErrorCode } from '../../lib';
import { reconnectDelayMs } from './backoff';
import { Outbox, type NewEntry, type OutboxEntry } from './outbox';

/** An app-level ping this often while connected… */
export const PING_INTERVAL_MS = 25_000;
/** …and a connection that has said nothing this long after a ping (or after opening) is dead. */
export const PONG_TIMEOUT_MS = 10_000;
/** Delivery receipts wait this long, so a burst of messages is acknowledged once. */
export const DELIVERED_DEBOUNCE_MS = 400;
/**
 * Conversations per `sync`, the next batch only after this one's replies: a replay is written as
 * fast as the database reads it, and a socket that falls a megabyte behind is dropped.
 */
export const SYNC_BATCH_CONVERSATIONS = 8;
/** A send the server could not handle (INTERNAL) is tried again this often before it shows as failed. */
export const AUTOMATIC_RESENDS_MAX = 2;
const INTERNAL_RESEND_DELAY_MS = 1000;
const RATE_LIMITED_MIN_WAIT_MS = 100;

/** The part of a browser WebSocket the connection uses, so tests can stand in for it. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

const SOCKET_OPEN = 1;

/** Room events carry refs starting with this, so their errors find their way back to the room. */
export const ROOM_REF_PREFIX = 'room-';

/** The server events of live rooms, and the errors that answer a room's own events. */
export type RoomServerEvent = Extract<ServerEvent, { type: `room.${string}` }> | ServerEventOf<'error'>;
export type RoomClientEvent = Extract<ClientEvent, { type: `room.${string}` }>;

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'ended' | 'stopped';

export type ConnectionNotice =
  | { type: 'status'; status: ConnectionStatus }
  /** The gateway is ready; `resumed` after a reconnect, when anything may have changed meanwhile. */
  | { type: 'ready'; resumed: boolean }
  /** A connection closed before it was ready: the network, the server, or perhaps the session. */
  | { type: 'attemptFailed' }
  /** New messages, each exactly once, in order within its conversation. */
  | { type: 'messages'; messages: MessageView[] }
  /** The server stored a message this client sent. */
  | { type: 'ack'; clientId: string; message: MessageView }
  | { type: 'outbox'; entries: readonly OutboxEntry[] }
  | { type: 'sendFailed'; entry: OutboxEntry; error: ApiError }
  | { type: 'receipt'; event: ServerEventOf<'receipt'> }
  | { type: 'typing'; event: ServerEventOf<'typing'> }
  | { type: 'presence'; event: ServerEventOf<'presence'> }
  | { type: 'conversation'; conversation: ConversationView }
  /** A live room's event (or the error answering one), for the room on screen. */
  | { type: 'room'; event: RoomServerEvent }
  | { type: 'sessionEnded' };

export interface ConnectionOptions {
  openSocket: () => SocketLike;
  listener: (notice: ConnectionNotice) => void;
  /** Sends a message over HTTP, for a retry while the socket is down. */
  sendOverHttp: (entry: OutboxEntry) => Promise<MessageView>;
  random?: () => number;
}

function sendEventOf(entry: OutboxEntry): ClientEvent | null {
  const { clientId, conversationId, content } = entry;
  if (content.kind === 'text') return { type: 'send', clientId, conversationId, kind: 'text', text: content.text };
  const { mediaId, kind } = content.media;
  return mediaId === null ? null : { type: 'send', clientId, conversationId, kind, mediaId };
}

/** Gateway-only codes mean the client sent something the server could not read: our fault, not the person's. */
function errorCodeOf(code: ServerEventOf<'error'>['code']): ApiErrorCode {
  return code === 'UNKNOWN_EVENT' || code === 'MALFORMED_FRAME' ? 'UNEXPECTED_RESPONSE' : code;
}

export class ChatConnection {
  private readonly sequencer = new ChatSequencer();
  private readonly tracked = new Set<string>();
  private readonly outbox = new Outbox();
  private readonly random: () => number;
  private socket: SocketLike | null = null;
  private currentStatus: ConnectionStatus = 'stopped';
  private ready = false;
  private everReady = false;
  private failedAttempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private watchdogTimer: ReturnType<typeof setTimeout> | null = null;
  private expiryTimer: ReturnType<typeof setTimeout> | null = null;
  private deliveredTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly deliveredSeqs = new Map<string, number>();
  /** Conversations waiting for a replay, and the batch whose replay is on its way (asked once). */
  private syncQueue: string[] = [];
  private readonly syncing = new Set<string>();
  private syncRef: { ref: string; batch: string[] } | null = null;
  private nextSyncRef = 0;
  private readonly automaticResends = new Map<string, number>();
  private readonly resendTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private watched: string[] = [];
  /** When the connection was last lost (or first sought); null while it is open. */
  private offlineSinceMs: number | null = null;

  constructor(private readonly options: ConnectionOptions) {
    this.random = options.random ?? Math.random;
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  get entries(): readonly OutboxEntry[] {
    return this.outbox.entries;
  }

  start(): void {
    if (this.currentStatus !== 'stopped') return;
    this.connect();
  }

  /** Closes for good: signed out, or the app is going away. */
  stop(): void {
    this.clearTimers();
    this.dropSocket(1000);
    this.setStatus('stopped');
  }

  /** The browser says the network is back: try now instead of waiting, or check the socket still works. */
  reconnectNow(): void {
    if (this.currentStatus === 'reconnecting') {
      this.failedAttempts = 0;
      this.clearTimer('reconnectTimer');
      this.connect();
    } else if (this.currentStatus === 'open') {
      this.ping();
    }
  }

  /** The browser says the network is gone: the socket is dead even if it has not noticed. */
  networkLost(): void {
    if (this.currentStatus === 'open' || this.currentStatus === 'connecting') this.connectionLost();
  }

  /**
   * Follows a conversation from `lastSeq` on: what came before is history, loaded over HTTP. A
   * cursor only moves forward; if messages were held behind a gap, a replay from the new cursor
   * brings them back.
   */
  track(conversationId: string, lastSeq: number): void {
    const before = this.sequencer.lastSeq(conversationId);
    const hadGap = this.sequencer.hasGap(conversationId);
    if (this.tracked.has(conversationId) && before >= lastSeq) return;
    this.tracked.add(conversationId);
    this.sequencer.track(conversationId, lastSeq);
    if (hadGap) this.requestSync([conversationId]);
  }

  lastSeq(conversationId: string): number {
    return this.sequencer.lastSeq(conversationId);
  }

  /** Queues a message; it goes out at once when connected (after its upload, for media). */
  queue(entry: NewEntry): OutboxEntry {
    const added = this.outbox.add(entry, Date.now());
    this.outboxChanged();
    this.transmit(added);
    return added;
  }

  uploadProgress(clientId: string, uploadPercent: number | null): void {
    if (this.outbox.progress(clientId, uploadPercent)) this.outboxChanged();
  }

  uploaded(clientId: string, mediaId: string): void {
    if (!this.outbox.uploaded(clientId, mediaId)) return;
    this.outboxChanged();
    const entry = this.outbox.find(clientId);
    if (entry) this.transmit(entry);
  }

  fail(clientId: string, error: ApiError): void {
    const entry = this.outbox.find(clientId);
    if (!entry || !this.outbox.fail(clientId, error)) return;
    this.outboxChanged();
    const failed = this.outbox.find(clientId);
    if (failed) this.options.listener({ type: 'sendFailed', entry: failed, error });
  }

  /**
   * Tries a failed message again with the same client id: over the socket when it is up, else
   * over HTTP, so a retry works even where the socket cannot get through.
   */
  retry(clientId: string): OutboxEntry | undefined {
    const entry = this.outbox.retry(clientId, Date.now());
    if (!entry) return undefined;
    this.outboxChanged();
    if (entry.state === 'pending' && !this.transmit(entry)) this.sendOverHttp(entry);
    return entry;
  }

  /** Takes a message out of the outbox without sending it (the person gave up on it). */
  discard(clientId: string): OutboxEntry | undefined {
    this.forgetResends(clientId);
    const removed = this.outbox.remove(clientId);
    if (removed) this.outboxChanged();
    return removed;
  }

  /** Tells the sender the messages up to `seq` reached this device; a burst is sent as one receipt. */
  markDelivered(conversationId: string, seq: number): void {
    this.deliveredSeqs.set(conversationId, Math.max(seq, this.deliveredSeqs.get(conversationId) ?? 0));
    if (this.deliveredTimer !== null) return;
    this.deliveredTimer = setTimeout(() => {
      this.deliveredTimer = null;
      for (const [id, deliveredSeq] of this.deliveredSeqs) {
        this.sendEvent({ type: 'delivered', conversationId: id, seq: deliveredSeq });
      }
      this.deliveredSeqs.clear();
    }, DELIVERED_DEBOUNCE_MS);
  }

  /** True when the receipt went out; a receipt missed while disconnected is sent again after reconnecting by the caller. */
  markRead(conversationId: string, seq: number): boolean {
    return this.sendEvent({ type: 'read', conversationId, seq });
  }

  sendTyping(conversationId: string, active: boolean): boolean {
    return this.sendEvent({ type: 'typing', conversationId, active });
  }

  /** Sends a live room's event now; false while the connection is not ready (the room asks again on `ready`). */
  sendRoomEvent(event: RoomClientEvent): boolean {
    return this.sendEvent(event);
  }

  /** Replaces the people whose presence is reported; kept for the next connection too. */
  watchPresence(userIds: string[]): void {
    const same = userIds.length === this.watched.length && userIds.every((id, index) => this.watched[index] === id);
    if (same) return;
    this.watched = userIds;
    this.sendEvent({ type: 'watchPresence', userIds });
  }

  private connect(): void {
    this.ready = false;
    this.offlineSinceMs ??= Date.now();
    this.setStatus('connecting');
    let socket: SocketLike;
    try {
      socket = this.options.openSocket();
    } catch {
      this.connectionLost();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (event.code === closeCodes.sessionEnded) this.sessionEnded();
      else this.connectionLost();
    };
    socket.onerror = () => undefined;
    // A socket that opens and then says nothing is as dead as one that never opens.
    this.armWatchdog();
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = ServerEventSchema.safeParse(json);
    // Anything alive is proof enough that the connection works.
    this.clearTimer('watchdogTimer');
    if (!parsed.success) return;
    this.handle(parsed.data);
  }

  private handle(event: ServerEvent): void {
    switch (event.type) {
      case 'ready':
        this.onReady();
        return;
      case 'message':
        this.release([event.message]);
        return;
      case 'ack':
        this.onAck(event.clientId, event.message);
        return;
      case 'synced':
        this.onSynced(event);
        return;
      case 'error':
        this.onError(event);
        return;
      case 'receipt':
        this.options.listener({ type: 'receipt', event });
        return;
      case 'typing':
        this.options.listener({ type: 'typing', event });
        return;
      case 'presence':
        this.options.listener({ type: 'presence', event });
        return;
      case 'conversation':
        this.track(event.conversation.id, event.conversation.lastSeq);
        this.options.listener({ type: 'conversation', conversation: event.conversation });
        return;
      case 'pong':
        return;
      case 'room.state':
      case 'room.message':
      case 'room.synced':
      case 'room.speaking':
      case 'room.signal':
      case 'room.renegotiate':
      case 'room.ended':
        this.options.listener({ type: 'room', event });
        return;
    }
  }

  private onReady(): void {
    const resumed = this.everReady;
    this.ready = true;
    this.everReady = true;
    this.failedAttempts = 0;
    this.offlineSinceMs = null;
    this.resetSync();
    this.setStatus('open');
    this.clearTimer('expiryTimer');
    this.options.listener({ type: 'ready', resumed });
    this.requestSync(this.sequencer.cursors().map((cursor) => cursor.conversationId));
    if (this.watched.length > 0) this.sendEvent({ type: 'watchPresence', userIds: this.watched });
    for (const entry of this.outbox.sendable) this.transmit(entry);
    this.clearTimer('pingTimer');
    this.pingTimer = setInterval(() => {
      this.ping();
    }, PING_INTERVAL_MS);
  }

  /**
   * Every message passes through here, whatever brought it (live, replay, ack). Messages are held
   * for the conversation's sequencer; a conversation seen for the first time is followed from this
   * message on, its history being the HTTP API's business.
   */
  private release(incoming: MessageView[]): void {
    const released: MessageView[] = [];
    const gaps = new Set<string>();
    for (const message of incoming) {
      if (!this.tracked.has(message.conversationId)) this.track(message.conversationId, message.seq - 1);
      released.push(...this.sequencer.accept(message));
      if (this.sequencer.hasGap(message.conversationId)) gaps.add(message.conversationId);
    }
    // A message of ours that comes back by any road is delivered: its pending copy is done.
    let outboxChanged = false;
    for (const message of released) {
      if (message.clientId === null) continue;
      const entry = this.outbox.find(message.clientId);
      if (entry?.conversationId === message.conversationId) {
        this.forgetResends(message.clientId);
        this.outbox.remove(message.clientId);
        outboxChanged = true;
      }
    }
    if (released.length > 0) this.options.listener({ type: 'messages', messages: released });
    if (outboxChanged) this.outboxChanged();
    if (gaps.size > 0) this.requestSync([...gaps]);
  }

  private onAck(clientId: string, message: MessageView): void {
    this.forgetResends(clientId);
    if (this.outbox.remove(clientId)) this.outboxChanged();
    this.options.listener({ type: 'ack', clientId, message });
    this.release([message]);
  }

  private onSynced(event: ServerEventOf<'synced'>): void {
    this.syncDone(event.conversationId);
    // A replay stopped at its batch limit, or a message is still missing: ask again, first.
    if (event.more || this.sequencer.hasGap(event.conversationId)) {
      this.syncQueue = [event.conversationId, ...this.syncQueue.filter((id) => id !== event.conversationId)];
    }
    this.pumpSync();
  }

  private onError(event: ServerEventOf<'error'>): void {
    if (event.ref === undefined) return;
    if (event.ref.startsWith(ROOM_REF_PREFIX)) {
      this.options.listener({ type: 'room', event });
      return;
    }
    if (this.syncRef?.ref === event.ref) {
      // A refused cursor names its place in the batch; the others are replayed all the same.
      const index = Object.keys(event.fields ?? {})
        .map((path) => /^cursors\.(\d+)\./.exec(path)?.[1])
        .find((found) => found !== undefined);
      const refused = index === undefined ? undefined : this.syncRef.batch[Number(index)];
      for (const id of refused === undefined ? [...this.syncing] : [refused]) this.syncDone(id);
      this.pumpSync();
      return;
    }
    const entry = this.outbox.find(event.ref);
    if (!entry) return;
    const error = new ApiError({
      status: 0,
      code: errorCodeOf(event.code),
      message: event.message,
      fields: event.fields ?? {},
      retryAfterSeconds: event.retryAfterMs === undefined ? null : Math.ceil(event.retryAfterMs / 1000),
    });
    // Passing trouble: the same client id goes again by itself, and the person sees it pending.
    if (event.code === 'RATE_LIMITED') {
      this.resendLater(entry, Math.max(RATE_LIMITED_MIN_WAIT_MS, event.retryAfterMs ?? 0));
      return;
    }
    const resends = this.automaticResends.get(entry.clientId) ?? 0;
    if (event.code === 'INTERNAL' && resends < AUTOMATIC_RESENDS_MAX) {
      this.automaticResends.set(entry.clientId, resends + 1);
      this.resendLater(entry, INTERNAL_RESEND_DELAY_MS);
      return;
    }
    this.forgetResends(entry.clientId);
    this.fail(entry.clientId, error);
  }

  private resendLater(entry: OutboxEntry, delayMs: number): void {
    const pending = this.resendTimers.get(entry.clientId);
    if (pending !== undefined) clearTimeout(pending);
    this.resendTimers.set(
      entry.clientId,
      setTimeout(() => {
        this.resendTimers.delete(entry.clientId);
        const current = this.outbox.find(entry.clientId);
        if (current) this.transmit(current);
      }, delayMs),
    );
  }

  private forgetResends(clientId: string): void {
    this.automaticResends.delete(clientId);
    const timer = this.resendTimers.get(clientId);
    if (timer !== undefined) clearTimeout(timer);
    this.resendTimers.delete(clientId);
  }

  /** Queues replays from the cursors of these conversations; each is asked for once at a time. */
  private requestSync(conversationIds: string[]): void {
    for (const id of conversationIds) {
      if (!this.syncing.has(id) && !this.syncQueue.includes(id)) this.syncQueue.push(id);
    }
    this.pumpSync();
  }

  /** Sends the next batch of the queue once the previous batch has been answered. */
  private pumpSync(): void {
    if (!this.ready || this.syncing.size > 0 || this.syncQueue.length === 0) return;
    const batch = this.syncQueue.slice(0, SYNC_BATCH_CONVERSATIONS);
    this.nextSyncRef += 1;
    const ref = `sync-${this.nextSyncRef}`;
    const cursors = batch.map((conversationId) => ({
      conversationId,
      afterSeq: this.sequencer.lastSeq(conversationId),
    }));
    if (!this.sendEvent({ type: 'sync', ref, cursors })) return;
    this.syncQueue = this.syncQueue.slice(batch.length);
    this.syncRef = { ref, batch };
    for (const id of batch) this.syncing.add(id);
  }

  private syncDone(conversationId: string): void {
    this.syncing.delete(conversationId);
    if (this.syncing.size === 0) this.syncRef = null;
  }

  private resetSync(): void {
    this.syncQueue = [];
    this.syncing.clear();
    this.syncRef = null;
  }

  /** Sends a pending entry over the socket when it is up; false when it must wait. */
  private transmit(entry: OutboxEntry): boolean {
    if (entry.state !== 'pending') return false;
    const event = sendEventOf(entry);
    if (event === null) return false;
    const sent = this.sendEvent(event);
    if (!sent) this.scheduleExpiry();
    return sent;
  }

  private sendOverHttp(entry: OutboxEntry): void {
    this.options.sendOverHttp(entry).then(
      (message) => {
        this.onAck(entry.clientId, message);
      },
      (error: unknown) => {
        const current = this.outbox.find(entry.clientId);
        // The socket may have come back and delivered it meanwhile; only a still-pending entry fails.
        if (current?.state !== 'pending') return;
        if (this.currentStatus === 'open' && this.transmit(current)) return;
        this.fail(
          entry.clientId,
          isApiError(error) ? error : new ApiError({ status: 0, code: 'NETWORK_FAILED', message: String(error) }),
        );
      },
    );
  }

  private sendEvent(event: ClientEvent): boolean {
    const socket = this.socket;
    if (!socket || !this.ready || socket.readyState !== SOCKET_OPEN) return false;
    try {
      socket.send(JSON.stringify(event));
      return true;
    } catch {
      return false;
    }
  }

  private ping(): void {
    if (!this.sendEvent({ type: 'ping' })) return;
    if (this.watchdogTimer === null) this.armWatchdog();
  }

  private armWatchdog(): void {
    this.clearTimer('watchdogTimer');
    this.watchdogTimer = setTimeout(() => {
      this.watchdogTimer = null;
      this.connectionLost();
    }, PONG_TIMEOUT_MS);
  }

  private connectionLost(): void {
    const wasReady = this.ready;
    this.ready = false;
    this.offlineSinceMs ??= Date.now();
    this.dropSocket(4000);
    this.clearTimer('pingTimer');
    this.clearTimer('watchdogTimer');
    this.resetSync();
    if (this.currentStatus === 'stopped' || this.currentStatus === 'ended') return;
    if (!wasReady) this.options.listener({ type: 'attemptFailed' });
    this.setStatus('reconnecting');
    const delayMs = reconnectDelayMs(this.failedAttempts, this.random());
    this.failedAttempts += 1;
    this.clearTimer('reconnectTimer');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delayMs);
    this.scheduleExpiry();
  }

  private sessionEnded(): void {
    this.ready = false;
    this.clearTimers();
    this.setStatus('ended');
    this.options.listener({ type: 'sessionEnded' });
  }

  /** A socket we stop listening to at once: its close may take long to arrive over a dead network. */
  private dropSocket(code: number): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    try {
      socket.close(code);
    } catch {
      // Closing a socket that never opened can throw in some browsers; it is gone either way.
    }
  }

  /** Fails what has waited too long without a connection, and wakes up for the next deadline. */
  private scheduleExpiry(): void {
    this.clearTimer('expiryTimer');
    const expired = this.outbox.expire(Date.now(), this.offlineSinceMs);
    if (expired.length > 0) {
      this.outboxChanged();
      for (const entry of expired) {
        if (entry.error) this.options.listener({ type: 'sendFailed', entry, error: entry.error });
      }
    }
    const deadlineMs = this.outbox.nextDeadlineMs(this.offlineSinceMs);
    if (deadlineMs === null) return;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = null;
        this.scheduleExpiry();
      },
      Math.max(0, deadlineMs - Date.now()),
    );
  }

  private outboxChanged(): void {
    this.options.listener({ type: 'outbox', entries: this.outbox.entries });
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.options.listener({ type: 'status', status });
  }

  private clearTimer(name: 'reconnectTimer' | 'pingTimer' | 'watchdogTimer' | 'expiryTimer' | 'deliveredTimer'): void {
    const timer = this[name];
    if (timer === null) return;
    clearTimeout(timer);
    clearInterval(timer);
    this[name] = null;
  }

  private clearTimers(): void {
    for (const name of ['reconnectTimer', 'pingTimer', 'watchdogTimer', 'expiryTimer', 'deliveredTimer'] as const) {
      this.clearTimer(name);
    }
    this.deliveredSeqs.clear();
    for (const clientId of [...this.resendTimers.keys()]) this.forgetResends(clientId);
  }
}
