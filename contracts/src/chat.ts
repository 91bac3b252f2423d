/**
 * 1:1 chat: conversations and messages as they cross the HTTP API and the WebSocket gateway.
 * The gateway's event protocol is in protocol.ts; docs/protocol.md explains both with examples.
 */
import { z } from 'zod';

/** The longest text message, in UTF-16 code units as the browser counts them. */
export const MESSAGE_TEXT_MAX_LENGTH = 4000;
/** The longest voice message. */
export const VOICE_MAX_DURATION_MS = 60_000;
/** The largest voice upload: a minute of Opus at a generous bitrate. */
export const VOICE_MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** A sender may take a message back for everyone within this time. */
export const RECALL_WINDOW_MS = 2 * 60 * 1000;
/** A client id is the sender's own name for a message, so that a resend is recognised. */
export const CLIENT_MESSAGE_ID_MAX_LENGTH = 64;
/** The most messages one page of history or one replay batch holds. */
export const MESSAGE_PAGE_MAX = 200;
/** Audio types a voice message may be, recognised by their first bytes. */
export const voiceUploadTypes = ['audio/webm', 'audio/ogg', 'audio/mp4'] as const;
export type VoiceContentType = (typeof voiceUploadTypes)[number];

export const messageKinds = ['text', 'image', 'voice', 'system'] as const;
export type MessageKind = (typeof messageKinds)[number];

/**
 * What a system message says. `recalled` carries the recalled message's id: it gets a sequence
 * number of its own, so a client that was away learns of the recall through the same replay.
 */
export const systemEvents = ['conversation_started', 'recalled', 'account_erased'] as const;
export type SystemEvent = (typeof systemEvents)[number];

export const ClientMessageIdSchema = z
  .string({ error: 'field.mustBeText' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'field.invalid' });

export const ChatMediaViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'voice']),
  /** Same-origin path; served only to the uploader and the people in a conversation that holds it. */
  url: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
});
export type ChatMediaView = z.infer<typeof ChatMediaViewSchema>;

export const MessageViewSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Gapless per conversation, from 1; the order every client shows. */
  seq: z.number().int(),
  /** Null once the sender's account is erased. */
  senderId: z.string().nullable(),
  /** The sender's own id for the message; null for system messages. Only the sender's clients need it. */
  clientId: z.string().nullable(),
  kind: z.enum(messageKinds),
  text: z.string().nullable(),
  media: ChatMediaViewSchema.nullable(),
  system: z
    .object({
      event: z.enum(systemEvents),
      /** For `recalled`: the message taken back. */
      messageId: z.string().nullable(),
    })
    .nullable(),
  sentAtMs: z.number().int(),
  /** Set when the sender took the message back; its content is gone. */
  recalledAtMs: z.number().int().nullable(),
  /**
   * The viewer deleted this message for themselves: it keeps its place in the sequence (so replay
   * stays gapless) but carries no content, and clients do not show it.
   */
  deletedForMe: z.boolean(),
});
export type MessageView = z.infer<typeof MessageViewSchema>;

export const ChatPeerViewSchema = z.object({
  userId: z.string().nullable(),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  online: z.boolean(),
  lastSeenAtMs: z.number().int().nullable(),
});
export type ChatPeerView = z.infer<typeof ChatPeerViewSchema>;

export const ConversationViewSchema = z.object({
  id: z.string(),
  peer: ChatPeerViewSchema,
  /** The sequence number of the newest message. */
  lastSeq: z.number().int(),
  lastMessage: MessageViewSchema.nullable(),
  unreadCount: z.number().int(),
  /** How far I have read, and how far the other person has received and read. */
  readSeq: z.number().int(),
  peerDeliveredSeq: z.number().int(),
  peerReadSeq: z.number().int(),
  /** False when a block stands between us or the other account is gone: the composer is closed. */
  canSend: z.boolean(),
  createdAtMs: z.number().int(),
  lastMessageAtMs: z.number().int(),
});
export type ConversationView = z.infer<typeof ConversationViewSchema>;

export const ConversationListViewSchema = z.object({
  conversations: z.array(ConversationViewSchema),
  /** Unread messages over every conversation, for the badge and the page title. */
  totalUnread: z.number().int(),
});
export type ConversationListView = z.infer<typeof ConversationListViewSchema>;

export const StartConversationInputSchema = z.strictObject({ userId: z.uuid({ error: 'field.invalid' }) });
export type StartConversationInput = z.infer<typeof StartConversationInputSchema>;

export const ConversationIdParamsSchema = z.strictObject({ id: z.uuid({ error: 'field.invalid' }) });
export const MessageIdParamsSchema = z.strictObject({
  id: z.uuid({ error: 'field.invalid' }),
  messageId: z.uuid({ error: 'field.invalid' }),
});
export const ChatMediaIdParamsSchema = z.strictObject({ id: z.uuid({ error: 'field.invalid' }) });

/** History, newest first: `beforeSeq` pages backwards, `afterSeq` forwards (a replay). */
export const MessageHistoryQuerySchema = z.strictObject({
  beforeSeq: z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(1).optional(),
  afterSeq: z.coerce.number({ error: 'field.invalid' }).int({ error: 'field.invalid' }).min(0).optional(),
  limit: z.coerce
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .min(1, { error: 'field.invalid' })
    .max(MESSAGE_PAGE_MAX, { error: 'field.invalid' })
    .optional(),
});
export type MessageHistoryQuery = z.infer<typeof MessageHistoryQuerySchema>;

export const MessagePageViewSchema = z.object({
  /** In ascending sequence order. */
  messages: z.array(MessageViewSchema),
  /** True when older (for beforeSeq) or newer (for afterSeq) messages remain. */
  more: z.boolean(),
});
export type MessagePageView = z.infer<typeof MessagePageViewSchema>;

/** The multipart field a chat upload arrives in, and the duration a voice upload declares. */
export const CHAT_UPLOAD_FILE_FIELD = 'file';
export const VoiceDurationFieldSchema = z.coerce
  .number({ error: 'field.invalid' })
  .int({ error: 'field.invalid' })
  .min(1, { error: 'field.invalid' })
  .max(VOICE_MAX_DURATION_MS, { error: 'chat.voiceTooLong' });
