import { describe, expect, it } from 'vitest';
import { idleNegotiation, negotiate, shouldSend, type NegotiationEvent, type NegotiationState } from './negotiation';

function run(events: NegotiationEvent[], from: NegotiationState = idleNegotiation) {
  let state = from;
  const offers: { offerId: number; send: boolean; iceRestart: boolean }[] = [];
  for (const event of events) {
    const step = negotiate(state, event);
    state = step.state;
    if (step.offer) offers.push(step.offer);
  }
  return { state, offers };
}

describe('negotiate', () => {
  it('offers nothing before the room is joined, then listens only until I may send', () => {
    const { state, offers } = run([{ type: 'want', send: false }, { type: 'start' }, { type: 'answered', offerId: 1 }]);
    expect(offers).toEqual([{ offerId: 1, send: false, iceRestart: false }]);
    expect(state.phase).toBe('stable');
  });

  it('offers again when I take a seat with my mic, and when I leave it', () => {
    const { offers } = run([
      { type: 'start' },
      { type: 'answered', offerId: 1 },
      { type: 'want', send: true },
      { type: 'answered', offerId: 2 },
      { type: 'want', send: true },
      { type: 'want', send: false },
    ]);
    expect(offers.map((offer) => offer.send)).toEqual([false, true, false]);
  });

  it('keeps one offer in flight and offers what changed meanwhile once it is answered', () => {
    const { offers, state } = run([
      { type: 'start' },
      { type: 'want', send: true },
      { type: 'want', send: false },
      { type: 'want', send: true },
      { type: 'answered', offerId: 1 },
    ]);
    expect(offers).toEqual([
      { offerId: 1, send: false, iceRestart: false },
      { offerId: 2, send: true, iceRestart: false },
    ]);
    expect(state.phase).toBe('offering');
  });

  it('does not offer again when a change is undone before the answer', () => {
    const { offers, state } = run([
      { type: 'start' },
      { type: 'want', send: true },
      { type: 'want', send: false },
      { type: 'answered', offerId: 1 },
    ]);
    expect(offers).toHaveLength(1);
    expect(state.phase).toBe('stable');
  });

  it('restarts ICE with a new offer after a reconnect, and ignores the old offer’s late answer', () => {
    const { offers, state } = run([{ type: 'start' }, { type: 'reconnected' }, { type: 'answered', offerId: 1 }]);
    expect(offers).toEqual([
      { offerId: 1, send: false, iceRestart: false },
      { offerId: 2, send: false, iceRestart: true },
    ]);
    expect(state.phase).toBe('offering');
  });

  it('offers again with an ICE restart on retry after a failure, and not before', () => {
    const { offers } = run([
      { type: 'start' },
      { type: 'failed', offerId: 1 },
      { type: 'answered', offerId: 1 },
      { type: 'retry' },
      { type: 'answered', offerId: 2 },
      { type: 'retry' },
    ]);
    expect(offers).toEqual([
      { offerId: 1, send: false, iceRestart: false },
      { offerId: 2, send: false, iceRestart: true },
    ]);
  });

  it('offers afresh, with what is wanted, when the media server lost the connection', () => {
    const { offers } = run([
      { type: 'renew' },
      { type: 'start' },
      { type: 'answered', offerId: 1 },
      { type: 'want', send: true },
      { type: 'renew' },
      { type: 'answered', offerId: 3 },
    ]);
    expect(offers).toEqual([
      { offerId: 1, send: false, iceRestart: false },
      { offerId: 2, send: true, iceRestart: false },
      { offerId: 3, send: true, iceRestart: false },
    ]);
  });

  it('stops offering after leaving, and starts afresh on the next join', () => {
    const { offers, state } = run([
      { type: 'start' },
      { type: 'stop' },
      { type: 'reconnected' },
      { type: 'want', send: true },
      { type: 'start' },
    ]);
    expect(offers).toEqual([
      { offerId: 1, send: false, iceRestart: false },
      { offerId: 2, send: true, iceRestart: false },
    ]);
    expect(state.phase).toBe('offering');
  });
});

describe('shouldSend', () => {
  const base = { seated: true, mic: 'on' as const, consent: true, microphoneBlocked: false };

  it('sends only from a seat, with the consent and a microphone, unless an admin locked it', () => {
    expect(shouldSend(base)).toBe(true);
    expect(shouldSend({ ...base, mic: 'muted' })).toBe(true);
    expect(shouldSend({ ...base, mic: 'locked' })).toBe(false);
    expect(shouldSend({ ...base, seated: false })).toBe(false);
    expect(shouldSend({ ...base, consent: false })).toBe(false);
    expect(shouldSend({ ...base, microphoneBlocked: true })).toBe(false);
  });
});
