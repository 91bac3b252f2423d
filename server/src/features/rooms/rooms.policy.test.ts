/**
 * The room's permission table as a matrix: every action, for every standing of the actor and of
 * the target, against the table a person would write down.
 */
import { roomActions, type RoomAction } from '@airtalk/contracts';
import { describe, expect, it } from 'vitest';
import { mayEnter, mayPerform, mayPublish, type RoomActor, type Standing } from './rooms.policy.js';

const actorOf = (standing: Standing, extra: Partial<RoomActor> = {}): RoomActor => ({
  role: standing === 'owner' ? 'owner' : standing === 'admin' ? 'admin' : 'member',
  seated: standing === 'speaker' || standing === 'owner',
  handRaised: false,
  micLocked: false,
  ...extra,
});

const standings: Standing[] = ['owner', 'admin', 'speaker', 'listener'];

/** Actions on another person: rows are actors, columns targets; 'seated' targets where it matters. */
const onOthers: Record<string, Record<Standing, Standing[]>> = {
  inviteToSeat: { owner: ['admin', 'speaker', 'listener'], admin: ['speaker', 'listener'], speaker: [], listener: [] },
  moveToSeat: { owner: ['admin', 'speaker', 'listener'], admin: ['speaker', 'listener'], speaker: [], listener: [] },
  kick: { owner: ['admin', 'speaker', 'listener'], admin: ['speaker', 'listener'], speaker: [], listener: [] },
  // Only seated targets: the seat-bound actions on a speaker, or on a seated admin by the owner.
  removeFromSeat: { owner: ['speaker'], admin: ['speaker'], speaker: [], listener: [] },
  muteOther: { owner: ['speaker'], admin: ['speaker'], speaker: [], listener: [] },
  lockMic: { owner: ['speaker'], admin: ['speaker'], speaker: [], listener: [] },
  unlockMic: { owner: ['speaker'], admin: ['speaker'], speaker: [], listener: [] },
  appointAdmin: { owner: ['speaker', 'listener'], admin: [], speaker: [], listener: [] },
  dismissAdmin: { owner: ['admin'], admin: [], speaker: [], listener: [] },
};

describe('room policy', () => {
  for (const [action, table] of Object.entries(onOthers)) {
    it(`${action}: who may do it to whom`, () => {
      for (const actor of standings) {
        for (const target of standings) {
          const allowed = mayPerform(action as RoomAction, actorOf(actor), {
            freeSeating: true,
            target: actorOf(target),
          });
          expect(allowed, `${actor} → ${target}`).toBe(table[actor].includes(target));
        }
      }
    });
  }

  it('lets only moderators lock and unlock seats', () => {
    for (const action of ['lockSeat', 'unlockSeat'] as const) {
      expect(standings.filter((standing) => mayPerform(action, actorOf(standing), { freeSeating: true }))).toEqual([
        'owner',
        'admin',
      ]);
    }
  });

  it('lets listeners take a seat only in a free-seating room; moderators always', () => {
    const free = standings.filter((standing) => mayPerform('takeSeat', actorOf(standing), { freeSeating: true }));
    expect(free).toEqual(standings);
    const invitedOnly = standings.filter((standing) =>
      mayPerform('takeSeat', actorOf(standing), { freeSeating: false }),
    );
    expect(invitedOnly).toEqual(['owner', 'admin']);
  });

  it('keeps the self actions to the people they make sense for', () => {
    const listener = actorOf('listener');
    const speaker = actorOf('speaker');
    expect(mayPerform('raiseHand', listener, { freeSeating: false })).toBe(true);
    expect(mayPerform('raiseHand', actorOf('listener', { handRaised: true }), { freeSeating: false })).toBe(false);
    expect(mayPerform('raiseHand', speaker, { freeSeating: false })).toBe(false);
    expect(mayPerform('lowerHand', actorOf('listener', { handRaised: true }), { freeSeating: false })).toBe(true);
    expect(mayPerform('leaveSeat', listener, { freeSeating: true })).toBe(false);
    expect(mayPerform('mute', listener, { freeSeating: true })).toBe(false);
    expect(mayPerform('mute', speaker, { freeSeating: true })).toBe(true);
    expect(mayPerform('unmute', speaker, { freeSeating: true })).toBe(true);
    expect(mayPerform('unmute', actorOf('speaker', { micLocked: true }), { freeSeating: true })).toBe(false);
    expect(standings.filter((standing) => mayPerform('close', actorOf(standing), { freeSeating: true }))).toEqual([
      'owner',
    ]);
  });

  it('refuses an action on another person without a target, and knows every action', () => {
    for (const action of roomActions) {
      const needsTarget = action in onOthers;
      if (needsTarget) expect(mayPerform(action, actorOf('owner'), { freeSeating: true })).toBe(false);
    }
  });

  it('keeps the banned and those blocked with the owner out, and publishes only consented open mics', () => {
    expect(mayEnter({ bannedUntilMs: null, nowMs: 10, blockedWithOwner: false })).toBe(true);
    expect(mayEnter({ bannedUntilMs: 11, nowMs: 10, blockedWithOwner: false })).toBe(false);
    expect(mayEnter({ bannedUntilMs: 10, nowMs: 10, blockedWithOwner: false })).toBe(true);
    expect(mayEnter({ bannedUntilMs: null, nowMs: 10, blockedWithOwner: true })).toBe(false);
    expect(mayPublish({ seated: true, micOn: true, microphoneConsent: true })).toBe(true);
    expect(mayPublish({ seated: true, micOn: true, microphoneConsent: false })).toBe(false);
    expect(mayPublish({ seated: true, micOn: false, microphoneConsent: true })).toBe(false);
    expect(mayPublish({ seated: false, micOn: true, microphoneConsent: true })).toBe(false);
  });
});
