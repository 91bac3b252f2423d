/**
 * All SQL of conversations, their members, messages, chat media and messages hidden for one person.
 * A message's sequence number is taken by raising the conversation's last_seq inside the same
 * transaction as the insert: the row lock (PostgreSQL) or the single writer (SQLite) serialises
 * senders, and a rolled-back insert gives its number back, so the sequence has no gaps.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { prepareQuery } from '../../platform/db/prepared-query.js';
import type {
  ChatMediaRow,
  ChatMessageRow,
  ConversationMemberRow,
  ConversationRow,
  Database,
} from '../../platform/db/schema.js';

export interface MembershipRow {
  conversation: ConversationRow;
  me: ConversationMemberRow;
  /** The other member, or null once their account is erased. */
  peer: ConversationMemberRow | null;
}

export type NewMessageRow = Omit<ChatMessageRow, 'seq'>;

export class DuplicateMessageError extends Error {
  constructor() {
    super('A message with this client id, or with this media, exists.');
    this.name = 'DuplicateMessageError';
  }
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

export class ChatStore {
  private readonly membersOf;
  private readonly bySenderClientId;
  private readonly afterSeq;

  constructor(private readonly db: Kysely<Database>) {
    this.membersOf = prepareQuery(db, (conversationId: string) =>
      db.selectFrom('conversation_members').selectAll().where('conversation_id', '=', conversationId),
    );
    this.bySenderClientId = prepareQuery(db, (senderId: string, clientId: string) =>
      db.selectFrom('chat_messages').selectAll().where('sender_id', '=', senderId).where('client_id', '=', clientId),
    );
    this.afterSeq = prepareQuery(db, (conversationId: string, afterSeq: number, limit: number) =>
      db
        .selectFrom('chat_messages')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit),
    );
  }

  /** The conversation of two people, created with its first (system) message when there is none. */
  async findOrCreateConversation(
    conversation: ConversationRow,
    members: [string, string],
    firstMessage: NewMessageRow,
  ): Promise<{ conversation: ConversationRow; created: boolean }> {
    const existing = await this.findByPair(conversation.pair_key);
    if (existing) return { conversation: existing, created: false };
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('conversations').values(conversation).execute();
        await trx
          .insertInto('conversation_members')
          .values(
            members.map((userId) => ({
              conversation_id: conversation.id,
              user_id: userId,
              // The notice that opens the conversation (sequence 1) is nobody's unread message.
              delivered_seq: 1,
              read_seq: 1,
              joined_at: conversation.created_at,
            })),
          )
          .execute();
        await this.appendInTransaction(trx, firstMessage);
      });
      return { conversation: { ...conversation, last_seq: 1 }, created: true };
    } catch (error) {
      // Both people started the conversation at the same moment: the other insert won.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findByPair(conversation.pair_key);
      if (!winner) throw error;
      return { conversation: winner, created: false };
    }
  }

  async findByPair(key: string): Promise<ConversationRow | undefined> {
    return this.db.selectFrom('conversations').selectAll().where('pair_key', '=', key).executeTakeFirst();
  }

  /** The conversation as one of its members sees it, or undefined when the user is not a member. */
  async membership(conversationId: string, userId: string): Promise<MembershipRow | undefined> {
    const [conversation, members] = await Promise.all([
      this.db.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirst(),
      this.membersOf.run(conversationId),
    ]);
    const me = members.find((member) => member.user_id === userId);
    if (!conversation || !me) return undefined;
    return { conversation, me, peer: members.find((member) => member.user_id !== userId) ?? null };
  }

  /** Every conversation of the user with both memberships, newest activity first. */
  async listMemberships(userId: string): Promise<MembershipRow[]> {
    const conversations = await this.db
      .selectFrom('conversations')
      .innerJoin('conversation_members as mine', 'mine.conversation_id', 'conversations.id')
      .selectAll('conversations')
      .where('mine.user_id', '=', userId)
      .orderBy('conversations.last_message_at', 'desc')
      .execute();
    if (conversations.length === 0) return [];
    const members = await this.db
      .selectFrom('conversation_members')
      .selectAll()
      .where(
        'conversation_id',
        'in',
        conversations.map((conversation) => conversation.id),
      )
      .execute();
    const byConversation = new Map<string, ConversationMemberRow[]>();
    for (const member of members) {
      const list = byConversation.get(member.conversation_id) ?? [];
      list.push(member);
      byConversation.set(member.conversation_id, list);
    }
    return conversations.flatMap((conversation) => {
      const list = byConversation.get(conversation.id) ?? [];
      const me = list.find((member) => member.user_id === userId);
      if (!me) return [];
      return [{ conversation, me, peer: list.find((member) => member.user_id !== userId) ?? null }];
    });
  }

  /** The ids of everyone the user has a conversation with. */
  async peersOf(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('conversation_members as mine')
      .innerJoin('conversation_members as other', 'other.conversation_id', 'mine.conversation_id')
      .select('other.user_id')
      .where('mine.user_id', '=', userId)
      .where('other.user_id', '!=', userId)
      .execute();
    return rows.map((row) => row.user_id);
  }

  async findBySenderClientId(senderId: string, clientId: string): Promise<ChatMessageRow | undefined> {
    return (await this.bySenderClientId.run(senderId, clientId))[0];
  }

  async findMessage(messageId: string): Promise<ChatMessageRow | undefined> {
    return this.db.selectFrom('chat_messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  }

  /**
   * Stores a message under the conversation's next sequence number; the sender has read everything
   * before their own message. Throws DuplicateMessageError when the client id is taken.
   */
  async append(message: NewMessageRow, senderReads: boolean): Promise<ChatMessageRow> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const stored = await this.appendInTransaction(trx, message);
        if (senderReads && message.sender_id) await this.raiseCursors(trx, stored, message.sender_id);
        return stored;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateMessageError();
      throw error;
    }
  }

  /** Takes a message back: its content goes, and a system message tells both sides in order. */
  async recall(
    messageId: string,
    recalledAtMs: number,
    notice: NewMessageRow,
  ): Promise<{ recalled: ChatMessageRow; notice: ChatMessageRow; mediaId: string | null } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const original = await trx
        .selectFrom('chat_messages')
        .selectAll()
        .where('id', '=', messageId)
        .where('recalled_at', 'is', null)
        .executeTakeFirst();
      if (!original) return undefined;
      const recalled = await trx
        .updateTable('chat_messages')
        .set({ recalled_at: recalledAtMs, text: null, media_id: null })
        .where('id', '=', messageId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const stored = await this.appendInTransaction(trx, notice);
      if (notice.sender_id) await this.raiseCursors(trx, stored, notice.sender_id);
      return { recalled, notice: stored, mediaId: original.media_id };
    });
  }

  private async appendInTransaction(trx: Transaction<Database>, message: NewMessageRow): Promise<ChatMessageRow> {
    const { last_seq: seq } = await trx
      .updateTable('conversations')
      .set((eb) => ({ last_seq: eb('last_seq', '+', 1), last_message_at: message.created_at }))
      .where('id', '=', message.conversation_id)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const row: ChatMessageRow = { ...message, seq };
    await trx.insertInto('chat_messages').values(row).execute();
    return row;
  }

  private async raiseCursors(trx: Transaction<Database>, message: ChatMessageRow, userId: string): Promise<void> {
    await trx
      .updateTable('conversation_members')
      .set({ read_seq: message.seq, delivered_seq: message.seq })
      .where('conversation_id', '=', message.conversation_id)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Messages after a sequence number, ascending. */
  async messagesAfter(conversationId: string, afterSeq: number, limit: number): Promise<ChatMessageRow[]> {
    return this.afterSeq.run(conversationId, afterSeq, limit);
  }

  /** Messages before a sequence number (or the newest), returned ascending. */
  async messagesBefore(conversationId: string, beforeSeq: number | null, limit: number): Promise<ChatMessageRow[]> {
    let query = this.db.selectFrom('chat_messages').selectAll().where('conversation_id', '=', conversationId);
    if (beforeSeq !== null) query = query.where('seq', '<', beforeSeq);
    const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
    return rows.reverse();
  }

  /** The newest message of each conversation. */
  async lastMessages(conversations: readonly ConversationRow[]): Promise<ChatMessageRow[]> {
    if (conversations.length === 0) return [];
    return this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where((eb) =>
        eb.or(
          conversations.map((conversation) =>
            eb.and([eb('conversation_id', '=', conversation.id), eb('seq', '=', conversation.last_seq)]),
          ),
        ),
      )
      .execute();
  }

  /**
   * Moves a member's receipt cursor forward (never back, never past the last message); returns
   * the new value, or null when nothing moved.
   */
  async advanceCursor(
    conversationId: string,
    userId: string,
    cursor: 'delivered_seq' | 'read_seq',
    seq: number,
  ): Promise<number | null> {
    const result = await this.db
      .updateTable('conversation_members')
      .set(
        cursor === 'read_seq'
          ? {
              read_seq: seq,
              delivered_seq: sql<number>`CASE WHEN delivered_seq < ${seq} THEN ${seq} ELSE delivered_seq END`,
            }
          : { delivered_seq: seq },
      )
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', userId)
      .where(cursor, '<', seq)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? seq : null;
  }

  async hide(userId: string, messageId: string, nowMs: number): Promise<void> {
    await this.db
      .insertInto('chat_hidden_messages')
      .values({ user_id: userId, message_id: messageId, created_at: nowMs })
      .onConflict((conflict) => conflict.columns(['user_id', 'message_id']).doNothing())
      .execute();
  }

  /** Which of these messages the user deleted for themselves. */
  async hiddenAmong(userId: string, messageIds: readonly string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('chat_hidden_messages')
      .select('message_id')
      .where('user_id', '=', userId)
      .where('message_id', 'in', messageIds)
      .execute();
    return new Set(rows.map((row) => row.message_id));
  }

  async insertMedia(row: ChatMediaRow): Promise<void> {
    await this.db.insertInto('chat_media').values(row).execute();
  }

  async findMedia(mediaId: string): Promise<ChatMediaRow | undefined> {
    return this.db.selectFrom('chat_media').selectAll().where('id', '=', mediaId).executeTakeFirst();
  }

  async mediaByIds(mediaIds: readonly string[]): Promise<ChatMediaRow[]> {
    if (mediaIds.length === 0) return [];
    return this.db.selectFrom('chat_media').selectAll().where('id', 'in', mediaIds).execute();
  }

  async deleteMedia(mediaId: string): Promise<void> {
    await this.db.deleteFrom('chat_media').where('id', '=', mediaId).execute();
  }

  /** Uploads older than the cutoff that no message holds: abandoned drafts. */
  async unattachedMediaBefore(cutoffMs: number, limit: number): Promise<ChatMediaRow[]> {
    return this.db
      .selectFrom('chat_media')
      .selectAll()
      .where('created_at', '<', cutoffMs)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('chat_messages').select('id').whereRef('chat_messages.media_id', '=', 'chat_media.id'),
          ),
        ),
      )
      .limit(limit)
      .execute();
  }

  async isMediaAttached(mediaId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('chat_messages')
      .select('id')
      .where('media_id', '=', mediaId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** True when the user is in a conversation that holds a message with this media. */
  async canSeeMedia(userId: string, mediaId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('chat_messages')
      .innerJoin('conversation_members', 'conversation_members.conversation_id', 'chat_messages.conversation_id')
      .select('chat_messages.id')
      .where('chat_messages.media_id', '=', mediaId)
      .where('conversation_members.user_id', '=', userId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Conversations the user started today-ish: counted for the first-contact limit. */
  async countConversationsStartedSince(userId: string, sinceMs: number): Promise<number> {
    const { count } = await this.db
      .selectFrom('chat_messages')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('sender_id', '=', userId)
      .where('system_event', '=', 'conversation_started')
      .where('created_at', '>=', sinceMs)
      .executeTakeFirstOrThrow();
    return count;
  }
}
