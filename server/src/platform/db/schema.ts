/**
 * The database as Kysely sees it: one XRow type per table. Times are epoch milliseconds,
 * booleans are 0/1 integers, so the same rows come back from SQLite and PostgreSQL.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface UsersTable {
  id: string;
  email: string;
  email_verified_at: number | null;
  password_hash: string;
  nickname: string;
  birth_date: string;
  policy_version: string;
  /** The language emails to this user are written in ("en" or "zh"). */
  language: string;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  device_hash: string | null;
  browser: string | null;
  os: string | null;
  language: string | null;
  coarse_ip: string | null;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface KnownDevicesTable {
  user_id: string;
  device_hash: string;
  first_seen_at: number;
  last_seen_at: number;
}

export interface EmailTokensTable {
  id: string;
  user_id: string;
  purpose: 'verify_email' | 'password_reset';
  token_hash: string;
  email: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface ConsentEventsTable {
  id: Generated<number>;
  user_id: string;
  purpose: string;
  granted: number;
  policy_version: string;
  source: string;
  created_at: number;
}

export interface PolicyAcceptancesTable {
  user_id: string;
  version: string;
  accepted_at: number;
}

export interface BlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: number;
}

export interface ReportsTable {
  id: string;
  reporter_id: string | null;
  target_kind: string;
  target_id: string;
  target_user_id: string | null;
  reason: string;
  details: string | null;
  urgent: number;
  status: 'open' | 'closed';
  created_at: number;
}

export interface ProfilesTable {
  user_id: string;
  bio: string;
  gender: string | null;
  /** JSON array of tags. */
  interests: string;
  /** JSON array of language tags. */
  languages: string;
  city: string | null;
  updated_at: number;
}

export interface ContactInfoAttemptsTable {
  id: string;
  user_id: string;
  field: string;
  kind: string;
  created_at: number;
}

export interface PublicationsTable {
  user_id: string;
  handle: string;
  published: number;
  /** JSON array of the public field names. */
  fields: string;
  updated_at: number;
}

export interface PhotosTable {
  id: string;
  user_id: string;
  /** The random, server-made media key; the file is served at /media/<storage_key>. */
  storage_key: string;
  width: number;
  height: number;
  /** Size of the stored WebP file in bytes. */
  bytes: number;
  caption: string | null;
  /** The photo's slot, 0 to 5; unique per user. */
  position: number;
  created_at: number;
}

export interface NearbySettingsTable {
  user_id: string;
  show_in_nearby: number;
  hide_distance: number;
  /** Base64 of 32 random bytes; the person's location offset is derived from it and the area. */
  offset_secret: string;
  /** A random 31-bit number: where this person sits in everyone's shuffled nearby order. */
  shuffle_key: number;
  updated_at: number;
}

export interface NearbyLocationsTable {
  user_id: string;
  /** H3 cells of the displaced point: resolution 8 (about 1 km across) and coarser parents. */
  cell_r8: string;
  cell_r5: string;
  cell_r4: string;
  cell_r3: string;
  source: 'device' | 'city';
  city_id: string | null;
  shuffle_key: number;
  hide_distance: number;
  /** Copies of profile fields the nearby filters read, kept in step by the profiles hook. */
  birth_date: string;
  gender: string | null;
  /** JSON array of lower-cased interest tags. */
  interests: string;
  updated_at: number;
  last_active_at: number;
}

export interface ConversationsTable {
  id: string;
  /** The two member ids, sorted and joined by a colon. */
  pair_key: string;
  /** The newest message's sequence number; the next message takes last_seq + 1. */
  last_seq: number;
  created_at: number;
  last_message_at: number;
}

export interface ConversationMembersTable {
  conversation_id: string;
  user_id: string;
  /** Everything up to this sequence number reached one of the member's devices. */
  delivered_seq: number;
  read_seq: number;
  joined_at: number;
}

export interface ChatMediaTable {
  id: string;
  owner_id: string;
  kind: 'image' | 'voice';
  /** The random key in the private chat media store (never served at /media). */
  storage_key: string;
  content_type: string;
  bytes: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  created_at: number;
}

export interface ChatMessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  /** Null for system messages and once the sender's account is erased. */
  sender_id: string | null;
  client_id: string | null;
  kind: 'text' | 'image' | 'voice' | 'system';
  text: string | null;
  media_id: string | null;
  system_event: string | null;
  system_message_id: string | null;
  created_at: number;
  recalled_at: number | null;
}

export interface ChatHiddenMessagesTable {
  user_id: string;
  message_id: string;
  created_at: number;
}

export interface GatewayNodesTable {
  node_id: string;
  heartbeat_at: number;
}

export interface PresenceConnectionsTable {
  user_id: string;
  node_id: string;
  connections: number;
  updated_at: number;
}

export interface LastSeenTable {
  user_id: string;
  last_seen_at: number;
}

export interface RoomsTable {
  id: string;
  owner_id: string;
  title: string;
  topic: string;
  /** JSON array of tags. */
  tags: string;
  language: string;
  /** argon2id of the room password; null for an open room. */
  password_hash: string | null;
  cover_key: string | null;
  seat_count: number;
  free_seating: number;
  status: 'live' | 'closed';
  /** Raised with every change of the room's state, so clients keep only the newest snapshot. */
  state_version: number;
  chat_last_seq: number;
  created_at: number;
  last_activity_at: number;
  /** Since when nobody is connected; the room closes 5 minutes later. */
  empty_since: number | null;
  /** The node whose media process carries the room's audio, once someone negotiated. */
  media_node: string | null;
  closed_at: number | null;
}

export interface RoomMembersTable {
  room_id: string;
  user_id: string;
  role: 'owner' | 'admin' | 'member';
  seat: number | null;
  mic: 'on' | 'muted' | 'locked';
  hand_raised_at: number | null;
  joined_at: number;
  connected: number;
  disconnected_at: number | null;
}

export interface RoomLockedSeatsTable {
  room_id: string;
  seat: number;
}

export interface RoomBansTable {
  room_id: string;
  user_id: string;
  banned_until: number;
  banned_by: string | null;
  created_at: number;
}

export interface RoomMessagesTable {
  id: string;
  room_id: string;
  seq: number;
  sender_id: string;
  client_id: string;
  text: string;
  created_at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  known_devices: KnownDevicesTable;
  email_tokens: EmailTokensTable;
  consent_events: ConsentEventsTable;
  policy_acceptances: PolicyAcceptancesTable;
  blocks: BlocksTable;
  reports: ReportsTable;
  profiles: ProfilesTable;
  contact_info_attempts: ContactInfoAttemptsTable;
  publications: PublicationsTable;
  photos: PhotosTable;
  nearby_settings: NearbySettingsTable;
  nearby_locations: NearbyLocationsTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  chat_media: ChatMediaTable;
  chat_messages: ChatMessagesTable;
  chat_hidden_messages: ChatHiddenMessagesTable;
  gateway_nodes: GatewayNodesTable;
  presence_connections: PresenceConnectionsTable;
  last_seen: LastSeenTable;
  rooms: RoomsTable;
  room_members: RoomMembersTable;
  room_locked_seats: RoomLockedSeatsTable;
  room_bans: RoomBansTable;
  room_messages: RoomMessagesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type EmailTokenRow = Selectable<EmailTokensTable>;
export type ConsentEventRow = Selectable<ConsentEventsTable>;
export type BlockRow = Selectable<BlocksTable>;
export type ReportRow = Selectable<ReportsTable>;
export type ProfileRow = Selectable<ProfilesTable>;
export type PublicationRow = Selectable<PublicationsTable>;
export type PhotoRow = Selectable<PhotosTable>;
export type NearbySettingsRow = Selectable<NearbySettingsTable>;
export type NearbyLocationRow = Selectable<NearbyLocationsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type ConversationMemberRow = Selectable<ConversationMembersTable>;
export type ChatMediaRow = Selectable<ChatMediaTable>;
export type ChatMessageRow = Selectable<ChatMessagesTable>;
export type RoomRow = Selectable<RoomsTable>;
export type RoomMemberRow = Selectable<RoomMembersTable>;
export type RoomBanRow = Selectable<RoomBansTable>;
export type RoomMessageRow = Selectable<RoomMessagesTable>;
