/**
 * The signed-in person's chat, for every screen: conversations, loaded history, the outbox,
 * typing and presence, kept current from the connection's notices and the HTTP API. Screens read
 * immutable snapshots (through useSyncExternalStore) and call its methods; it sends receipts and
 * typing on their behalf and makes the alert when a message arrives out of sight.
 */
import { PRESENCE_WATCH_MAX, type ConversationView, type MessageView } from '@airtalk/contracts';
import { ApiError, isApiError } from '../../lib';
import { alertNewMessage, alertsEnabled, prepareAudio, setAlertsEnabled } from './alerts';
import {
  deleteMessageForMe,
  fetchConversation,
  fetchConversations,
  fetchMessages,
  postMessage,
  recallMessage,
  uploadChatMedia,
} from './api';
import {
  applyMessage,
  applyReceipt,
  applyRecalls,
  byRecentActivity,
  emptyThread,
  markedRead,
  mergeConversation,
  mergeMessages,
  recalledCopy,
  totalUnread,
  type ThreadState,
} from './chatState';
import { newClientId } from './clientId';
import {
  ChatConnection,
  type ConnectionNotice,
  type ConnectionStatus,
  type RoomClientEvent,
  type RoomServerEvent,
  type SocketLike,
} from './connection';
import type { LocalMedia, OutboxEntry } from './outbox';

/** "typing…" shows this long after the last typing event, in case the "stopped" one is lost. */
export const TYPING_SHOWN_MS = 5000;
/** While typing goes on, the other person is told again this often, no more. */
export const TYPING_RESEND_MS = 3000;
/**
 * After the gateway says the session ended, the app checks it this much later: signing out on
 * purpose ends the socket's session too, and by then has stopped this client without a word.
 */
const SESSION_END_CHECK_MS = 1500;

export interface ChatSnapshot {
  me: string;
  status: ConnectionStatus;
  /** True from losing the connection until it is back (not while first connecting). */
  connectionLost: boolean;
  listPhase: 'loading' | 'ready' | 'failed';
  listError: unknown;
  conversations: ReadonlyMap<string, ConversationView>;
  threads: ReadonlyMap<string, ThreadState>;
  outbox: readonly OutboxEntry[];
  /** Conversations where the other person is typing now. */
  typing: ReadonlySet<string>;
  totalUnread: number;
  alertsEnabled: boolean;
}

export interface NewMedia {
  kind: 'image' | 'voice';
  blob: Blob;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

/** What a live room hears from the shared connection. */
export type RoomLinkNotice =
  | { type: 'status'; status: ConnectionStatus }
  /** The gateway is ready (again): a room sends its join now. */
  | { type: 'ready'; resumed: boolean }
  | { type: 'event'; event: RoomServerEvent };

/** A live room's way onto the one socket of the tab: no second connection is ever opened. */
export interface RoomLink {
  /** False while the connection is not ready; the room sends again on the next `ready`. */
  send: (event: RoomClientEvent) => boolean;
  subscribe: (listener: (notice: RoomLinkNotice) => void) => () => void;
  status: () => ConnectionStatus;
}

function socketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/ws`;
}

const pageVisible = () => document.visibilityState === 'visible';

export class ChatClient {
  private state: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly connection: ChatConnection;
  private activeConversationId: string | null = null;
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly typingSentAtMs = new Map<string, number>();
  private readonly uploads = new Map<string, AbortController>();
  private readonly fetchingConversations = new Set<string>();
  /** Reads noted while the socket was down, sent when it is back. */
  private readonly pendingReads = new Map<string, number>();
  private listLoad: AbortController | null = null;
  private readonly roomListeners = new Set<(notice: RoomLinkNotice) => void>();
  private sessionEndCheck: ReturnType<typeof setTimeout> | null = null;

  constructor(me: string, openSocket: () => SocketLike = () => new WebSocket(socketUrl())) {
    this.state = {
      me,
      status: 'connecting',
      connectionLost: false,
      listPhase: 'loading',
      listError: undefined,
      conversations: new Map(),
      threads: new Map(),
      outbox: [],
      typing: new Set(),
      totalUnread: 0,
      alertsEnabled: alertsEnabled(),
    };
    this.connection = new ChatConnection({
      openSocket,
      listener: (notice) => {
        this.onNotice(notice);
      },
      sendOverHttp: postMessage,
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ChatSnapshot => this.state;

  readonly rooms: RoomLink = {
    send: (event) => this.connection.sendRoomEvent(event),
    subscribe: (listener) => {
      this.roomListeners.add(listener);
      return () => this.roomListeners.delete(listener);
    },
    status: () => this.connection.status,
  };

  private tellRooms(notice: RoomLinkNotice): void {
    for (const listener of [...this.roomListeners]) listener(notice);
  }

  start(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    // Sound needs a gesture after every page load: the first tap or key wakes the audio for the alerts.
    window.addEventListener('pointerdown', this.onFirstGesture, { once: true });
    window.addEventListener('keydown', this.onFirstGesture, { once: true });
    this.connection.start();
    this.reloadList();
  }

  stop(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    window.removeEventListener('pointerdown', this.onFirstGesture);
    window.removeEventListener('keydown', this.onFirstGesture);
    this.connection.stop();
    if (this.sessionEndCheck !== null) clearTimeout(this.sessionEndCheck);
    this.sessionEndCheck = null;
    this.listLoad?.abort();
    for (const controller of this.uploads.values()) controller.abort();
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
  }

  /** Loads the conversation list again (after a reconnect, or when the person asks). */
  reloadList(): void {
    this.listLoad?.abort();
    const controller = new AbortController();
    this.listLoad = controller;
    fetchConversations(controller.signal).then(
      (list) => {
        if (controller.signal.aborted) return;
        this.listLoad = null;
        const conversations = new Map(this.state.conversations);
        for (const fresh of list.conversations) {
          conversations.set(fresh.id, mergeConversation(conversations.get(fresh.id), fresh));
          this.followFrom(fresh);
          // The newest messages reached this device with the list: the sender may see ✓✓.
          if (fresh.unreadCount > 0) this.connection.markDelivered(fresh.id, fresh.lastSeq);
        }
        this.update({ listPhase: 'ready', listError: undefined, conversations });
        this.watchPeers();
        this.readIfLooking();
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.listLoad = null;
        // A list already on screen stays; only a first load shows the failure.
        if (this.state.listPhase !== 'ready') this.update({ listPhase: 'failed', listError: error });
      },
    );
  }

  /** A conversation the server just answered with (one I started, say), so its screen opens with it. */
  knowConversation(view: ConversationView): void {
    this.followFrom(view);
    this.updateConversation(view.id, (known) => mergeConversation(known, view), view);
    this.watchPeers();
  }

  /** The conversation being looked at, for read receipts and for the alert (none for what is on screen). */
  setActive(conversationId: string | null): void {
    this.activeConversationId = conversationId;
    if (conversationId !== null) this.readIfLooking();
  }

  /** Loads a conversation's view (when not in the list yet) and its newest page of history. */
  openThread(conversationId: string): void {
    if (!this.state.conversations.has(conversationId)) this.fetchConversationView(conversationId);
    const thread = this.state.threads.get(conversationId);
    if (thread && thread.phase !== 'failed') return;
    this.setThread(conversationId, { ...(thread ?? emptyThread), phase: 'loading', error: undefined });
    fetchMessages(conversationId, null).then(
      (page) => {
        const current = this.state.threads.get(conversationId) ?? emptyThread;
        const messages = applyRecalls(mergeMessages(current.messages, page.messages), page.messages);
        const newest = page.messages.at(-1);
        if (newest) this.connection.track(conversationId, newest.seq);
        this.setThread(conversationId, {
          ...current,
          messages,
          oldestSeq: page.messages[0]?.seq ?? current.oldestSeq,
          hasOlder: page.more,
          phase: 'ready',
          error: undefined,
        });
        if (newest) this.updateConversation(conversationId, (view) => applyMessage(view, newest, this.state.me));
        this.readIfLooking();
      },
      (error: unknown) => {
        const current = this.state.threads.get(conversationId) ?? emptyThread;
        this.setThread(conversationId, { ...current, phase: 'failed', error });
      },
    );
  }

  /** The page of history before the oldest loaded message. */
  loadOlder(conversationId: string): void {
    const thread = this.state.threads.get(conversationId);
    if (!thread || thread.phase !== 'ready' || !thread.hasOlder || thread.olderPhase === 'loading') return;
    if (thread.oldestSeq === null) return;
    this.setThread(conversationId, { ...thread, olderPhase: 'loading' });
    fetchMessages(conversationId, thread.oldestSeq).then(
      (page) => {
        const current = this.state.threads.get(conversationId) ?? thread;
        this.setThread(conversationId, {
          ...current,
          messages: mergeMessages(current.messages, page.messages),
          oldestSeq: Math.min(current.oldestSeq ?? Infinity, page.messages[0]?.seq ?? Infinity),
          hasOlder: page.more,
          olderPhase: 'idle',
        });
      },
      () => {
        const current = this.state.threads.get(conversationId) ?? thread;
        this.setThread(conversationId, { ...current, olderPhase: 'failed' });
      },
    );
  }

  sendText(conversationId: string, text: string): void {
    this.stopTyping(conversationId);
    this.connection.queue({ clientId: newClientId(), conversationId, content: { kind: 'text', text } });
  }

  sendMedia(conversationId: string, media: NewMedia): void {
    const local: LocalMedia = { ...media, previewUrl: URL.createObjectURL(media.blob), mediaId: null };
    const entry = this.connection.queue({
      clientId: newClientId(),
      conversationId,
      content: { kind: 'media', media: local },
    });
    this.upload(entry);
  }

  retry(clientId: string): void {
    const entry = this.connection.retry(clientId);
    if (entry?.state === 'uploading') this.upload(entry);
  }

  /** Gives up on a message that has not been sent. */
  discard(clientId: string): void {
    this.uploads.get(clientId)?.abort();
    this.connection.discard(clientId);
  }

  /** Takes my message back for everyone; rejects with the server's reason (too late, say). */
  async recall(conversationId: string, messageId: string): Promise<void> {
    const recalled = await recallMessage(conversationId, messageId);
    this.updateThreadMessages(conversationId, (messages) =>
      messages.map((message) =>
        message.id === recalled.id ? recalledCopy(recalled, recalled.recalledAtMs ?? Date.now()) : message,
      ),
    );
    this.updateConversation(conversationId, (view) => applyMessage(view, recalled, this.state.me));
  }

  async deleteForMe(conversationId: string, messageId: string): Promise<void> {
    await deleteMessageForMe(conversationId, messageId);
    this.updateThreadMessages(conversationId, (messages) => messages.filter((message) => message.id !== messageId));
  }

  /** The person is typing: the other side hears about it at most every few seconds. */
  noteTyping(conversationId: string): void {
    const nowMs = Date.now();
    const lastMs = this.typingSentAtMs.get(conversationId);
    if (lastMs !== undefined && nowMs - lastMs < TYPING_RESEND_MS) return;
    if (this.connection.sendTyping(conversationId, true)) this.typingSentAtMs.set(conversationId, nowMs);
  }

  stopTyping(conversationId: string): void {
    if (!this.typingSentAtMs.has(conversationId)) return;
    this.typingSentAtMs.delete(conversationId);
    this.connection.sendTyping(conversationId, false);
  }

  setAlerts(enabled: boolean): void {
    setAlertsEnabled(enabled);
    this.update({ alertsEnabled: enabled });
  }

  private readonly onOnline = () => {
    this.connection.reconnectNow();
  };

  private readonly onOffline = () => {
    this.connection.networkLost();
  };

  private readonly onFirstGesture = () => {
    window.removeEventListener('pointerdown', this.onFirstGesture);
    window.removeEventListener('keydown', this.onFirstGesture);
    if (this.state.alertsEnabled) prepareAudio();
  };

  private readonly onVisibilityChange = () => {
    this.readIfLooking();
  };

  private onNotice(notice: ConnectionNotice): void {
    switch (notice.type) {
      case 'status': {
        const { status } = notice;
        const connectionLost = status === 'reconnecting' || (status === 'connecting' && this.state.connectionLost);
        this.update({ status, connectionLost });
        this.tellRooms({ type: 'status', status });
        return;
      }
      case 'room':
        this.tellRooms({ type: 'event', event: notice.event });
        return;
      case 'ready':
        this.tellRooms({ type: 'ready', resumed: notice.resumed });
        for (const [conversationId, seq] of this.pendingReads) this.connection.markRead(conversationId, seq);
        this.pendingReads.clear();
        // A "stopped typing" may have been lost with the old connection.
        for (const conversationId of this.state.typing) this.peerTyping(conversationId, false);
        if (notice.resumed) this.reloadList();
        this.watchPeers();
        return;
      case 'attemptFailed':
        // The socket cannot say why it failed; the list request can (a 401 signs the person out).
        if (this.listLoad === null) this.reloadList();
        return;
      case 'messages':
        this.receive(notice.messages);
        return;
      case 'ack':
        this.receive([notice.message]);
        return;
      case 'outbox': {
        const kept = new Set(notice.entries.map((entry) => entry.clientId));
        for (const entry of this.state.outbox) {
          // Sent or given up: the server's copy (or nothing) shows now, so the local file can go.
          if (!kept.has(entry.clientId) && entry.content.kind === 'media') {
            URL.revokeObjectURL(entry.content.media.previewUrl);
          }
        }
        this.update({ outbox: notice.entries });
        return;
      }
      case 'sendFailed':
        if (notice.error.code === 'CANNOT_MESSAGE') {
          // A block or an erased account: the composer closes, and the server's view says what else changed.
          this.updateConversation(notice.entry.conversationId, (view) => ({ ...view, canSend: false }));
          this.fetchConversationView(notice.entry.conversationId);
        }
        return;
      case 'receipt': {
        const { event } = notice;
        this.updateConversation(event.conversationId, (view) => applyReceipt(view, event, this.state.me));
        return;
      }
      case 'typing':
        this.peerTyping(notice.event.conversationId, notice.event.active);
        return;
      case 'presence': {
        const { userId, online, lastSeenAtMs } = notice.event;
        const conversations = new Map(this.state.conversations);
        let changed = false;
        for (const [id, view] of conversations) {
          if (view.peer.userId !== userId) continue;
          conversations.set(id, { ...view, peer: { ...view.peer, online, lastSeenAtMs } });
          changed = true;
        }
        if (changed) this.update({ conversations });
        return;
      }
      case 'conversation':
        this.updateConversation(notice.conversation.id, (view) => mergeConversation(view, notice.conversation));
        this.watchPeers();
        return;
      case 'sessionEnded':
        // Any request now answers 401, which the app already turns into "your session ended" and sign-in.
        this.sessionEndCheck = setTimeout(() => {
          this.sessionEndCheck = null;
          this.reloadList();
        }, SESSION_END_CHECK_MS);
        return;
    }
  }

  /** Messages released by the sequencer (or acknowledged): into the threads and the list. */
  private receive(messages: MessageView[]): void {
    const me = this.state.me;
    const conversations = new Map(this.state.conversations);
    const threads = new Map(this.state.threads);
    const byConversation = new Map<string, MessageView[]>();
    for (const message of messages) {
      const batch = byConversation.get(message.conversationId);
      if (batch) batch.push(message);
      else byConversation.set(message.conversationId, [message]);
    }
    let alert = false;
    for (const [conversationId, batch] of byConversation) {
      const view = conversations.get(conversationId);
      if (view)
        conversations.set(
          conversationId,
          batch.reduce((next, message) => applyMessage(next, message, me), view),
        );
      else this.fetchConversationView(conversationId);
      const thread = threads.get(conversationId);
      if (thread) {
        threads.set(conversationId, {
          ...thread,
          messages: applyRecalls(mergeMessages(thread.messages, batch), batch),
          oldestSeq: thread.oldestSeq ?? batch[0]?.seq ?? null,
        });
      }
      const fromPeer = batch.filter((message) => message.senderId !== me && message.kind !== 'system');
      const newestFromPeer = fromPeer.at(-1);
      if (newestFromPeer) {
        this.connection.markDelivered(conversationId, newestFromPeer.seq);
        this.peerTyping(conversationId, false);
        const outOfSight = !pageVisible() || this.activeConversationId !== conversationId;
        if (outOfSight && fromPeer.some((message) => message.recalledAtMs === null && !message.deletedForMe)) {
          alert = true;
        }
      }
    }
    this.update({ conversations, threads });
    if (alert && this.state.alertsEnabled) alertNewMessage(Date.now());
    this.readIfLooking();
  }

  /** Sends a read receipt for the open conversation when the page is in sight. */
  private readIfLooking(): void {
    const conversationId = this.activeConversationId;
    if (conversationId === null || !pageVisible()) return;
    const view = this.state.conversations.get(conversationId);
    const thread = this.state.threads.get(conversationId);
    if (!view || thread?.phase !== 'ready' || view.lastSeq <= view.readSeq) return;
    const seq = view.lastSeq;
    if (!this.connection.markRead(conversationId, seq)) this.pendingReads.set(conversationId, seq);
    this.updateConversation(conversationId, (current) => markedRead(current, seq));
  }

  private peerTyping(conversationId: string, active: boolean): void {
    const timer = this.typingTimers.get(conversationId);
    if (timer !== undefined) clearTimeout(timer);
    this.typingTimers.delete(conversationId);
    if (active) {
      this.typingTimers.set(
        conversationId,
        setTimeout(() => {
          this.peerTyping(conversationId, false);
        }, TYPING_SHOWN_MS),
      );
    }
    if (this.state.typing.has(conversationId) === active) return;
    const typing = new Set(this.state.typing);
    if (active) typing.add(conversationId);
    else typing.delete(conversationId);
    this.update({ typing });
  }

  private upload(entry: OutboxEntry): void {
    if (entry.content.kind !== 'media') return;
    const { clientId } = entry;
    const { blob, durationMs, kind } = entry.content.media;
    const controller = new AbortController();
    this.uploads.get(clientId)?.abort();
    this.uploads.set(clientId, controller);
    uploadChatMedia(blob, kind === 'voice' ? durationMs : null, {
      signal: controller.signal,
      onProgress: (sent, total) => {
        const percent = total === null || total <= 0 ? null : Math.min(99, Math.floor((sent / total) * 100));
        this.connection.uploadProgress(clientId, percent);
      },
    }).then(
      (media) => {
        this.uploads.delete(clientId);
        this.connection.uploaded(clientId, media.id);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        this.uploads.delete(clientId);
        this.connection.fail(
          clientId,
          isApiError(error) ? error : new ApiError({ status: 0, code: 'NETWORK_FAILED', message: String(error) }),
        );
      },
    );
  }

  private fetchConversationView(conversationId: string): void {
    if (this.fetchingConversations.has(conversationId)) return;
    this.fetchingConversations.add(conversationId);
    fetchConversation(conversationId).then(
      (fresh) => {
        this.fetchingConversations.delete(conversationId);
        this.followFrom(fresh);
        this.updateConversation(conversationId, (view) => mergeConversation(view, fresh), fresh);
        this.watchPeers();
        this.readIfLooking();
      },
      () => {
        this.fetchingConversations.delete(conversationId);
      },
    );
  }

  /**
   * Follows a conversation live from the newest message a server view knows. Not for one whose
   * history is on screen: moving its cursor past messages still on their way would drop them.
   */
  private followFrom(view: ConversationView): void {
    if (!this.state.threads.has(view.id)) this.connection.track(view.id, view.lastSeq);
  }

  /** Asks for the presence of the people in the newest conversations. */
  private watchPeers(): void {
    const peers = [...this.state.conversations.values()]
      .sort(byRecentActivity)
      .flatMap((view) => (view.peer.userId !== null && view.canSend ? [view.peer.userId] : []))
      .slice(0, PRESENCE_WATCH_MAX);
    this.connection.watchPresence(peers);
  }

  private updateConversation(
    conversationId: string,
    change: (view: ConversationView) => ConversationView,
    fallback?: ConversationView,
  ): void {
    const current = this.state.conversations.get(conversationId) ?? fallback;
    if (!current) return;
    const next = change(current);
    if (next === this.state.conversations.get(conversationId)) return;
    const conversations = new Map(this.state.conversations);
    conversations.set(conversationId, next);
    this.update({ conversations });
  }

  private updateThreadMessages(conversationId: string, change: (messages: readonly MessageView[]) => MessageView[]) {
    const thread = this.state.threads.get(conversationId);
    if (thread) this.setThread(conversationId, { ...thread, messages: change(thread.messages) });
  }

  private setThread(conversationId: string, thread: ThreadState): void {
    const threads = new Map(this.state.threads);
    threads.set(conversationId, thread);
    this.update({ threads });
  }

  private update(change: Partial<ChatSnapshot>): void {
    const next = { ...this.state, ...change };
    if (change.conversations) next.totalUnread = totalUnread(change.conversations.values());
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
