/**
 * Live audio rooms: a host opens a room, a few people speak on mic seats, many listen and chat.
 * The room's state travels as one shared snapshot (every member sees the same), its chat like 1:1
 * chat (sequence numbers, resume), over the same WebSocket gateway.
 */
import { z } from 'zod';

export const ROOM_TITLE_MAX_LENGTH = 60;
export const ROOM_TOPIC_MAX_LENGTH = 200;
export const ROOM_TAGS_MAX = 5;
export const ROOM_TAG_MAX_LENGTH = 20;
export const ROOM_SEATS_MIN = 1;
export const ROOM_SEATS_MAX = 16;
export const ROOM_SEATS_DEFAULT = 8;
export const ROOM_PASSWORD_MIN_LENGTH = 4;
export const ROOM_PASSWORD_MAX_LENGTH = 32;
export const ROOM_CHAT_TEXT_MAX_LENGTH = 500;
/** A dropped member keeps their place (seat, role) this long before they are taken out. */
export const ROOM_RECONNECT_GRACE_MS = 60_000;
/** A room nobody is connected to closes by itself after this long. */
export const ROOM_EMPTY_CLOSE_MS = 5 * 60_000;
/** The longest temporary ban a kick can carry. */
export const ROOM_BAN_MAX_MINUTES = 7 * 24 * 60;
export const ROOM_BAN_DEFAULT_MINUTES = 60;
/** Only this many of the loudest speakers are forwarded to each listener. */
export const ROOM_FORWARDED_SPEAKERS = 3;

export const roomLanguages = ['zh', 'en', 'yue', 'ja', 'ko', 'other'] as const;
export type RoomLanguage = (typeof roomLanguages)[number];

export const roomRoles = ['owner', 'admin', 'member'] as const;
export type RoomRole = (typeof roomRoles)[number];

/** A seated member's microphone: on, muted by themselves or an admin, or locked muted by an admin. */
export const micStates = ['on', 'muted', 'locked'] as const;
export type MicState = (typeof micStates)[number];

const TagSchema = z
  .string({ error: 'field.mustBeText' })
  .trim()
  .min(1, { error: 'field.required' })
  .max(ROOM_TAG_MAX_LENGTH, { error: 'field.tooLong' });

export const CreateRoomInputSchema = z.strictObject({
  title: z
    .string({ error: 'field.mustBeText' })
    .trim()
    .min(1, { error: 'field.required' })
    .max(ROOM_TITLE_MAX_LENGTH, { error: 'field.tooLong' }),
  topic: z
    .string({ error: 'field.mustBeText' })
    .trim()
    .max(ROOM_TOPIC_MAX_LENGTH, { error: 'field.tooLong' })
    .default(''),
  tags: z.array(TagSchema).max(ROOM_TAGS_MAX, { error: 'room.tooManyTags' }).default([]),
  language: z.enum(roomLanguages, { error: 'field.invalid' }),
  /** Empty or absent: an open room. */
  password: z
    .string({ error: 'field.mustBeText' })
    .min(ROOM_PASSWORD_MIN_LENGTH, { error: 'room.passwordLength' })
    .max(ROOM_PASSWORD_MAX_LENGTH, { error: 'room.passwordLength' })
    .optional(),
  seatCount: z
    .number({ error: 'field.invalid' })
    .int({ error: 'field.invalid' })
    .min(ROOM_SEATS_MIN, { error: 'room.seatCount' })
    .max(ROOM_SEATS_MAX, { error: 'room.seatCount' })
    .default(ROOM_SEATS_DEFAULT),
  /** Listeners may take a free seat themselves; otherwise they raise a hand and wait for an invitation. */
  freeSeating: z.boolean({ error: 'field.mustBeBoolean' }).default(true),
});
export type CreateRoomInput = z.input<typeof CreateRoomInputSchema>;

export const roomSorts = ['popular', 'new'] as const;

export const RoomListQuerySchema = z.strictObject({
  sort: z.enum(roomSorts, { error: 'field.invalid' }).default('popular'),
  language: z.enum(roomLanguages, { error: 'field.invalid' }).optional(),
  tag: TagSchema.optional(),
  limit: z.coerce.number({ error: 'field.invalid' }).int().min(1).max(50).default(20),
});
export type RoomListQuery = z.infer<typeof RoomListQuerySchema>;

/** The multipart field a cover picture is uploaded in (POST /api/v1/rooms/:id/cover). */
export const ROOM_COVER_FIELD = 'cover';

export const RoomIdParamsSchema = z.strictObject({ id: z.uuid({ error: 'field.invalid' }) });

export const RoomPersonViewSchema = z.object({
  userId: z.string(),
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
});
export type RoomPersonView = z.infer<typeof RoomPersonViewSchema>;

export const RoomSummaryViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.string(),
  tags: z.array(z.string()),
  language: z.enum(roomLanguages),
  hasPassword: z.boolean(),
  /** Same-origin path of the cover picture (re-encoded, without metadata), or null. */
  coverUrl: z.string().nullable(),
  seatCount: z.number().int(),
  freeSeating: z.boolean(),
  owner: RoomPersonViewSchema,
  /** Up to four people on seats, for the list's avatars. */
  speakers: z.array(RoomPersonViewSchema),
  speakerCount: z.number().int(),
  listenerCount: z.number().int(),
  status: z.enum(['live', 'closed']),
  createdAtMs: z.number().int(),
  lastActivityAtMs: z.number().int(),
});
export type RoomSummaryView = z.infer<typeof RoomSummaryViewSchema>;

export const RoomListViewSchema = z.object({ rooms: z.array(RoomSummaryViewSchema) });
export type RoomListView = z.infer<typeof RoomListViewSchema>;

export const RoomMemberViewSchema = RoomPersonViewSchema.extend({
  role: z.enum(roomRoles),
  /** The seat index (0-based), or null for a listener. */
  seat: z.number().int().nullable(),
  mic: z.enum(micStates),
  /** When the hand went up; the hand queue is ordered by it. */
  handRaisedAtMs: z.number().int().nullable(),
  /** False while the member's connection is gone (they keep their place for the grace period). */
  connected: z.boolean(),
});
export type RoomMemberView = z.infer<typeof RoomMemberViewSchema>;

export const SeatViewSchema = z.object({
  index: z.number().int(),
  locked: z.boolean(),
  userId: z.string().nullable(),
});
export type SeatView = z.infer<typeof SeatViewSchema>;

/** The one snapshot every member of the room receives; each finds themselves in `members`. */
export const RoomStateViewSchema = z.object({
  room: RoomSummaryViewSchema,
  seats: z.array(SeatViewSchema),
  /** The owner, admins, speakers, raised hands, and listeners (newest first, up to 200). */
  members: z.array(RoomMemberViewSchema),
  /** User ids with a raised hand, oldest first. */
  handQueue: z.array(z.string()),
  /** Changes with every change of the state, so a client keeps only the newest snapshot. */
  version: z.number().int(),
  chatLastSeq: z.number().int(),
});
export type RoomStateView = z.infer<typeof RoomStateViewSchema>;

export const RoomMessageViewSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  seq: z.number().int(),
  sender: RoomPersonViewSchema,
  clientId: z.string(),
  text: z.string(),
  sentAtMs: z.number().int(),
});
export type RoomMessageView = z.infer<typeof RoomMessageViewSchema>;

/** What a member may ask of the room; the room policy decides who may do which. */
export const roomActions = [
  'takeSeat',
  'leaveSeat',
  'raiseHand',
  'lowerHand',
  'inviteToSeat',
  'moveToSeat',
  'removeFromSeat',
  'lockSeat',
  'unlockSeat',
  'mute',
  'unmute',
  'muteOther',
  'lockMic',
  'unlockMic',
  'kick',
  'appointAdmin',
  'dismissAdmin',
  'close',
] as const;
export type RoomAction = (typeof roomActions)[number];
