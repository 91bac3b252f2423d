import { describe, expect, it } from 'vitest';
import { handAction, mayClose, mayTakeASeat, memberActions, outranks, seatActions } from './roomPolicy';
import { ADMIN, ADMIN_2, MEMBER, MEMBER_2, OWNER, member, roomState } from './testRooms';

const owner = member(OWNER, { role: 'owner', seat: 0, mic: 'on' });
const admin = member(ADMIN, { role: 'admin' });
const otherAdmin = member(ADMIN_2, { role: 'admin', seat: 1, mic: 'on' });
const speaker = member(MEMBER, { seat: 2, mic: 'on' });
const listener = member(MEMBER_2, { handRaisedAtMs: 5 });
const state = roomState({ members: [owner, admin, otherAdmin, speaker, listener], handQueue: [MEMBER_2] });

describe('who outranks whom', () => {
  it('puts the owner over admins and admins over members, never anyone over the owner', () => {
    expect(outranks('owner', 'admin')).toBe(true);
    expect(outranks('owner', 'member')).toBe(true);
    expect(outranks('owner', 'owner')).toBe(false);
    expect(outranks('admin', 'member')).toBe(true);
    expect(outranks('admin', 'admin')).toBe(false);
    expect(outranks('admin', 'owner')).toBe(false);
    expect(outranks('member', 'member')).toBe(false);
  });
});

describe('memberActions', () => {
  it('gives the owner everything over an admin on a seat, with dismissing as admin', () => {
    expect(memberActions(owner, otherAdmin, state)).toEqual([
      'moveToSeat',
      'removeFromSeat',
      'muteOther',
      'lockMic',
      'dismissAdmin',
      'kick',
    ]);
  });

  it('lets an admin invite a listener with a raised hand and kick, but not appoint admins', () => {
    expect(memberActions(admin, listener, state)).toEqual(['inviteToSeat', 'kick']);
  });

  it('offers unlocking a locked mic instead of muting it', () => {
    const locked = { ...speaker, mic: 'locked' as const };
    expect(memberActions(owner, locked, state)).toEqual([
      'moveToSeat',
      'removeFromSeat',
      'unlockMic',
      'appointAdmin',
      'kick',
    ]);
  });

  it('gives an admin nothing over the owner or another admin, and a member nothing at all', () => {
    expect(memberActions(admin, owner, state)).toEqual([]);
    expect(memberActions(admin, otherAdmin, state)).toEqual([]);
    expect(memberActions(speaker, listener, state)).toEqual([]);
    expect(memberActions(owner, owner, state)).toEqual([]);
  });

  it('offers no seat moves when every seat is taken or locked', () => {
    const full = roomState({
      members: [owner, admin, otherAdmin, speaker, listener],
      seats: [
        { index: 0, locked: false, userId: OWNER },
        { index: 1, locked: false, userId: ADMIN_2 },
        { index: 2, locked: false, userId: MEMBER },
        { index: 3, locked: true, userId: null },
      ],
    });
    expect(memberActions(owner, listener, full)).toEqual(['appointAdmin', 'kick']);
    expect(memberActions(owner, speaker, full)).toEqual([
      'removeFromSeat',
      'muteOther',
      'lockMic',
      'appointAdmin',
      'kick',
    ]);
  });
});

describe('seats and hands', () => {
  const emptySeat = { index: 3, locked: false, userId: null };
  const lockedSeat = { index: 3, locked: true, userId: null };

  it('lets a listener sit on a free seat with free seating, and moderators lock or unlock empty seats', () => {
    expect(seatActions(listener, emptySeat, state)).toEqual(['takeSeat']);
    expect(seatActions(listener, lockedSeat, state)).toEqual([]);
    expect(seatActions(admin, emptySeat, state)).toEqual(['takeSeat', 'lockSeat']);
    expect(seatActions(owner, lockedSeat, state)).toEqual(['unlockSeat']);
    expect(seatActions(speaker, emptySeat, state)).toEqual([]);
  });

  it('makes a listener raise a hand where seats are given out, and lower it once raised', () => {
    const invitationOnly = { ...state, room: { ...state.room, freeSeating: false } };
    const quiet = member(MEMBER_2);
    expect(mayTakeASeat(quiet, invitationOnly)).toBe(false);
    expect(handAction(quiet, invitationOnly)).toBe('raiseHand');
    expect(handAction(listener, invitationOnly)).toBe('lowerHand');
    expect(seatActions(quiet, emptySeat, invitationOnly)).toEqual([]);
    expect(mayTakeASeat(quiet, state)).toBe(true);
    expect(handAction(quiet, state)).toBeNull();
    expect(handAction(speaker, state)).toBeNull();
  });

  it('lets only the owner close the room', () => {
    expect(mayClose(owner)).toBe(true);
    expect(mayClose(admin)).toBe(false);
  });
});
