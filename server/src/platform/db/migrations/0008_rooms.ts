/**
 * Live audio rooms: the room, its members (role, seat, mic, raised hand, connection), locked seats,
 * temporary bans and the room chat (numbered per room, kept for a week).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    // The cover picture's key in the media store (public to signed-in people, as the room list is).
    .addColumn('cover_key', 'text')
    .addColumn('seat_count', 'integer', (c) => c.notNull())
    .addColumn('free_seating', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('state_version', 'bigint', (c) => c.notNull())
    .addColumn('chat_last_seq', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('empty_since', 'bigint')
    // The node whose media process carries the room's audio; every member's signalling goes there.
    .addColumn('media_node', 'text')
    .addColumn('closed_at', 'bigint')
    .execute();
  await db.schema.createIndex('rooms_status_activity').on('rooms').columns(['status', 'last_activity_at']).execute();
  await db.schema.createIndex('rooms_owner').on('rooms').column('owner_id').execute();

  await db.schema
    .createTable('room_members')
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('seat', 'integer')
    .addColumn('mic', 'text', (c) => c.notNull())
    .addColumn('hand_raised_at', 'bigint')
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addColumn('connected', 'integer', (c) => c.notNull())
    .addColumn('disconnected_at', 'bigint')
    .addPrimaryKeyConstraint('room_members_pk', ['room_id', 'user_id'])
    .execute();
  // Two people can never hold one seat: the index is the referee when two take it at once.
  await db.schema.createIndex('room_members_seat').on('room_members').columns(['room_id', 'seat']).unique().execute();
  await db.schema.createIndex('room_members_user').on('room_members').column('user_id').execute();

  await db.schema
    .createTable('room_locked_seats')
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('seat', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_locked_seats_pk', ['room_id', 'seat'])
    .execute();

  await db.schema
    .createTable('room_bans')
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('banned_until', 'bigint', (c) => c.notNull())
    .addColumn('banned_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_bans_pk', ['room_id', 'user_id'])
    .execute();
  await db.schema.createIndex('room_bans_user').on('room_bans').column('user_id').execute();
  await db.schema.createIndex('room_bans_by').on('room_bans').column('banned_by').execute();

  await db.schema
    .createTable('room_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('room_messages_room_seq')
    .on('room_messages')
    .columns(['room_id', 'seq'])
    .unique()
    .execute();
  await db.schema
    .createIndex('room_messages_sender_client')
    .on('room_messages')
    .columns(['room_id', 'sender_id', 'client_id'])
    .unique()
    .execute();
  await db.schema.createIndex('room_messages_sender').on('room_messages').column('sender_id').execute();
  await db.schema.createIndex('room_messages_created').on('room_messages').column('created_at').execute();
}
