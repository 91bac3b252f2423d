/**
 * Live audio rooms: creating and finding rooms, entering and leaving, seats, hands, mics, roles,
 * kicks with temporary bans, closing, and the room chat. Every change is written to the database
 * first and then the whole room snapshot is published on the room's hub topic, on every node:
 * a member never has to merge deltas, and a member on another node sees the same room.
 */
import { randomUUID } from 'node:crypto';
import {
  detectContactInfo,
  MESSAGE_PAGE_MAX,
  ROOM_BAN_DEFAULT_MINUTES,
  ROOM_EMPTY_CLOSE_MS,
  ROOM_RECONNECT_GRACE_MS,
  type CreateRoomInput,
  type RoomActionEvent,
  type RoomListQuery,
  type RoomMessageView,
  type RoomStateView,
  type RoomSummaryView,
} from '@airtalk/contracts';
import type { Logger } from 'pino';
import type { Bus } from '../../platform/bus/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { RoomMemberRow, RoomRow } from '../../platform/db/schema.js';
import { AppError, forbidden, notFound } from '../../platform/http/errors.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import type { PasswordHasher } from '../../platform/security/password-hasher.js';
import type { BlocksService } from '../blocks/index.js';
import { newMediaKey, type MediaStorage } from '../../platform/storage/media-storage.js';
import type { ImagePipeline } from '../photos/index.js';
import type { ProfilesService } from '../profiles/index.js';
import { mayEditRoom, mayEnter, mayPerform, type RoomActor } from './rooms.policy.js';
import { presentMessage, presentState, presentSummary, type People } from './rooms.presenter.js';
import { SeatTakenError, type RoomsStore, type RoomSnapshot, type RoomTransaction } from './rooms.store.js';

/** Room chat is kept for a week: it is the talk of the moment, not an archive. */
export const ROOM_CHAT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const DISCOVERY_SCAN_LIMIT = 200;

export function roomTopic(roomId: string): string {
  return `room:${roomId}`;
}

export const roomClosed = () => new AppError('ROOM_CLOSED', 410, 'This room has closed.');
const notAMember = () => new AppError('ROOM_NOT_A_MEMBER', 409, 'Enter the room first.');

export interface ContactInfoAttempt {
  id: string;
  user_id: string;
  field: string;
  kind: string;
  created_at: number;
}

/** Told on every change of a room, so the node carrying its audio follows changes made elsewhere. */
export const ROOMS_CHANGED_TOPIC = 'rooms.changed';
/** Told when someone is put out of a room (kicked), so every node stops their sockets hearing it. */
export const ROOM_REMOVED_TOPIC = 'rooms.removed';
export interface RoomRemovedEvent {
  roomId: string;
  userId: string;
}

export interface RoomsServiceDeps {
  store: RoomsStore;
  hub: RealtimeHub;
  bus: Bus;
  blocks: BlocksService;
  profiles: ProfilesService;
  hasher: PasswordHasher;
  pipeline: ImagePipeline;
  /** The public media store (covers are shown in the room list, as profile photos are). */
  mediaStorage: MediaStorage;
  clock: Clock;
  logger: Logger;
  recordContactInfoAttempt: (attempt: ContactInfoAttempt) => Promise<void>;
}

function actorOf(member: RoomMemberRow): RoomActor {
  return {
    role: member.role,
    seated: member.seat !== null,
    handRaised: member.hand_raised_at !== null,
    micLocked: member.mic === 'locked',
  };
}

function firstFreeSeat(snapshot: RoomSnapshot): number | null {
  const taken = new Set(snapshot.members.flatMap((member) => (member.seat === null ? [] : [member.seat])));
  for (let seat = 0; seat < snapshot.room.seat_count; seat += 1) {
    if (!taken.has(seat) && !snapshot.lockedSeats.includes(seat)) return seat;
  }
  return null;
}

export class RoomsService {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly deps: RoomsServiceDeps) {}

  claimMediaNode(roomId: string, nodeId: string, isAlive: (nodeId: string) => Promise<boolean>): Promise<string> {
    return this.deps.store.claimMediaNode(roomId, nodeId, isAlive);
  }

  /** The room as one of its members sees it; refused for anyone else. */
  async snapshot(roomId: string): Promise<RoomSnapshot | null> {
    return (await this.deps.store.snapshot(roomId)) ?? null;
  }

  async snapshotForMember(userId: string, roomId: string): Promise<RoomSnapshot> {
    const snapshot = await this.deps.store.snapshot(roomId);
    if (!snapshot) throw notFound('This room');
    if (snapshot.room.status !== 'live') throw roomClosed();
    if (!snapshot.members.some((member) => member.user_id === userId)) throw notAMember();
    return snapshot;
  }

  /** Housekeeping on every node (each step is idempotent): lapsed members, empty rooms, old chat. */
  start(intervalMs = 10_000): void {
    this.sweeper = setInterval(() => {
      void this.sweep().catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'room sweep failed');
      });
    }, intervalMs);
    this.sweeper.unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  async create(ownerId: string, input: CreateRoomInput & { tags: string[]; topic: string }): Promise<RoomSummaryView> {
    await this.refuseContactInfo(ownerId, [
      ['title', input.title],
      ['topic', input.topic],
      ...input.tags.map((tag, index): [string, string] => [`tags.${index}`, tag]),
    ]);
    const nowMs = this.deps.clock.nowMs();
    const room: RoomRow = {
      id: randomUUID(),
      owner_id: ownerId,
      title: input.title,
      topic: input.topic,
      tags: JSON.stringify(input.tags),
      language: input.language,
      password_hash: input.password ? await this.deps.hasher.hash(input.password) : null,
      cover_key: null,
      seat_count: input.seatCount ?? 8,
      free_seating: input.freeSeating === false ? 0 : 1,
      status: 'live',
      state_version: 1,
      chat_last_seq: 0,
      created_at: nowMs,
      last_activity_at: nowMs,
      empty_since: nowMs,
      media_node: null,
      closed_at: null,
    };
    // The host starts on the first seat with the mic on; audio flows only with the microphone consent.
    await this.deps.store.create(room, {
      room_id: room.id,
      user_id: ownerId,
      role: 'owner',
      seat: 0,
      mic: 'on',
      hand_raised_at: null,
      joined_at: nowMs,
      connected: 0,
      disconnected_at: nowMs,
    });
    const snapshot = await this.deps.store.snapshot(room.id);
    if (!snapshot) throw notFound('This room');
    return presentSummary(snapshot, await this.people(snapshot));
  }

  /** Sets the room's cover picture (the owner only): re-encoded, metadata stripped, the old one removed. */
  async setCover(userId: string, roomId: string, bytes: Buffer): Promise<RoomSummaryView> {
    const room = await this.deps.store.find(roomId);
    if (!room || !(await this.deps.blocks.canInteract(userId, room.owner_id))) throw notFound('This room');
    if (!mayEditRoom(room.owner_id === userId)) throw forbidden('Only the room’s owner can change its cover.');
    if (room.status !== 'live') throw roomClosed();
    const image = await this.deps.pipeline.process(bytes);
    const key = newMediaKey(image.extension);
    await this.deps.mediaStorage.put(key, image.bytes, image.contentType);
    try {
      await this.deps.store.change(roomId, this.deps.clock.nowMs(), async (trx) => {
        await trx.updateTable('rooms').set({ cover_key: key }).where('id', '=', roomId).execute();
      });
    } catch (error) {
      await this.deps.mediaStorage.delete(key);
      throw error;
    }
    if (room.cover_key) {
      await this.deps.mediaStorage.delete(room.cover_key).catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'old room cover not removed');
      });
    }
    await this.publishState(roomId);
    return this.summary(userId, roomId);
  }

  async list(viewerId: string, query: RoomListQuery): Promise<RoomSummaryView[]> {
    const [snapshots, blocked] = await Promise.all([
      this.deps.store.liveRooms(DISCOVERY_SCAN_LIMIT),
      this.deps.blocks.blockedEitherWay(viewerId),
    ]);
    const wanted = snapshots.filter((snapshot) => {
      if (blocked.has(snapshot.room.owner_id)) return false;
      if (query.language && snapshot.room.language !== query.language) return false;
      if (query.tag) {
        const tag = query.tag.toLowerCase();
        return (JSON.parse(snapshot.room.tags) as string[]).some((each) => each.toLowerCase() === tag);
      }
      return true;
    });
    const connected = (snapshot: RoomSnapshot) => snapshot.members.filter((member) => member.connected === 1).length;
    wanted.sort((a, b) =>
      query.sort === 'new'
        ? b.room.created_at - a.room.created_at
        : connected(b) - connected(a) || b.room.last_activity_at - a.room.last_activity_at,
    );
    const page = wanted.slice(0, query.limit);
    const people = await this.peopleOf(page.flatMap((snapshot) => snapshot.members.map((member) => member.user_id)));
    return page.map((snapshot) => presentSummary(snapshot, people));
  }

  async summary(viewerId: string, roomId: string): Promise<RoomSummaryView> {
    const snapshot = await this.deps.store.snapshot(roomId);
    if (!snapshot || !(await this.deps.blocks.canInteract(viewerId, snapshot.room.owner_id))) {
      throw notFound('This room');
    }
    return presentSummary(snapshot, await this.people(snapshot));
  }

  /**
   * Enters the room, or comes back to it: a member whose connection dropped keeps their seat and
   * role, and needs no password again.
   */
  async join(userId: string, roomId: string, password: string | undefined): Promise<RoomStateView> {
    const snapshot = await this.deps.store.snapshot(roomId);
    if (!snapshot) throw notFound('This room');
    if (snapshot.room.status !== 'live') throw roomClosed();
    const nowMs = this.deps.clock.nowMs();
    const existing = snapshot.members.find((member) => member.user_id === userId);
    // The owner is the owner whenever they come back, after leaving too: no password, no ban, their role.
    const isOwner = userId === snapshot.room.owner_id;
    if (!existing && !isOwner) {
      const ban = await this.deps.store.findBan(roomId, userId);
      const blockedWithOwner = !(await this.deps.blocks.canInteract(userId, snapshot.room.owner_id));
      if (!mayEnter({ bannedUntilMs: ban?.banned_until ?? null, nowMs, blockedWithOwner })) {
        if (blockedWithOwner) throw forbidden('You cannot enter this room.');
        const waitSeconds = Math.ceil(((ban?.banned_until ?? nowMs) - nowMs) / 1000);
        throw new AppError('ROOM_BANNED', 403, 'You were removed from this room for a while.', undefined, waitSeconds);
      }
      if (snapshot.room.password_hash) {
        const correct =
          password !== undefined && (await this.deps.hasher.verify(snapshot.room.password_hash, password));
        if (!correct) throw new AppError('ROOM_PASSWORD_REQUIRED', 403, 'This room needs its password.');
      }
    }
    await this.deps.store.change(roomId, nowMs, async (trx) => {
      if (existing) {
        await trx
          .updateTable('room_members')
          .set({ connected: 1, disconnected_at: null })
          .where('room_id', '=', roomId)
          .where('user_id', '=', userId)
          .execute();
      } else {
        await trx
          .insertInto('room_members')
          .values({
            room_id: roomId,
            user_id: userId,
            role: isOwner ? 'owner' : 'member',
            seat: null,
            mic: 'muted',
            hand_raised_at: null,
            joined_at: nowMs,
            connected: 1,
            disconnected_at: null,
          })
          .execute();
      }
      await trx.updateTable('rooms').set({ empty_since: null }).where('id', '=', roomId).execute();
    });
    return this.publishState(roomId);
  }

  async leave(userId: string, roomId: string): Promise<void> {
    const nowMs = this.deps.clock.nowMs();
    await this.deps.store.change(roomId, nowMs, async (trx) => {
      await trx.deleteFrom('room_members').where('room_id', '=', roomId).where('user_id', '=', userId).execute();
    });
    await this.publishState(roomId);
  }

  /** The member's connection dropped: they keep their place for the grace period. */
  async connectionLost(userId: string, roomId: string): Promise<void> {
    const nowMs = this.deps.clock.nowMs();
    await this.deps.store.change(roomId, nowMs, async (trx) => {
      await trx
        .updateTable('room_members')
        .set({ connected: 0, disconnected_at: nowMs })
        .where('room_id', '=', roomId)
        .where('user_id', '=', userId)
        .execute();
    });
    await this.publishState(roomId);
  }

  /** One room action, checked by the room policy; a forbidden or stale one changes nothing. */
  async act(userId: string, event: RoomActionEvent): Promise<RoomStateView | null> {
    const { roomId } = event;
    const snapshot = await this.deps.store.snapshot(roomId);
    if (!snapshot) throw notFound('This room');
    if (snapshot.room.status !== 'live') throw roomClosed();
    const me = snapshot.members.find((member) => member.user_id === userId);
    if (!me) throw notAMember();
    const targetId = 'targetUserId' in event ? event.targetUserId : undefined;
    const target = targetId === undefined ? undefined : snapshot.members.find((member) => member.user_id === targetId);
    if (targetId !== undefined && !target) throw notFound('This member');
    const allowed = mayPerform(event.action, actorOf(me), {
      freeSeating: snapshot.room.free_seating === 1,
      ...(target ? { target: actorOf(target) } : {}),
    });
    if (!allowed) throw forbidden('Your role in this room does not allow this.');

    const nowMs = this.deps.clock.nowMs();
    if (event.action === 'close') {
      await this.close(roomId, 'closed');
      return null;
    }
    if (event.action === 'kick' && target) {
      return this.kick(roomId, userId, target.user_id, event.banMinutes ?? ROOM_BAN_DEFAULT_MINUTES);
    }
    const seatFor = (wanted: number | undefined): number => {
      const seat = wanted ?? firstFreeSeat(snapshot);
      if (seat === null) throw new AppError('SEAT_TAKEN', 409, 'Every seat is taken.');
      if (seat >= snapshot.room.seat_count) throw new AppError('SEAT_TAKEN', 409, 'This room has no such seat.');
      if (snapshot.lockedSeats.includes(seat)) throw new AppError('SEAT_LOCKED', 409, 'This seat is locked.');
      const holder = snapshot.members.find((member) => member.seat === seat);
      if (holder && holder.user_id !== (target ?? me).user_id) {
        throw new AppError('SEAT_TAKEN', 409, 'Someone is on this seat.');
      }
      return seat;
    };
    const setMember = (trx: RoomTransaction, memberId: string, values: Partial<RoomMemberRow>) =>
      trx
        .updateTable('room_members')
        .set(values)
        .where('room_id', '=', roomId)
        .where('user_id', '=', memberId)
        .execute();

    try {
      await this.deps.store.change(roomId, nowMs, async (trx) => {
        switch (event.action) {
          case 'takeSeat':
            await setMember(trx, userId, {
              seat: seatFor(event.seat),
              hand_raised_at: null,
              mic: me.mic === 'locked' ? 'locked' : 'on',
            });
            break;
          case 'leaveSeat':
            await setMember(trx, userId, { seat: null, mic: me.mic === 'locked' ? 'locked' : 'muted' });
            break;
          case 'raiseHand':
            await setMember(trx, userId, { hand_raised_at: nowMs });
            break;
          case 'lowerHand':
            await setMember(trx, userId, { hand_raised_at: null });
            break;
          case 'mute':
            await setMember(trx, userId, { mic: 'muted' });
            break;
          case 'unmute':
            await setMember(trx, userId, { mic: 'on' });
            break;
          case 'inviteToSeat':
          case 'moveToSeat':
            if (target) {
              await setMember(trx, target.user_id, {
                seat: seatFor(event.seat),
                hand_raised_at: null,
                mic: target.mic === 'locked' ? 'locked' : 'on',
              });
            }
            break;
          case 'removeFromSeat':
            if (target) await setMember(trx, target.user_id, { seat: null, mic: 'muted' });
            break;
          case 'muteOther':
            if (target) await setMember(trx, target.user_id, { mic: target.mic === 'locked' ? 'locked' : 'muted' });
            break;
          case 'lockMic':
            if (target) await setMember(trx, target.user_id, { mic: 'locked' });
            break;
          case 'unlockMic':
            if (target) await setMember(trx, target.user_id, { mic: 'muted' });
            break;
          case 'appointAdmin':
            if (target) await setMember(trx, target.user_id, { role: 'admin' });
            break;
          case 'dismissAdmin':
            if (target) await setMember(trx, target.user_id, { role: 'member' });
            break;
          case 'lockSeat': {
            const holder = snapshot.members.find((member) => member.seat === event.seat);
            if (event.seat >= snapshot.room.seat_count)
              throw new AppError('SEAT_TAKEN', 409, 'This room has no such seat.');
            if (holder) throw new AppError('SEAT_TAKEN', 409, 'Someone is on this seat.');
            await trx
              .insertInto('room_locked_seats')
              .values({ room_id: roomId, seat: event.seat })
              .onConflict((conflict) => conflict.columns(['room_id', 'seat']).doNothing())
              .execute();
            break;
          }
          case 'unlockSeat':
            await trx
              .deleteFrom('room_locked_seats')
              .where('room_id', '=', roomId)
              .where('seat', '=', event.seat)
              .execute();
            break;
          case 'close':
          case 'kick':
            // Handled above, before this transaction: they end membership rather than change it.
            break;
        }
      });
    } catch (error) {
      if (error instanceof SeatTakenError) throw new AppError('SEAT_TAKEN', 409, 'Someone took this seat just now.');
      throw error;
    }
    return this.publishState(roomId);
  }

  async chat(userId: string, roomId: string, clientId: string, text: string): Promise<RoomMessageView> {
    const snapshot = await this.deps.store.snapshot(roomId);
    if (!snapshot) throw notFound('This room');
    if (snapshot.room.status !== 'live') throw roomClosed();
    if (!snapshot.members.some((member) => member.user_id === userId)) throw notAMember();
    const existing = await this.deps.store.findMessageByClientId(roomId, userId, clientId);
    const people = await this.peopleOf([userId]);
    if (existing) return presentMessage(existing, people);
    const row = await this.deps.store.appendMessage({
      id: randomUUID(),
      room_id: roomId,
      sender_id: userId,
      client_id: clientId,
      text,
      created_at: this.deps.clock.nowMs(),
    });
    const view = presentMessage(row, people);
    // Two people who blocked each other do not hear each other in the room chat.
    const blocked = await this.deps.blocks.blockedEitherWay(userId);
    const exclude = snapshot.members.filter((member) => blocked.has(member.user_id)).map((member) => member.user_id);
    await this.deps.hub.publish(roomTopic(roomId), { type: 'room.message', message: view }, exclude);
    return view;
  }

  /** Room chat a returning member missed; messages of people they blocked (or who blocked them) are left out. */
  async replay(
    userId: string,
    roomId: string,
    afterSeq: number,
  ): Promise<{ messages: RoomMessageView[]; lastSeq: number; more: boolean }> {
    const snapshot = await this.deps.store.snapshot(roomId);
    if (!snapshot?.members.some((member) => member.user_id === userId)) throw notAMember();
    const rows = await this.deps.store.messagesAfter(roomId, afterSeq, MESSAGE_PAGE_MAX + 1);
    const batch = rows.slice(0, MESSAGE_PAGE_MAX);
    const blocked = await this.deps.blocks.blockedEitherWay(userId);
    const visible = batch.filter((row) => !blocked.has(row.sender_id));
    const people = await this.peopleOf(visible.map((row) => row.sender_id));
    return {
      messages: visible.map((row) => presentMessage(row, people)),
      lastSeq: Math.max(snapshot.room.chat_last_seq, batch.at(-1)?.seq ?? 0),
      more: rows.length > MESSAGE_PAGE_MAX,
    };
  }

  async sweep(): Promise<void> {
    const nowMs = this.deps.clock.nowMs();
    const lapsed = await this.deps.store.lapsedMembers(nowMs - ROOM_RECONNECT_GRACE_MS);
    const touched = new Set<string>();
    for (const member of lapsed) {
      await this.deps.store.change(member.room_id, nowMs, async (trx) => {
        // The owner keeps the room (and comes back to it); anyone else lapses out and frees their seat.
        if (member.role === 'owner') {
          await trx
            .updateTable('room_members')
            .set({ seat: null, disconnected_at: null, hand_raised_at: null })
            .where('room_id', '=', member.room_id)
            .where('user_id', '=', member.user_id)
            .execute();
        } else {
          await trx
            .deleteFrom('room_members')
            .where('room_id', '=', member.room_id)
            .where('user_id', '=', member.user_id)
            .execute();
        }
      });
      touched.add(member.room_id);
    }
    for (const roomId of touched) await this.publishState(roomId);
    for (const room of await this.deps.store.liveRoomOccupancy()) {
      if (room.connected > 0) {
        if (room.empty_since !== null) await this.deps.store.setEmptySince(room.id, null);
      } else if (room.empty_since === null) {
        await this.deps.store.setEmptySince(room.id, nowMs);
      } else if (nowMs - room.empty_since >= ROOM_EMPTY_CLOSE_MS) {
        await this.close(room.id, 'empty');
      }
    }
    await this.deps.store.deleteMessagesBefore(nowMs - ROOM_CHAT_RETENTION_MS);
    // A ban that ended has no purpose left; keeping it would only keep a record of the person.
    await this.deps.store.deleteEndedBans(nowMs);
  }

  /** Reads the room and publishes its snapshot to every member, on every node. */
  async publishState(roomId: string): Promise<RoomStateView> {
    const snapshot = await this.deps.store.snapshot(roomId);
    if (!snapshot) throw notFound('This room');
    const state = presentState(snapshot, await this.people(snapshot));
    await this.deps.hub.publish(roomTopic(roomId), { type: 'room.state', state });
    await this.tellChanged(roomId);
    return state;
  }

  private async kick(roomId: string, byUserId: string, targetId: string, banMinutes: number): Promise<RoomStateView> {
    const nowMs = this.deps.clock.nowMs();
    const bannedUntilMs = nowMs + banMinutes * 60_000;
    await this.deps.store.change(roomId, nowMs, async (trx) => {
      await trx.deleteFrom('room_members').where('room_id', '=', roomId).where('user_id', '=', targetId).execute();
      if (banMinutes > 0) {
        await trx
          .insertInto('room_bans')
          .values({
            room_id: roomId,
            user_id: targetId,
            banned_until: bannedUntilMs,
            banned_by: byUserId,
            created_at: nowMs,
          })
          .onConflict((conflict) =>
            conflict.columns(['room_id', 'user_id']).doUpdateSet({ banned_until: bannedUntilMs, banned_by: byUserId }),
          )
          .execute();
      }
    });
    await this.deps.bus.publish(ROOM_REMOVED_TOPIC, { roomId, userId: targetId } satisfies RoomRemovedEvent);
    await this.deps.hub.publish(`user:${targetId}`, {
      type: 'room.ended',
      roomId,
      reason: 'kicked',
      bannedUntilMs: banMinutes > 0 ? bannedUntilMs : null,
    });
    return this.publishState(roomId);
  }

  private async close(roomId: string, reason: 'closed' | 'empty'): Promise<void> {
    const nowMs = this.deps.clock.nowMs();
    await this.deps.store.change(roomId, nowMs, async (trx) => {
      await trx.updateTable('rooms').set({ status: 'closed', closed_at: nowMs }).where('id', '=', roomId).execute();
      await trx.deleteFrom('room_members').where('room_id', '=', roomId).execute();
    });
    await this.deps.hub.publish(roomTopic(roomId), { type: 'room.ended', roomId, reason, bannedUntilMs: null });
    await this.tellChanged(roomId);
  }

  /** Tells every node (this one too): the node carrying the room's audio may not be the one that changed it. */
  private async tellChanged(roomId: string): Promise<void> {
    await this.deps.bus.publish(ROOMS_CHANGED_TOPIC, { roomId });
  }

  private async refuseContactInfo(userId: string, texts: [string, string][]): Promise<void> {
    for (const [field, text] of texts) {
      const finding = detectContactInfo(text);
      if (!finding) continue;
      await this.deps.recordContactInfoAttempt({
        id: randomUUID(),
        user_id: userId,
        field: `room.${field}`,
        kind: finding.kind,
        created_at: this.deps.clock.nowMs(),
      });
      throw new AppError(finding.code, 422, 'Contact details cannot be shown on Airtalk.', {
        [field]: finding.messageKey,
      });
    }
  }

  private people(snapshot: RoomSnapshot): Promise<People> {
    return this.peopleOf(snapshot.members.map((member) => member.user_id).concat(snapshot.room.owner_id));
  }

  private async peopleOf(userIds: string[]): Promise<People> {
    const profiles = await this.deps.profiles.getMany([...new Set(userIds)]);
    return new Map(
      profiles.map((profile) => [
        profile.userId,
        { userId: profile.userId, nickname: profile.nickname, avatarUrl: profile.photos[0]?.url ?? null },
      ]),
    );
  }
}
