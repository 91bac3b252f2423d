/**
 * Room rows → the views every member receives. The member list is capped: the seats, the
 * moderators and the raised hands always come first, then the newest listeners.
 */
import type {
  RoomLanguage,
  RoomMemberView,
  RoomMessageView,
  RoomPersonView,
  RoomStateView,
  RoomSummaryView,
} from '@airtalk/contracts';
import type { RoomMemberRow, RoomMessageRow } from '../../platform/db/schema.js';
import { mediaUrl } from '../photos/index.js';
import type { RoomSnapshot } from './rooms.store.js';

export type People = Map<string, RoomPersonView>;

const MEMBERS_SHOWN_MAX = 200;
const LIST_SPEAKERS_SHOWN = 4;

function personOf(people: People, userId: string): RoomPersonView {
  return people.get(userId) ?? { userId, nickname: '', avatarUrl: null };
}

function prominence(member: RoomMemberRow): number {
  if (member.seat !== null) return 0;
  if (member.role !== 'member') return 1;
  if (member.hand_raised_at !== null) return 2;
  return 3;
}

export function presentSummary(snapshot: RoomSnapshot, people: People): RoomSummaryView {
  const { room, members } = snapshot;
  const seated = members.filter((member) => member.seat !== null).sort((a, b) => (a.seat ?? 0) - (b.seat ?? 0));
  return {
    id: room.id,
    title: room.title,
    topic: room.topic,
    tags: JSON.parse(room.tags) as string[],
    language: room.language as RoomLanguage,
    hasPassword: room.password_hash !== null,
    coverUrl: room.cover_key === null ? null : mediaUrl(room.cover_key),
    seatCount: room.seat_count,
    freeSeating: room.free_seating === 1,
    owner: personOf(people, room.owner_id),
    speakers: seated.slice(0, LIST_SPEAKERS_SHOWN).map((member) => personOf(people, member.user_id)),
    speakerCount: seated.length,
    listenerCount: members.filter((member) => member.seat === null && member.connected === 1).length,
    status: room.status,
    createdAtMs: room.created_at,
    lastActivityAtMs: room.last_activity_at,
  };
}

function presentMember(member: RoomMemberRow, people: People): RoomMemberView {
  return {
    ...personOf(people, member.user_id),
    role: member.role,
    seat: member.seat,
    mic: member.mic,
    handRaisedAtMs: member.hand_raised_at,
    connected: member.connected === 1,
  };
}

export function presentState(snapshot: RoomSnapshot, people: People): RoomStateView {
  const { room, members, lockedSeats } = snapshot;
  const shown = [...members]
    .sort((a, b) => prominence(a) - prominence(b) || b.joined_at - a.joined_at)
    .slice(0, MEMBERS_SHOWN_MAX);
  return {
    room: presentSummary(snapshot, people),
    seats: Array.from({ length: room.seat_count }, (_, index) => ({
      index,
      locked: lockedSeats.includes(index),
      userId: members.find((member) => member.seat === index)?.user_id ?? null,
    })),
    members: shown.map((member) => presentMember(member, people)),
    handQueue: members
      .filter((member) => member.hand_raised_at !== null)
      .sort((a, b) => (a.hand_raised_at ?? 0) - (b.hand_raised_at ?? 0))
      .map((member) => member.user_id),
    version: room.state_version,
    chatLastSeq: room.chat_last_seq,
  };
}

export function presentMessage(row: RoomMessageRow, people: People): RoomMessageView {
  return {
    id: row.id,
    roomId: row.room_id,
    seq: row.seq,
    sender: personOf(people, row.sender_id),
    clientId: row.client_id,
    text: row.text,
    sentAtMs: row.created_at,
  };
}
