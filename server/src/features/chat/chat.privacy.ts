/**
 * Chat in the privacy registry (decided in docs/adr/0010-chat.md). The export holds the user's
 * conversations and every message in them, both sides, as the user saw them. Erasure removes the
 * user from their conversations and empties every message they sent: the rows stay as
 * "account_erased" notices so the other person's history keeps its numbering, but nothing the
 * erased user wrote or uploaded remains. The other person keeps their own messages; a conversation
 * nobody is left in is deleted.
 */
import { sql } from 'kysely';
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';
import type { MediaStorage } from '../../platform/storage/index.js';
import { chatMediaUrl } from './chat.presenter.js';

export function registerChatPrivacy(registry: PrivacyRegistry, storage: MediaStorage): void {
  const pendingKeys = new Map<string, string[]>();

  registry.register({
    feature: 'chat',
    table: 'chat_media',
    userColumn: 'owner_id',
    description: 'Images and voice recordings the user sent in chats (images re-encoded without metadata).',
    exportRows: async (db, userId) => {
      const rows = await db
        .selectFrom('chat_media')
        .select(['id', 'kind', 'content_type', 'bytes', 'width', 'height', 'duration_ms', 'created_at'])
        .where('owner_id', '=', userId)
        .execute();
      return rows.map((row) => ({ ...row, url: chatMediaUrl(row.id) }));
    },
    erase: async (db, userId) => {
      const rows = await db.selectFrom('chat_media').select('storage_key').where('owner_id', '=', userId).execute();
      await db.deleteFrom('chat_media').where('owner_id', '=', userId).execute();
      pendingKeys.set(userId, [...(pendingKeys.get(userId) ?? []), ...rows.map((row) => row.storage_key)]);
    },
    afterErase: async (userId) => {
      const keys = pendingKeys.get(userId) ?? [];
      pendingKeys.delete(userId);
      const results = await Promise.allSettled(keys.map((key) => storage.delete(key)));
      const failed = results.filter((result) => result.status === 'rejected');
      if (failed.length > 0) throw new Error(`${failed.length} of ${keys.length} chat files could not be deleted.`);
    },
  });

  registry.register({
    feature: 'chat',
    table: 'chat_messages',
    userColumn: 'sender_id',
    description: 'Messages in the user’s conversations: what they sent and what they received.',
    exportRows: (db, userId) =>
      db
        .selectFrom('chat_messages')
        .innerJoin('conversation_members', 'conversation_members.conversation_id', 'chat_messages.conversation_id')
        .select([
          'chat_messages.id',
          'chat_messages.conversation_id',
          'chat_messages.seq',
          'chat_messages.sender_id',
          'chat_messages.kind',
          'chat_messages.text',
          'chat_messages.media_id',
          'chat_messages.system_event',
          'chat_messages.created_at',
          'chat_messages.recalled_at',
        ])
        .where('conversation_members.user_id', '=', userId)
        .orderBy('chat_messages.conversation_id')
        .orderBy('chat_messages.seq')
        .execute(),
    erase: async (db, userId) => {
      await db
        .updateTable('chat_messages')
        .set({
          sender_id: null,
          client_id: null,
          kind: 'system',
          text: null,
          media_id: null,
          system_event: 'account_erased',
          system_message_id: null,
        })
        .where('sender_id', '=', userId)
        .execute();
    },
  });

  registry.register({
    feature: 'chat',
    table: 'conversation_members',
    userColumn: 'user_id',
    description: 'The user’s conversations, with how far they received and read each.',
    exportRows: (db, userId) =>
      db
        .selectFrom('conversation_members as mine')
        .innerJoin('conversations', 'conversations.id', 'mine.conversation_id')
        .leftJoin('conversation_members as other', (join) =>
          join.onRef('other.conversation_id', '=', 'mine.conversation_id').on('other.user_id', '!=', userId),
        )
        .select([
          'conversations.id',
          'other.user_id as peer_id',
          'mine.delivered_seq',
          'mine.read_seq',
          'mine.joined_at',
          'conversations.last_message_at',
        ])
        .where('mine.user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      const memberships = await db
        .selectFrom('conversation_members')
        .select('conversation_id')
        .where('user_id', '=', userId)
        .execute();
      const conversationIds = memberships.map((row) => row.conversation_id);
      await db.deleteFrom('conversation_members').where('user_id', '=', userId).execute();
      if (conversationIds.length === 0) return;
      // The pair key names both people; once one is gone it names the conversation alone.
      await db
        .updateTable('conversations')
        .set({ pair_key: sql<string>`id || ':erased'` })
        .where('id', 'in', conversationIds)
        .execute();
      await db
        .deleteFrom('conversations')
        .where('id', 'in', conversationIds)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('conversation_members')
                .select('user_id')
                .whereRef('conversation_members.conversation_id', '=', 'conversations.id'),
            ),
          ),
        )
        .execute();
    },
  });

  registry.register({
    feature: 'chat',
    table: 'chat_hidden_messages',
    userColumn: 'user_id',
    description: 'Messages the user deleted for themselves.',
    exportRows: (db, userId) =>
      db
        .selectFrom('chat_hidden_messages')
        .select(['message_id', 'created_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('chat_hidden_messages').where('user_id', '=', userId).execute();
    },
  });
}
