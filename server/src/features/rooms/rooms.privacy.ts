/**
 * Rooms in the privacy registry. A person's rooms (as owner) go with them, members and chat
 * included; their memberships, bans and room chat messages in other rooms go too. Room chat is
 * kept a week anyway.
 */
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';
import type { MediaStorage } from '../../platform/storage/index.js';

export function registerRoomsPrivacy(registry: PrivacyRegistry, storage: MediaStorage): void {
  /** Cover files of erasures whose transaction has not committed yet, by user. */
  const pendingCovers = new Map<string, string[]>();
  registry.register({
    feature: 'rooms',
    table: 'rooms',
    userColumn: 'owner_id',
    description: 'Live audio rooms the user opened: title, topic, tags, language, settings, times.',
    exportRows: (db, userId) =>
      db
        .selectFrom('rooms')
        .select([
          'id',
          'title',
          'topic',
          'tags',
          'language',
          'seat_count',
          'free_seating',
          'status',
          'created_at',
          'closed_at',
        ])
        .where('owner_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      const covers = await db
        .selectFrom('rooms')
        .select('cover_key')
        .where('owner_id', '=', userId)
        .where('cover_key', 'is not', null)
        .execute();
      pendingCovers.set(
        userId,
        covers.flatMap((row) => (row.cover_key ? [row.cover_key] : [])),
      );
      await db.deleteFrom('rooms').where('owner_id', '=', userId).execute();
    },
    afterErase: async (userId) => {
      const keys = pendingCovers.get(userId) ?? [];
      pendingCovers.delete(userId);
      const results = await Promise.allSettled(keys.map((key) => storage.delete(key)));
      if (results.some((result) => result.status === 'rejected'))
        throw new Error('Some room covers could not be deleted.');
    },
  });
  registry.register({
    feature: 'rooms',
    table: 'room_members',
    userColumn: 'user_id',
    description: 'The rooms the user is in: role, seat, mic, raised hand, connection.',
    exportRows: (db, userId) =>
      db
        .selectFrom('room_members')
        .select(['room_id', 'role', 'seat', 'mic', 'hand_raised_at', 'joined_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('room_members').where('user_id', '=', userId).execute();
    },
  });
  registry.register({
    feature: 'rooms',
    table: 'room_bans',
    userColumn: 'user_id',
    description: 'Temporary bans from rooms: the user’s own, and those they gave as a moderator.',
    exportRows: (db, userId) =>
      db
        .selectFrom('room_bans')
        .select(['room_id', 'user_id', 'banned_until', 'created_at'])
        .where((eb) => eb.or([eb('user_id', '=', userId), eb('banned_by', '=', userId)]))
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('room_bans').where('user_id', '=', userId).execute();
      await db.updateTable('room_bans').set({ banned_by: null }).where('banned_by', '=', userId).execute();
    },
  });
  registry.register({
    feature: 'rooms',
    table: 'room_messages',
    userColumn: 'sender_id',
    description: 'What the user wrote in room chats (kept for a week).',
    exportRows: (db, userId) =>
      db
        .selectFrom('room_messages')
        .select(['room_id', 'seq', 'text', 'created_at'])
        .where('sender_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('room_messages').where('sender_id', '=', userId).execute();
    },
  });
}
