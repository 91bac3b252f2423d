/**
 * All SQL of rooms, their members, locked seats, bans and room chat. The room's state lives here,
 * not in any node's memory, so members on different nodes see one room; every change raises the
 * room's state_version in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { Database, RoomBanRow, RoomMemberRow, RoomMessageRow, RoomRow } from '../../platform/db/schema.js';

export interface RoomSnapshot {
  room: RoomRow;
  members: RoomMemberRow[];
  lockedSeats: number[];
}

export class SeatTakenError extends Error {
  constructor() {
    super('The seat is taken.');
    this.name = 'SeatTakenError';
  }
}

export type RoomTransaction = Transaction<Database>;

export class RoomsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(room: RoomRow, owner: RoomMemberRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('rooms').values(room).execute();
      await trx.insertInto('room_members').values(owner).execute();
    });
  }

  async find(roomId: string): Promise<RoomRow | undefined> {
    return this.db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirst();
  }

  async snapshot(roomId: string, db: Kysely<Database> = this.db): Promise<RoomSnapshot | undefined> {
    const room = await db.selectFrom('rooms').selectAll().where('id', '=', roomId).executeTakeFirst();
    if (!room) return undefined;
    const [members, locked] = await Promise.all([
      db.selectFrom('room_members').selectAll().where('room_id', '=', roomId).orderBy('joined_at', 'desc').execute(),
      db.selectFrom('room_locked_seats').select('seat').where('room_id', '=', roomId).execute(),
    ]);
    return { room, members, lockedSeats: locked.map((row) => row.seat) };
  }

  /** Live rooms, newest activity first, with their members, for discovery. */
  async liveRooms(limit: number): Promise<RoomSnapshot[]> {
    const rooms = await this.db
      .selectFrom('rooms')
      .selectAll()
      .where('status', '=', 'live')
      .orderBy('last_activity_at', 'desc')
      .limit(limit)
      .execute();
    if (rooms.length === 0) return [];
    const members = await this.db
      .selectFrom('room_members')
      .selectAll()
      .where(
        'room_id',
        'in',
        rooms.map((room) => room.id),
      )
      .execute();
    return rooms.map((room) => ({
      room,
      members: members.filter((member) => member.room_id === room.id),
      lockedSeats: [],
    }));
  }

  /**
   * Runs a change of the room's state in one transaction and raises its version; a unique-seat
   * violation (two people taking one seat at once) becomes SeatTakenError.
   */
  async change<T>(roomId: string, nowMs: number, apply: (trx: RoomTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const result = await apply(trx);
        await trx
          .updateTable('rooms')
          .set((eb) => ({ state_version: eb('state_version', '+', 1), last_activity_at: nowMs }))
          .where('id', '=', roomId)
          .execute();
        return result;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new SeatTakenError();
      throw error;
    }
  }

  async findBan(roomId: string, userId: string): Promise<RoomBanRow | undefined> {
    return this.db
      .selectFrom('room_bans')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  async appendMessage(message: Omit<RoomMessageRow, 'seq'>): Promise<RoomMessageRow> {
    return this.db.transaction().execute(async (trx) => {
      const { chat_last_seq: seq } = await trx
        .updateTable('rooms')
        .set((eb) => ({ chat_last_seq: eb('chat_last_seq', '+', 1), last_activity_at: message.created_at }))
        .where('id', '=', message.room_id)
        .returning('chat_last_seq')
        .executeTakeFirstOrThrow();
      const row: RoomMessageRow = { ...message, seq };
      await trx.insertInto('room_messages').values(row).execute();
      return row;
    });
  }

  async findMessageByClientId(roomId: string, senderId: string, clientId: string): Promise<RoomMessageRow | undefined> {
    return this.db
      .selectFrom('room_messages')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('sender_id', '=', senderId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
  }

  async messagesAfter(roomId: string, afterSeq: number, limit: number): Promise<RoomMessageRow[]> {
    return this.db
      .selectFrom('room_messages')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** Members whose connection has been gone longer than the grace period. */
  async lapsedMembers(disconnectedBeforeMs: number): Promise<RoomMemberRow[]> {
    return this.db
      .selectFrom('room_members')
      .selectAll()
      .where('connected', '=', 0)
      .where('disconnected_at', '<', disconnectedBeforeMs)
      .execute();
  }

  /** Live rooms with their count of connected members, for the empty-room rule. */
  async liveRoomOccupancy(): Promise<{ id: string; empty_since: number | null; connected: number }[]> {
    const rows = await this.db
      .selectFrom('rooms')
      .leftJoin('room_members', (join) =>
        join.onRef('room_members.room_id', '=', 'rooms.id').on('room_members.connected', '=', 1),
      )
      .select((eb) => ['rooms.id', 'rooms.empty_since', eb.fn.count<number>('room_members.user_id').as('connected')])
      .where('rooms.status', '=', 'live')
      .groupBy(['rooms.id', 'rooms.empty_since'])
      .execute();
    return rows.map((row) => ({ ...row, connected: row.connected }));
  }

  async setEmptySince(roomId: string, emptySinceMs: number | null): Promise<void> {
    await this.db.updateTable('rooms').set({ empty_since: emptySinceMs }).where('id', '=', roomId).execute();
  }

  /**
   * Makes `nodeId` the room's media node unless a live one holds it; returns the holder. A node
   * that died hands its rooms to whichever node is asked first.
   */
  async claimMediaNode(roomId: string, nodeId: string, isAlive: (nodeId: string) => Promise<boolean>): Promise<string> {
    const room = await this.find(roomId);
    const current = room?.media_node ?? null;
    if (current !== null && (current === nodeId || (await isAlive(current)))) return current;
    let query = this.db.updateTable('rooms').set({ media_node: nodeId }).where('id', '=', roomId);
    query = current === null ? query.where('media_node', 'is', null) : query.where('media_node', '=', current);
    const result = await query.executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) return nodeId;
    return (await this.find(roomId))?.media_node ?? nodeId;
  }

  async deleteEndedBans(nowMs: number): Promise<void> {
    await this.db.deleteFrom('room_bans').where('banned_until', '<=', nowMs).execute();
  }

  async deleteMessagesBefore(cutoffMs: number): Promise<void> {
    await this.db.deleteFrom('room_messages').where('created_at', '<', cutoffMs).execute();
  }
}
