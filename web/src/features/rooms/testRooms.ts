/** Rooms, members and messages for the rooms tests. */
import type { RoomMemberView, RoomMessageView, RoomStateView } from '@airtalk/contracts';

export const ROOM_ID = '30000000-0000-4000-8000-000000000001';
export const OWNER = '00000000-0000-4000-8000-00000000000a';
export const ADMIN = '00000000-0000-4000-8000-00000000000b';
export const ADMIN_2 = '00000000-0000-4000-8000-00000000000c';
export const MEMBER = '00000000-0000-4000-8000-00000000000d';
export const MEMBER_2 = '00000000-0000-4000-8000-00000000000e';

export function member(userId: string, overrides: Partial<RoomMemberView> = {}): RoomMemberView {
  return {
    userId,
    nickname: `user ${userId.slice(-1)}`,
    avatarUrl: null,
    role: 'member',
    seat: null,
    mic: 'muted',
    handRaisedAtMs: null,
    connected: true,
    ...overrides,
  };
}

export function roomState(overrides: Partial<RoomStateView> = {}, seatCount = 4): RoomStateView {
  const members = overrides.members ?? [member(OWNER, { role: 'owner', seat: 0, mic: 'on' })];
  const seats = Array.from({ length: seatCount }, (_, index) => ({
    index,
    locked: false,
    userId: members.find((one) => one.seat === index)?.userId ?? null,
  }));
  return {
    room: {
      id: ROOM_ID,
      title: 'Evening talk',
      topic: '',
      tags: [],
      language: 'en',
      hasPassword: false,
      coverUrl: null,
      seatCount,
      freeSeating: true,
      owner: { userId: OWNER, nickname: 'owner', avatarUrl: null },
      speakers: [],
      speakerCount: 1,
      listenerCount: 0,
      status: 'live',
      createdAtMs: 1_700_000_000_000,
      lastActivityAtMs: 1_700_000_000_000,
    },
    seats,
    members,
    handQueue: [],
    version: 1,
    chatLastSeq: 0,
    ...overrides,
  };
}

export function roomMessage(seq: number, senderId = MEMBER, clientId = `client-${seq}`): RoomMessageView {
  return {
    id: `40000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    roomId: ROOM_ID,
    seq,
    sender: { userId: senderId, nickname: 'someone', avatarUrl: null },
    clientId,
    text: `message ${seq}`,
    sentAtMs: 1_700_000_000_000 + seq,
  };
}
