/**
 * When the room's audio connection needs a new offer, as a pure state machine (the WebRTC side
 * in media.ts only carries out its offers). One offer is in flight at a time; what changes
 * meanwhile (taking or leaving a seat, the microphone coming or going) is offered once the answer
 * is in. A reconnect makes the offer in flight worthless (its answer went with the old socket),
 * so a new one goes at once, with an ICE restart.
 */

export interface NegotiationState {
  /** idle until the room is joined; offering while an offer waits for its answer. */
  phase: 'idle' | 'offering' | 'stable';
  /** Whether my microphone should be sent. */
  wantSend: boolean;
  /** What the offer in flight (or the last answered one) carried. */
  offeredSend: boolean;
  /** The last offer failed: offer again on `retry`, restarting ICE. */
  stale: boolean;
  /** Counts offers, so a late answer to an old offer is recognised and dropped. */
  offerId: number;
}

export interface Offer {
  offerId: number;
  send: boolean;
  iceRestart: boolean;
}

export type NegotiationEvent =
  /** The room was joined: the first offer. */
  | { type: 'start' }
  | { type: 'want'; send: boolean }
  | { type: 'answered'; offerId: number }
  /** The offer could not be made or its answer not applied; `retry` later offers again. */
  | { type: 'failed'; offerId: number }
  | { type: 'retry' }
  /** The socket came back after a drop and the room was joined again. */
  | { type: 'reconnected' }
  /** The media server lost my connection: a fresh offer on a new peer connection (no restart needed). */
  | { type: 'renew' }
  | { type: 'stop' };

export const idleNegotiation: NegotiationState = {
  phase: 'idle',
  wantSend: false,
  offeredSend: false,
  stale: false,
  offerId: 0,
};

export interface NegotiationStep {
  state: NegotiationState;
  /** An offer to make now, or null. */
  offer: Offer | null;
}

function offerNow(state: NegotiationState, iceRestart: boolean): NegotiationStep {
  const offerId = state.offerId + 1;
  return {
    state: { ...state, phase: 'offering', offeredSend: state.wantSend, stale: false, offerId },
    offer: { offerId, send: state.wantSend, iceRestart: iceRestart || state.stale },
  };
}

export function negotiate(state: NegotiationState, event: NegotiationEvent): NegotiationStep {
  switch (event.type) {
    case 'start':
      return state.phase === 'idle' ? offerNow(state, false) : { state, offer: null };
    case 'want': {
      const next = { ...state, wantSend: event.send };
      if (state.phase === 'stable' && event.send !== state.offeredSend) return offerNow(next, false);
      return { state: next, offer: null };
    }
    case 'answered': {
      if (state.phase !== 'offering' || event.offerId !== state.offerId) return { state, offer: null };
      const stable: NegotiationState = { ...state, phase: 'stable' };
      // Something changed while the offer was out: say it now.
      if (state.wantSend !== state.offeredSend) return offerNow(stable, false);
      return { state: stable, offer: null };
    }
    case 'failed':
      if (state.phase !== 'offering' || event.offerId !== state.offerId) return { state, offer: null };
      // The retry offers whatever is wanted then, restarting ICE to be safe.
      return { state: { ...state, phase: 'stable', stale: true }, offer: null };
    case 'retry':
      return state.phase === 'stable' && (state.stale || state.offeredSend !== state.wantSend)
        ? offerNow(state, false)
        : { state, offer: null };
    case 'reconnected':
      return state.phase === 'idle' ? { state, offer: null } : offerNow(state, true);
    case 'renew':
      return state.phase === 'idle' ? { state, offer: null } : offerNow({ ...state, stale: false }, false);
    case 'stop':
      return { state: { ...idleNegotiation, offerId: state.offerId }, offer: null };
  }
}

/**
 * Whether my microphone goes out: only on a seat, with our microphone consent, a microphone the
 * browser gave us, and a mic no admin locked. Muting myself keeps the track (silenced) so that
 * unmuting is instant; a locked mic or leaving the seat releases it.
 */
export function shouldSend(input: {
  seated: boolean;
  mic: 'on' | 'muted' | 'locked';
  consent: boolean;
  microphoneBlocked: boolean;
}): boolean {
  return input.seated && input.consent && !input.microphoneBlocked && input.mic !== 'locked';
}
