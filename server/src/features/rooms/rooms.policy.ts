/**
 * The one permission table of a room: which role may do which action, to whom. Services fetch
 * the facts (roles, seats, locks) and ask here; state preconditions (a seat already taken, a
 * locked seat) are answered by the service with their own errors after the permission holds.
 */
import type { RoomAction, RoomRole } from '@airtalk/contracts';

/** A member as the policy sees them: their role, and whether they sit on a seat. */
export interface RoomActor {
  role: RoomRole;
  seated: boolean;
  handRaised: boolean;
  micLocked: boolean;
}

export type Standing = 'owner' | 'admin' | 'speaker' | 'listener';

export function standingOf(actor: RoomActor): Standing {
  if (actor.role === 'owner') return 'owner';
  if (actor.role === 'admin') return 'admin';
  return actor.seated ? 'speaker' : 'listener';
}

const MODERATORS: ReadonlySet<Standing> = new Set(['owner', 'admin']);

/** Who may do the actions that concern only themselves. */
const selfActions: Partial<Record<RoomAction, (actor: RoomActor, freeSeating: boolean) => boolean>> = {
  takeSeat: (actor, freeSeating) => freeSeating || MODERATORS.has(standingOf(actor)),
  leaveSeat: (actor) => actor.seated,
  raiseHand: (actor) => !actor.seated && !actor.handRaised,
  lowerHand: (actor) => actor.handRaised,
  mute: (actor) => actor.seated,
  unmute: (actor) => actor.seated && !actor.micLocked,
  close: (actor) => actor.role === 'owner',
};

/** Actions on another member: moderators only, and never upwards (an admin cannot act on the owner or another admin). */
const actionsOnOthers: ReadonlySet<RoomAction> = new Set([
  'inviteToSeat',
  'moveToSeat',
  'removeFromSeat',
  'muteOther',
  'lockMic',
  'unlockMic',
  'kick',
]);

const seatActions: ReadonlySet<RoomAction> = new Set(['lockSeat', 'unlockSeat']);
const ownerOnlyOnOthers: ReadonlySet<RoomAction> = new Set(['appointAdmin', 'dismissAdmin']);

function outranks(actor: RoomActor, target: RoomActor): boolean {
  if (actor.role === 'owner') return target.role !== 'owner';
  if (actor.role === 'admin') return target.role === 'member';
  return false;
}

/**
 * May `actor` do `action` (to `target`, when the action has one)? The room's settings that
 * matter (free seating) come in too; nothing else decides access to a room action.
 */
export function mayPerform(
  action: RoomAction,
  actor: RoomActor,
  options: { freeSeating: boolean; target?: RoomActor },
): boolean {
  const self = selfActions[action];
  if (self) return self(actor, options.freeSeating);
  if (seatActions.has(action)) return MODERATORS.has(standingOf(actor));
  const target = options.target;
  if (!target) return false;
  if (ownerOnlyOnOthers.has(action)) {
    if (actor.role !== 'owner' || target.role === 'owner') return false;
    return action === 'appointAdmin' ? target.role === 'member' : target.role === 'admin';
  }
  if (actionsOnOthers.has(action)) {
    if (!outranks(actor, target)) return false;
    if (action === 'inviteToSeat' || action === 'moveToSeat') return true;
    if (action === 'kick') return true;
    // The seat-bound actions need the target on a seat.
    return target.seated;
  }
  return false;
}

/** The room's own settings (its cover) are the owner's alone. */
export function mayEditRoom(isOwner: boolean): boolean {
  return isOwner;
}

/** Entering: an active ban keeps a person out until it ends, and so does a block with the owner. */
export function mayEnter(facts: { bannedUntilMs: number | null; nowMs: number; blockedWithOwner: boolean }): boolean {
  if (facts.blockedWithOwner) return false;
  return facts.bannedUntilMs === null || facts.bannedUntilMs <= facts.nowMs;
}

/** A seated member's audio is forwarded only with their mic on and the microphone consent. */
export function mayPublish(facts: { seated: boolean; micOn: boolean; microphoneConsent: boolean }): boolean {
  return facts.seated && facts.micOn && facts.microphoneConsent;
}
