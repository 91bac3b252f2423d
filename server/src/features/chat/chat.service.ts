/**
 * 1:1 chat use cases. Every message is written to the database first and only then told to the
 * live connections of both people through the hub (on every node), so the database is the truth
 * a reconnecting client replays from, and the live path may lose or double events harmlessly:
 * clients order and de-duplicate by sequence number.
 */
import { randomUUID } from 'node:crypto';
import {
  MESSAGE_PAGE_MAX,
  VOICE_MAX_UPLOAD_BYTES,
  type ChatMediaView,
  type ConversationListView,
  type ConversationView,
  type MessageHistoryQuery,
  type MessagePageView,
  type MessageView,
  type SendEvent,
} from '@airtalk/contracts';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { ChatMediaRow, ChatMessageRow } from '../../platform/db/schema.js';
import { AppError, notFound, rateLimited, validationFailed } from '../../platform/http/errors.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import { newMediaKey, type MediaStorage, type StoredMedia } from '../../platform/storage/media-storage.js';
import type { AccountsService } from '../accounts/index.js';
import type { BlocksService } from '../blocks/index.js';
import type { ConsentsService } from '../consents/index.js';
import type { ImagePipeline } from '../photos/index.js';
import type { PresenceService } from '../presence/index.js';
import type { ProfilesService } from '../profiles/index.js';
import { sniffVoiceType } from './chat.media.js';
import { FIRST_CONTACT_WINDOW_MS, firstContactAllowance, maySeeMedia, maySend, recallVerdict } from './chat.policy.js';
import { ERASED_PEER, presentConversation, presentMedia, presentMessage, type PeerFacts } from './chat.presenter.js';
import type { ChatStore } from './chat.store.js';
import { DuplicateMessageError, pairKey, type MembershipRow, type NewMessageRow } from './chat.store.js';

const UNSENT_MEDIA_TTL_MS = 24 * 60 * 60 * 1000;

export function userTopic(userId: string): string {
  return `user:${userId}`;
}

export const cannotMessage = () =>
  new AppError('CANNOT_MESSAGE', 403, 'You cannot send messages in this conversation.');

export interface ChatServiceDeps {
  store: ChatStore;
  hub: RealtimeHub;
  accounts: AccountsService;
  blocks: BlocksService;
  consents: ConsentsService;
  profiles: ProfilesService;
  presence: PresenceService;
  pipeline: ImagePipeline;
  /** Private: never served at /media, only through the access check here. */
  mediaStorage: MediaStorage;
  clock: Clock;
  logger: Logger;
}

/** A send event without its framing fields, each kind keeping its own fields. */
export type SendInput = SendEvent extends infer Event
  ? Event extends SendEvent
    ? Omit<Event, 'type' | 'ref'>
    : never
  : never;

export interface VoiceUpload {
  bytes: Buffer;
  durationMs: number;
}

export class ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  /** Opens (or finds) the conversation with another person. */
  async start(viewerId: string, peerId: string): Promise<{ conversation: ConversationView; created: boolean }> {
    if (viewerId === peerId) throw validationFailed({ userId: 'chat.self' });
    const viewer = await this.deps.accounts.getUser(viewerId);
    if (!(await this.deps.accounts.exists(peerId))) throw notFound('This user');
    if (!(await this.deps.blocks.canInteract(viewerId, peerId))) throw cannotMessage();
    const key = pairKey(viewerId, peerId);
    const existing = await this.deps.store.findByPair(key);
    if (existing) return { conversation: await this.get(viewerId, existing.id), created: false };

    const nowMs = this.deps.clock.nowMs();
    const started = await this.deps.store.countConversationsStartedSince(viewerId, nowMs - FIRST_CONTACT_WINDOW_MS);
    if (started >= firstContactAllowance(nowMs - viewer.created_at)) throw rateLimited(60 * 60);

    const conversationId = randomUUID();
    const { conversation, created } = await this.deps.store.findOrCreateConversation(
      { id: conversationId, pair_key: key, last_seq: 0, created_at: nowMs, last_message_at: nowMs },
      [viewerId, peerId],
      this.systemMessage(conversationId, viewerId, 'conversation_started', null, nowMs),
    );
    if (created) {
      for (const userId of [viewerId, peerId]) {
        await this.deps.hub.publish(userTopic(userId), {
          type: 'conversation',
          conversation: await this.get(userId, conversation.id),
        });
      }
    }
    return { conversation: await this.get(viewerId, conversation.id), created };
  }

  async list(viewerId: string): Promise<ConversationListView> {
    const memberships = await this.deps.store.listMemberships(viewerId);
    const conversations = await this.present(viewerId, memberships);
    return {
      conversations,
      totalUnread: conversations.reduce((sum, conversation) => sum + conversation.unreadCount, 0),
    };
  }

  async get(viewerId: string, conversationId: string): Promise<ConversationView> {
    const membership = await this.membership(conversationId, viewerId);
    const [view] = await this.present(viewerId, [membership]);
    if (!view) throw notFound('This conversation');
    return view;
  }

  async history(viewerId: string, conversationId: string, query: MessageHistoryQuery): Promise<MessagePageView> {
    await this.membership(conversationId, viewerId);
    const limit = query.limit ?? 50;
    if (query.afterSeq !== undefined) {
      const rows = await this.deps.store.messagesAfter(conversationId, query.afterSeq, limit + 1);
      return { messages: await this.presentMessages(viewerId, rows.slice(0, limit)), more: rows.length > limit };
    }
    const rows = await this.deps.store.messagesBefore(conversationId, query.beforeSeq ?? null, limit + 1);
    const page = rows.length > limit ? rows.slice(1) : rows;
    return { messages: await this.presentMessages(viewerId, page), more: rows.length > limit };
  }

  /** What a reconnecting client missed in one conversation, from the database. */
  async replay(
    viewerId: string,
    conversationId: string,
    afterSeq: number,
  ): Promise<{ messages: MessageView[]; lastSeq: number; more: boolean }> {
    const { conversation } = await this.membership(conversationId, viewerId);
    const rows = await this.deps.store.messagesAfter(conversationId, afterSeq, MESSAGE_PAGE_MAX + 1);
    const batch = rows.slice(0, MESSAGE_PAGE_MAX);
    return {
      messages: await this.presentMessages(viewerId, batch),
      lastSeq: Math.max(conversation.last_seq, batch.at(-1)?.seq ?? 0),
      more: rows.length > MESSAGE_PAGE_MAX,
    };
  }

  /**
   * Stores and delivers a message. A resend of the same client id returns the original, whatever
   * happened in between, so a client that never saw its ack can simply send again.
   */
  async send(viewerId: string, input: SendInput): Promise<MessageView> {
    const original = await this.deps.store.findBySenderClientId(viewerId, input.clientId);
    if (original) return this.presentOriginal(original, input.conversationId);
    const membership = await this.membership(input.conversationId, viewerId);
    await this.assertMaySend(viewerId, membership);

    let media: ChatMediaRow | undefined;
    if (input.kind !== 'text') {
      media = await this.deps.store.findMedia(input.mediaId);
      if (!media || media.owner_id !== viewerId || media.kind !== input.kind) throw notFound('This media');
      if (await this.deps.store.isMediaAttached(media.id)) throw validationFailed({ mediaId: 'chat.mediaUsed' });
    }
    const nowMs = this.deps.clock.nowMs();
    let stored: ChatMessageRow;
    try {
      stored = await this.deps.store.append(
        {
          id: randomUUID(),
          conversation_id: input.conversationId,
          sender_id: viewerId,
          client_id: input.clientId,
          kind: input.kind,
          text: input.kind === 'text' ? input.text : null,
          media_id: media?.id ?? null,
          system_event: null,
          system_message_id: null,
          created_at: nowMs,
          recalled_at: null,
        },
        true,
      );
    } catch (error) {
      if (!(error instanceof DuplicateMessageError)) throw error;
      // The same message sent twice at once (two tabs, or a retry racing its original): one won.
      const winner = await this.deps.store.findBySenderClientId(viewerId, input.clientId);
      // Otherwise the unique key that stopped it was the media's: two messages raced for one upload.
      if (!winner) throw validationFailed({ mediaId: 'chat.mediaUsed' });
      return this.presentOriginal(winner, input.conversationId);
    }
    const view = presentMessage(stored, media);
    await this.deliver(membership, view);
    return view;
  }

  /** Moves the viewer's delivered or read cursor and tells the other side. */
  async receipt(viewerId: string, conversationId: string, kind: 'delivered' | 'read', seq: number): Promise<void> {
    const membership = await this.membership(conversationId, viewerId);
    const upTo = Math.min(seq, membership.conversation.last_seq);
    const moved = await this.deps.store.advanceCursor(
      conversationId,
      viewerId,
      kind === 'read' ? 'read_seq' : 'delivered_seq',
      upTo,
    );
    if (moved === null) return;
    const event = { type: 'receipt', conversationId, userId: viewerId, kind, seq: moved };
    const peerId = membership.peer?.user_id;
    const peerMayKnow = peerId !== undefined && (await this.deps.blocks.canInteract(viewerId, peerId));
    // The viewer's other devices clear their unread badges on a read.
    const audience = [peerMayKnow ? peerId : undefined, kind === 'read' ? viewerId : undefined];
    await this.deps.hub.publishToEach(
      audience.flatMap((userId) => (userId ? [userTopic(userId)] : [])),
      event,
    );
  }

  async typing(viewerId: string, conversationId: string, active: boolean): Promise<void> {
    const membership = await this.membership(conversationId, viewerId);
    const peerId = membership.peer?.user_id;
    if (!peerId || !(await this.deps.blocks.canInteract(viewerId, peerId))) return;
    await this.deps.hub.publish(userTopic(peerId), { type: 'typing', conversationId, userId: viewerId, active });
  }

  /** Takes a message back for everyone, within the recall window. */
  async recall(viewerId: string, conversationId: string, messageId: string): Promise<MessageView> {
    const membership = await this.membership(conversationId, viewerId);
    const message = await this.deps.store.findMessage(messageId);
    if (!message || message.conversation_id !== conversationId) throw notFound('This message');
    const nowMs = this.deps.clock.nowMs();
    const verdict = recallVerdict(message, viewerId, nowMs);
    if (verdict === 'notSender') throw new AppError('FORBIDDEN', 403, 'Only the sender can recall a message.');
    if (verdict === 'notRecallable') throw new AppError('FORBIDDEN', 403, 'This message cannot be recalled.');
    if (verdict === 'tooLate') {
      throw new AppError('RECALL_TOO_LATE', 409, 'Messages can be recalled within 2 minutes of sending.');
    }
    const result = await this.deps.store.recall(
      messageId,
      nowMs,
      this.systemMessage(conversationId, viewerId, 'recalled', messageId, nowMs),
    );
    if (!result) throw new AppError('FORBIDDEN', 403, 'This message cannot be recalled.');
    if (result.mediaId) await this.deleteMediaQuietly(result.mediaId);
    await this.deliver(membership, presentMessage(result.notice, undefined));
    return presentMessage(result.recalled, undefined);
  }

  /** Deletes a message for the viewer only; the other person keeps it. */
  async hide(viewerId: string, conversationId: string, messageId: string): Promise<void> {
    await this.membership(conversationId, viewerId);
    const message = await this.deps.store.findMessage(messageId);
    if (!message || message.conversation_id !== conversationId) throw notFound('This message');
    await this.deps.store.hide(viewerId, messageId, this.deps.clock.nowMs());
  }

  async uploadImage(viewerId: string, bytes: Buffer): Promise<ChatMediaView> {
    const image = await this.deps.pipeline.process(bytes);
    return this.storeMedia(viewerId, {
      kind: 'image',
      bytes: image.bytes,
      contentType: image.contentType,
      storageKey: newMediaKey(image.extension),
      width: image.widthPx,
      height: image.heightPx,
      durationMs: null,
    });
  }

  /** A voice message is a microphone recording: it needs the microphone consent, as a call would. */
  async uploadVoice(viewerId: string, upload: VoiceUpload): Promise<ChatMediaView> {
    await this.deps.consents.requireConsent(viewerId, 'microphone');
    if (upload.bytes.length > VOICE_MAX_UPLOAD_BYTES) {
      throw new AppError('PAYLOAD_TOO_LARGE', 413, 'Voice messages can be up to 2 MB.');
    }
    const type = sniffVoiceType(upload.bytes);
    if (!type) throw new AppError('VOICE_UNREADABLE', 422, 'This is not a voice recording Airtalk can play.');
    return this.storeMedia(viewerId, {
      kind: 'voice',
      bytes: upload.bytes,
      contentType: type.contentType,
      storageKey: newMediaKey(type.extension),
      width: null,
      height: null,
      durationMs: upload.durationMs,
    });
  }

  /** The bytes of a chat image or voice message, for its uploader and the conversation only. */
  async readMedia(viewerId: string, mediaId: string): Promise<StoredMedia> {
    const media = await this.deps.store.findMedia(mediaId);
    const visible =
      media !== undefined &&
      maySeeMedia(media.owner_id === viewerId, await this.deps.store.canSeeMedia(viewerId, mediaId));
    if (!media || !visible) throw notFound('This media');
    const stored = await this.deps.mediaStorage.read(media.storage_key);
    if (!stored) throw notFound('This media');
    return stored;
  }

  /** Removes uploads never sent within a day (a draft abandoned, a tab closed): nobody can see them. */
  async deleteUnsentMedia(): Promise<number> {
    const cutoffMs = this.deps.clock.nowMs() - UNSENT_MEDIA_TTL_MS;
    const rows = await this.deps.store.unattachedMediaBefore(cutoffMs, 1000);
    for (const row of rows) {
      await this.deps.store.deleteMedia(row.id);
      await this.deps.mediaStorage.delete(row.storage_key);
    }
    return rows.length;
  }

  /** Everyone the user has a conversation with (recommendations leave them out). */
  async talkedWith(userId: string): Promise<Set<string>> {
    return new Set(await this.deps.store.peersOf(userId));
  }

  private async storeMedia(
    ownerId: string,
    media: {
      kind: 'image' | 'voice';
      bytes: Buffer;
      contentType: string;
      storageKey: string;
      width: number | null;
      height: number | null;
      durationMs: number | null;
    },
  ): Promise<ChatMediaView> {
    await this.deps.mediaStorage.put(media.storageKey, media.bytes, media.contentType);
    const row: ChatMediaRow = {
      id: randomUUID(),
      owner_id: ownerId,
      kind: media.kind,
      storage_key: media.storageKey,
      content_type: media.contentType,
      bytes: media.bytes.length,
      width: media.width,
      height: media.height,
      duration_ms: media.durationMs,
      created_at: this.deps.clock.nowMs(),
    };
    try {
      await this.deps.store.insertMedia(row);
    } catch (error) {
      await this.deps.mediaStorage.delete(media.storageKey);
      throw error;
    }
    return presentMedia(row);
  }

  private async deleteMediaQuietly(mediaId: string): Promise<void> {
    const media = await this.deps.store.findMedia(mediaId);
    if (!media) return;
    await this.deps.store.deleteMedia(mediaId);
    await this.deps.mediaStorage.delete(media.storage_key).catch((error: unknown) => {
      this.deps.logger.error({ err: error }, 'recalled chat media could not be removed');
    });
  }

  private async presentOriginal(original: ChatMessageRow, conversationId: string): Promise<MessageView> {
    if (original.conversation_id !== conversationId) throw validationFailed({ clientId: 'field.invalid' });
    const media = original.media_id ? await this.deps.store.findMedia(original.media_id) : undefined;
    return presentMessage(original, media);
  }

  private async membership(conversationId: string, viewerId: string): Promise<MembershipRow> {
    const membership = await this.deps.store.membership(conversationId, viewerId);
    if (!membership) throw notFound('This conversation');
    return membership;
  }

  private async assertMaySend(viewerId: string, membership: MembershipRow): Promise<void> {
    const peerId = membership.peer?.user_id;
    const canInteract = peerId ? await this.deps.blocks.canInteract(viewerId, peerId) : false;
    if (!maySend(peerId !== undefined, canInteract)) throw cannotMessage();
  }

  private async deliver(membership: MembershipRow, message: MessageView): Promise<void> {
    const event = { type: 'message', message };
    const userIds = [membership.me.user_id, membership.peer?.user_id];
    await this.deps.hub.publishToEach(
      userIds.flatMap((userId) => (userId ? [userTopic(userId)] : [])),
      event,
    );
  }

  private systemMessage(
    conversationId: string,
    actorId: string,
    event: 'conversation_started' | 'recalled',
    subjectMessageId: string | null,
    nowMs: number,
  ): NewMessageRow {
    return {
      id: randomUUID(),
      conversation_id: conversationId,
      sender_id: actorId,
      client_id: null,
      kind: 'system',
      text: null,
      media_id: null,
      system_event: event,
      system_message_id: subjectMessageId,
      created_at: nowMs,
      recalled_at: null,
    };
  }

  private async presentMessages(viewerId: string, rows: ChatMessageRow[]): Promise<MessageView[]> {
    const mediaIds = rows.flatMap((row) => (row.media_id ? [row.media_id] : []));
    const [media, hidden] = await Promise.all([
      this.deps.store.mediaByIds(mediaIds),
      this.deps.store.hiddenAmong(
        viewerId,
        rows.map((row) => row.id),
      ),
    ]);
    const mediaById = new Map(media.map((row) => [row.id, row]));
    return rows.map((row) =>
      presentMessage(row, row.media_id ? mediaById.get(row.media_id) : undefined, hidden.has(row.id)),
    );
  }

  private async present(viewerId: string, memberships: MembershipRow[]): Promise<ConversationView[]> {
    if (memberships.length === 0) return [];
    const peerIds = memberships.flatMap((membership) => (membership.peer ? [membership.peer.user_id] : []));
    const [profiles, presence, blocked, lastRows] = await Promise.all([
      this.deps.profiles.getMany(peerIds),
      this.deps.presence.lookup(peerIds),
      this.deps.blocks.blockedEitherWay(viewerId),
      this.deps.store.lastMessages(memberships.map((membership) => membership.conversation)),
    ]);
    const lastMessages = await this.presentMessages(viewerId, lastRows);
    const lastByConversation = new Map(lastMessages.map((message) => [message.conversationId, message]));
    const profileById = new Map(profiles.map((profile) => [profile.userId, profile]));
    return memberships.map((membership) => {
      const peerId = membership.peer?.user_id;
      const profile = peerId ? profileById.get(peerId) : undefined;
      const blockedEitherWay = peerId !== undefined && blocked.has(peerId);
      const status = peerId ? presence.get(peerId) : undefined;
      // Someone who blocked the viewer (or was blocked) shows no presence, as their profile shows nothing.
      const facts: PeerFacts = profile
        ? {
            nickname: profile.nickname,
            avatarUrl: profile.photos[0]?.url ?? null,
            online: !blockedEitherWay && (status?.online ?? false),
            lastSeenAtMs: blockedEitherWay ? null : (status?.lastSeenAtMs ?? null),
          }
        : ERASED_PEER;
      return presentConversation(
        membership,
        facts,
        lastByConversation.get(membership.conversation.id) ?? null,
        maySend(profile !== undefined, !blockedEitherWay),
      );
    });
  }
}
