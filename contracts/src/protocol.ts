/**
 * The WebSocket gateway's event protocol (`/ws`): every frame is one JSON object with a `type`.
 * Client events are parsed with these schemas on the server; server events are what the web app
 * reads. docs/protocol.md walks through a session with examples.
 */
import { z } from 'zod';
import { ClientMessageIdSchema, ConversationViewSchema, MESSAGE_TEXT_MAX_LENGTH, MessageViewSchema } from './chat.js';
import { errorCodes } from './errors.js';
import {
  ROOM_BAN_MAX_MINUTES,
  ROOM_CHAT_TEXT_MAX_LENGTH,
  ROOM_PASSWORD_MAX_LENGTH,
  ROOM_SEATS_MAX,
  RoomMessageViewSchema,
  RoomStateViewSchema,
} from './rooms.js';

export const PROTOCOL_VERSION = 1;
/** A frame larger than this closes the socket with 1009; the server never reads it. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** The server pings at this interval; a socket that missed one pong is dropped. */
export const HEARTBEAT_INTERVAL_MS = 25_000;
/** The most conversations one sync, and the most people one presence watch, may name. */
export const SYNC_MAX_CONVERSATIONS = 500;
export const PRESENCE_WATCH_MAX = 200;

/** Close codes the server uses; 1000–1015 are the standard ones. */
export const closeCodes = {
  /** The server is shutting down; reconnect (to another node) at once. */
  goingAway: 1001,
  /** A text frame that is not UTF-8. */
  invalidText: 1007,
  /** A frame over MAX_FRAME_BYTES. */
  frameTooLarge: 1009,
  /** The server could not set the connection up; reconnect with backoff. */
  internalError: 1011,
  /** The session ended (signed out, revoked, expired, account erased): do not reconnect with it. */
  sessionEnded: 4001,
  /** Too many malformed frames in a row. */
  protocolViolation: 4008,
  /** The client read too slowly and the server's send buffer for it filled up (a client that reads nothing more sees 1006). */
  slowConsumer: 4009,
} as const;

const RefSchema = z.string().max(64).optional();
const ConversationIdSchema = z.uuid();
const SeqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const SendTextSchema = z.strictObject({
  type: z.literal('send'),
  ref: RefSchema,
  clientId: ClientMessageIdSchema,
  conversationId: ConversationIdSchema,
  kind: z.literal('text'),
  text: z
    .string()
    .max(MESSAGE_TEXT_MAX_LENGTH)
    .refine((text) => text.trim().length > 0, { error: 'chat.emptyMessage' }),
});

const SendMediaSchema = z.strictObject({
  type: z.literal('send'),
  ref: RefSchema,
  clientId: ClientMessageIdSchema,
  conversationId: ConversationIdSchema,
  kind: z.enum(['image', 'voice']),
  mediaId: z.uuid(),
});

export const SendEventSchema = z.discriminatedUnion('kind', [SendTextSchema, SendMediaSchema]);
export type SendEvent = z.infer<typeof SendEventSchema>;

export const SyncEventSchema = z.strictObject({
  type: z.literal('sync'),
  ref: RefSchema,
  /** For each conversation, the last sequence number the client holds; the server sends what follows. */
  cursors: z
    .array(z.strictObject({ conversationId: ConversationIdSchema, afterSeq: SeqSchema }))
    .max(SYNC_MAX_CONVERSATIONS),
});
export type SyncEvent = z.infer<typeof SyncEventSchema>;

const receiptFields = {
  ref: RefSchema,
  conversationId: ConversationIdSchema,
  /** Everything up to and including this sequence number. */
  seq: SeqSchema,
};
export const DeliveredEventSchema = z.strictObject({ type: z.literal('delivered'), ...receiptFields });
export const ReadEventSchema = z.strictObject({ type: z.literal('read'), ...receiptFields });

export const TypingEventSchema = z.strictObject({
  type: z.literal('typing'),
  ref: RefSchema,
  conversationId: ConversationIdSchema,
  active: z.boolean(),
});

export const WatchPresenceEventSchema = z.strictObject({
  type: z.literal('watchPresence'),
  ref: RefSchema,
  /** Replaces the previous watch list. */
  userIds: z.array(z.uuid()).max(PRESENCE_WATCH_MAX),
});

export const PingEventSchema = z.strictObject({ type: z.literal('ping'), ref: RefSchema });

const RoomIdSchema = z.uuid();
const SeatIndexSchema = z
  .number()
  .int()
  .min(0)
  .max(ROOM_SEATS_MAX - 1);

/** Enter a room (or come back to it after a dropped connection: the member keeps their place). */
export const RoomJoinEventSchema = z.strictObject({
  type: z.literal('room.join'),
  ref: RefSchema,
  roomId: RoomIdSchema,
  password: z.string().max(ROOM_PASSWORD_MAX_LENGTH).optional(),
});

export const RoomLeaveEventSchema = z.strictObject({
  type: z.literal('room.leave'),
  ref: RefSchema,
  roomId: RoomIdSchema,
});

const roomActionFields = { type: z.literal('room.action'), ref: RefSchema, roomId: RoomIdSchema };
/** Every room action; the room policy on the server decides who may do which. */
export const RoomActionEventSchema = z.discriminatedUnion('action', [
  z.strictObject({ ...roomActionFields, action: z.literal('takeSeat'), seat: SeatIndexSchema.optional() }),
  z.strictObject({
    ...roomActionFields,
    action: z.enum(['leaveSeat', 'raiseHand', 'lowerHand', 'mute', 'unmute', 'close']),
  }),
  z.strictObject({
    ...roomActionFields,
    action: z.enum(['inviteToSeat', 'moveToSeat']),
    targetUserId: z.uuid(),
    seat: SeatIndexSchema.optional(),
  }),
  z.strictObject({ ...roomActionFields, action: z.enum(['lockSeat', 'unlockSeat']), seat: SeatIndexSchema }),
  z.strictObject({
    ...roomActionFields,
    action: z.enum(['removeFromSeat', 'lockMic', 'unlockMic', 'appointAdmin', 'dismissAdmin']),
    targetUserId: z.uuid(),
  }),
  z.strictObject({ ...roomActionFields, action: z.literal('muteOther'), targetUserId: z.uuid() }),
  z.strictObject({
    ...roomActionFields,
    action: z.literal('kick'),
    targetUserId: z.uuid(),
    banMinutes: z.number().int().min(0).max(ROOM_BAN_MAX_MINUTES).optional(),
  }),
]);
export type RoomActionEvent = z.infer<typeof RoomActionEventSchema>;

export const RoomChatEventSchema = z.strictObject({
  type: z.literal('room.chat'),
  ref: RefSchema,
  roomId: RoomIdSchema,
  clientId: ClientMessageIdSchema,
  text: z
    .string()
    .max(ROOM_CHAT_TEXT_MAX_LENGTH)
    .refine((text) => text.trim().length > 0, { error: 'chat.emptyMessage' }),
});

export const RoomSyncEventSchema = z.strictObject({
  type: z.literal('room.sync'),
  ref: RefSchema,
  roomId: RoomIdSchema,
  afterSeq: SeqSchema,
});

/** WebRTC signalling with the room's media server: a complete offer (no trickle), also for an ICE restart. */
export const RoomSignalEventSchema = z.strictObject({
  type: z.literal('room.signal'),
  ref: RefSchema,
  roomId: RoomIdSchema,
  offerSdp: z
    .string()
    .min(1)
    .max(32 * 1024),
});

/** Every event a client may send; keyed on `type`, so a bad event is told which of its fields is wrong. */
export const ClientEventSchema = z.discriminatedUnion('type', [
  SendEventSchema,
  SyncEventSchema,
  DeliveredEventSchema,
  ReadEventSchema,
  TypingEventSchema,
  WatchPresenceEventSchema,
  PingEventSchema,
  RoomJoinEventSchema,
  RoomLeaveEventSchema,
  RoomActionEventSchema,
  RoomChatEventSchema,
  RoomSyncEventSchema,
  RoomSignalEventSchema,
]);
export type ClientEvent = z.infer<typeof ClientEventSchema>;
export const clientEventTypes = [
  'send',
  'sync',
  'delivered',
  'read',
  'typing',
  'watchPresence',
  'ping',
  'room.join',
  'room.leave',
  'room.action',
  'room.chat',
  'room.sync',
  'room.signal',
] as const;

/** Server events. */
export const ReadyEventSchema = z.object({
  type: z.literal('ready'),
  protocol: z.number().int(),
  userId: z.string(),
  heartbeatIntervalMs: z.number().int(),
  maxFrameBytes: z.number().int(),
});

export const MessageEventSchema = z.object({ type: z.literal('message'), message: MessageViewSchema });

export const AckEventSchema = z.object({
  type: z.literal('ack'),
  ref: z.string().optional(),
  clientId: z.string(),
  /** The stored message; a resend of the same clientId is answered with the original. */
  message: MessageViewSchema,
});

export const SyncedEventSchema = z.object({
  type: z.literal('synced'),
  ref: z.string().optional(),
  conversationId: z.string(),
  /** The conversation's newest sequence number when the replay was read. */
  lastSeq: z.number().int(),
  /** True when the replay stopped at the batch limit; sync again from the last message received. */
  more: z.boolean(),
});

export const ReceiptServerEventSchema = z.object({
  type: z.literal('receipt'),
  conversationId: z.string(),
  userId: z.string(),
  kind: z.enum(['delivered', 'read']),
  seq: z.number().int(),
});

export const TypingServerEventSchema = z.object({
  type: z.literal('typing'),
  conversationId: z.string(),
  userId: z.string(),
  active: z.boolean(),
});

export const PresenceEventSchema = z.object({
  type: z.literal('presence'),
  userId: z.string(),
  online: z.boolean(),
  lastSeenAtMs: z.number().int().nullable(),
});

export const ConversationEventSchema = z.object({
  type: z.literal('conversation'),
  conversation: ConversationViewSchema,
});

export const PongEventSchema = z.object({ type: z.literal('pong'), ref: z.string().optional() });

/** A room's snapshot; it carries `ref` only as the direct answer to the member's own join or action. */
export const RoomStateEventSchema = z.object({
  type: z.literal('room.state'),
  ref: z.string().optional(),
  state: RoomStateViewSchema,
});
export const RoomMessageEventSchema = z.object({ type: z.literal('room.message'), message: RoomMessageViewSchema });
export const RoomSyncedEventSchema = z.object({
  type: z.literal('room.synced'),
  ref: z.string().optional(),
  roomId: z.string(),
  lastSeq: z.number().int(),
  more: z.boolean(),
});
export const RoomSpeakingEventSchema = z.object({
  type: z.literal('room.speaking'),
  roomId: z.string(),
  /** Members whose audio is loud enough to ring, 0..1. */
  levels: z.array(z.object({ userId: z.string(), level: z.number() })),
});
export const RoomSignalServerEventSchema = z.object({
  type: z.literal('room.signal'),
  ref: z.string().optional(),
  roomId: z.string(),
  answerSdp: z.string(),
  iceServers: z.array(
    z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() }),
  ),
});
/** The media server lost this member's connection (it restarted): start a new peer connection and offer again. */
export const RoomRenegotiateEventSchema = z.object({ type: z.literal('room.renegotiate'), roomId: z.string() });

/** The room ended for this person: closed by its owner, empty too long, or they were kicked. */
export const RoomEndedEventSchema = z.object({
  type: z.literal('room.ended'),
  roomId: z.string(),
  reason: z.enum(['closed', 'empty', 'kicked']),
  /** For a kick: until when they cannot come back. */
  bannedUntilMs: z.number().int().nullable(),
});

export const gatewayErrorCodes = [...errorCodes, 'UNKNOWN_EVENT', 'MALFORMED_FRAME'] as const;
export type GatewayErrorCode = (typeof gatewayErrorCodes)[number];

export const ErrorEventSchema = z.object({
  type: z.literal('error'),
  /** The `ref` (or, for a send, the `clientId`) of the event that failed. */
  ref: z.string().optional(),
  code: z.enum(gatewayErrorCodes),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  retryAfterMs: z.number().int().optional(),
});

export const ServerEventSchema = z.discriminatedUnion('type', [
  ReadyEventSchema,
  MessageEventSchema,
  AckEventSchema,
  SyncedEventSchema,
  ReceiptServerEventSchema,
  TypingServerEventSchema,
  PresenceEventSchema,
  ConversationEventSchema,
  PongEventSchema,
  ErrorEventSchema,
  RoomStateEventSchema,
  RoomMessageEventSchema,
  RoomSyncedEventSchema,
  RoomSpeakingEventSchema,
  RoomSignalServerEventSchema,
  RoomEndedEventSchema,
  RoomRenegotiateEventSchema,
]);
export type ServerEvent = z.infer<typeof ServerEventSchema>;
export type ServerEventOf<T extends ServerEvent['type']> = Extract<ServerEvent, { type: T }>;
