/**
 * Which room controls a person sees, mirroring the server's room policy: the owner outranks
 * admins, admins outrank members; an admin cannot act on the owner or on another admin, and
 * nobody moderates themselves. The server decides in the end; this only keeps the menus honest.
 */
import type { RoomMemberView, RoomRole, RoomStateView, SeatView } from '@airtalk/contracts';

export type MemberAction =
  | 'inviteToSeat'
  | 'moveToSeat'
  | 'removeFromSeat'
  | 'muteOther'
  | 'lockMic'
  | 'unlockMic'
  | 'kick'
  | 'appointAdmin'
  | 'dismissAdmin';

export type SeatAction = 'takeSeat' | 'lockSeat' | 'unlockSeat';

/** True when `viewer` may moderate someone of role `target`. */
export function outranks(viewer: RoomRole, target: RoomRole): boolean {
  if (viewer === 'owner') return target !== 'owner';
  if (viewer === 'admin') return target === 'member';
  return false;
}

export function isModerator(role: RoomRole): boolean {
  return role === 'owner' || role === 'admin';
}

/** Seats nobody is on and nobody locked, in order. */
export function freeSeats(state: RoomStateView): SeatView[] {
  return state.seats.filter((seat) => !seat.locked && seat.userId === null);
}

/** What `viewer` may do to `target` from the member menu, in the order the menu lists them. */
export function memberActions(viewer: RoomMemberView, target: RoomMemberView, state: RoomStateView): MemberAction[] {
  if (viewer.userId === target.userId || !outranks(viewer.role, target.role)) return [];
  const actions: MemberAction[] = [];
  const seated = target.seat !== null;
  const hasFreeSeat = freeSeats(state).length > 0;
  if (!seated && hasFreeSeat) actions.push('inviteToSeat');
  if (seated && hasFreeSeat) actions.push('moveToSeat');
  if (seated) actions.push('removeFromSeat');
  if (seated && target.mic === 'on') actions.push('muteOther');
  if (seated) actions.push(target.mic === 'locked' ? 'unlockMic' : 'lockMic');
  if (viewer.role === 'owner') actions.push(target.role === 'admin' ? 'dismissAdmin' : 'appointAdmin');
  actions.push('kick');
  return actions;
}

/**
 * What `viewer` may do with a seat: sit on a free one (anyone in a room with free seating, the
 * owner and admins always, and never while already seated), and lock or unlock an empty one.
 */
export function seatActions(viewer: RoomMemberView, seat: SeatView, state: RoomStateView): SeatAction[] {
  const actions: SeatAction[] = [];
  const empty = seat.userId === null;
  const maySit = state.room.freeSeating || isModerator(viewer.role);
  if (empty && !seat.locked && viewer.seat === null && maySit) actions.push('takeSeat');
  if (isModerator(viewer.role) && empty) actions.push(seat.locked ? 'unlockSeat' : 'lockSeat');
  return actions;
}

/** A listener who may not simply sit down raises a hand instead (while one is up, they may lower it). */
export function handAction(viewer: RoomMemberView, state: RoomStateView): 'raiseHand' | 'lowerHand' | null {
  if (viewer.seat !== null) return null;
  if (viewer.handRaisedAtMs !== null) return 'lowerHand';
  const maySit = state.room.freeSeating || isModerator(viewer.role);
  return maySit && freeSeats(state).length > 0 ? null : 'raiseHand';
}

/** Only the owner closes the room for everyone. */
export function mayClose(viewer: RoomMemberView): boolean {
  return viewer.role === 'owner';
}

/** The hand queue is the owner's and admins' to answer. */
export function mayAnswerHands(viewer: RoomMemberView): boolean {
  return isModerator(viewer.role);
}

/** A listener who may sit down gets a "Take a seat" button (the server picks the first free seat). */
export function mayTakeASeat(viewer: RoomMemberView, state: RoomStateView): boolean {
  const maySit = state.room.freeSeating || isModerator(viewer.role);
  return viewer.seat === null && maySit && freeSeats(state).length > 0;
}
