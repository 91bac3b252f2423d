/**
 * Being in one live room, on the tab's one socket (the chat's connection): joining (again after
 * every reconnect, and after a reload, since the address names the room), the room's snapshot and
 * chat through the reducer, chat sent with client ids and replayed from the last number held,
 * actions, speaking rings and the audio. Screens read immutable snapshots and call its methods;
 * problems worth a toast go to `onProblem`.
 */
import type { RoomActionEvent, RoomMemberView, ServerEventOf } from '@airtalk/contracts';
import { ApiError } from '../../lib';
import {
  hasMicrophoneConsent,
  newClientId,
  ROOM_REF_PREFIX,
  type RoomClientEvent,
  type RoomLink,
  type RoomLinkNotice,
  type RoomServerEvent,
} from '../chat';
import { RoomMedia, type MediaSnapshot } from './media';
import { firstCursor, RoomChatSequencer } from './roomChat';
import { initialRoomScreen, isOver, memberOf, roomReducer, type RoomChange, type RoomScreen } from './roomState';

/** Speaking rings fade if no level arrives for this long. */
export const SPEAKING_FADE_MS = 1500;
const JOIN_RETRY_MIN_MS = 1000;
/** Refs remembered for the errors that may answer them. */
const REFS_KEPT = 100;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A room action as a screen asks for it; the session adds the room and a ref. */
export type RoomActionInput = DistributiveOmit<RoomActionEvent, 'type' | 'ref' | 'roomId'>;

export type ConsentState = 'unknown' | 'granted' | 'missing';

export interface RoomSnapshot extends RoomScreen {
  consent: ConsentState;
  media: MediaSnapshot;
}

export type RoomProblem =
  | { kind: 'refused'; error: ApiError; action: RoomActionInput['action'] | 'chat' }
  /** The socket is down: the action was not sent. */
  | { kind: 'offline' }
  /** Our microphone consent is needed first (the server said so). */
  | { kind: 'consentRequired' };

type RefKind =
  | { kind: 'join' }
  | { kind: 'leave' }
  | { kind: 'sync' }
  | { kind: 'action'; action: RoomActionInput }
  | { kind: 'chat'; clientId: string }
  | { kind: 'signal'; offerId: number };

const passwordKey = (roomId: string) => `airtalk.room.${roomId}.password`;
const banKey = (roomId: string) => `airtalk.room.${roomId}.bannedUntil`;

function readStorage(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // Private modes may refuse storage; the room works without remembering.
  }
}

/** Remembers a room's password for this tab, so a reload (or the creator's first visit) joins without asking. */
export function rememberRoomPassword(roomId: string, password: string): void {
  writeStorage(() => sessionStorage, passwordKey(roomId), password);
}

/** Gateway-only codes mean the client sent something the server could not read: our fault. */
function apiErrorOf(event: ServerEventOf<'error'>): ApiError {
  const code = event.code === 'UNKNOWN_EVENT' || event.code === 'MALFORMED_FRAME' ? 'UNEXPECTED_RESPONSE' : event.code;
  return new ApiError({
    status: 0,
    code,
    message: event.message,
    fields: event.fields ?? {},
    retryAfterSeconds: event.retryAfterMs === undefined ? null : Math.ceil(event.retryAfterMs / 1000),
  });
}

export interface RoomSessionOptions {
  roomId: string;
  me: string;
  link: RoomLink;
}

export class RoomSession {
  private state: RoomSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly problemListeners = new Set<(problem: RoomProblem) => void>();
  private readonly media: RoomMedia;
  private readonly refs = new Map<string, RefKind>();
  private nextRef = 0;
  private unsubscribe: (() => void) | null = null;
  private password: string | null;
  private sequencer: RoomChatSequencer | null = null;
  private syncing = false;
  /** Set when the socket dropped while in the room: the next snapshot is a rejoin. */
  private rejoining = false;
  private joinedOnce = false;
  private speakingTimer: ReturnType<typeof setTimeout> | null = null;
  private joinTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly chatTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly texts = new Map<string, string>();

  constructor(private readonly options: RoomSessionOptions) {
    this.password = readStorage(() => sessionStorage, passwordKey(options.roomId));
    this.media = new RoomMedia({
      sendOffer: (offerSdp, offerId) =>
        this.send({ type: 'room.signal', roomId: this.options.roomId, offerSdp }, { kind: 'signal', offerId }),
      onChange: (media) => {
        this.publish({ ...this.state, media });
      },
    });
    this.state = {
      ...initialRoomScreen(options.roomId, options.me),
      consent: 'unknown',
      media: this.media.snapshot,
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RoomSnapshot => this.state;

  /** Problems worth telling the person (a toast): refusals, being offline, the consent the server asks for. */
  onProblem(listener: (problem: RoomProblem) => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  private problem(problem: RoomProblem): void {
    for (const listener of this.problemListeners) listener(problem);
  }

  /** Joins now (or once the connection is ready); again after dispose(), as React's strict mode does. */
  start(): void {
    if (this.unsubscribe) return;
    this.joinedOnce = false;
    this.rejoining = false;
    this.sequencer = null;
    this.syncing = false;
    this.refs.clear();
    this.unsubscribe = this.options.link.subscribe((notice) => {
      this.onLink(notice);
    });
    if (this.options.link.status() === 'open') this.join();
    hasMicrophoneConsent().then(
      (granted) => {
        this.setConsent(granted ? 'granted' : 'missing');
      },
      () => undefined,
    );
  }

  /** Leaving the page leaves the room (a reload does not get here: the seat is kept for a minute). */
  dispose(): void {
    if (!isOver(this.state.phase) && this.state.phase.kind !== 'password') {
      this.send({ type: 'room.leave', roomId: this.options.roomId }, { kind: 'leave' });
    }
    this.teardown();
  }

  /** I leave on purpose: my seat goes at once. */
  leave(): void {
    this.send({ type: 'room.leave', roomId: this.options.roomId }, { kind: 'leave' });
    writeStorage(() => sessionStorage, passwordKey(this.options.roomId), null);
    this.dispatch({ type: 'left' });
    this.media.stop();
  }

  /** Joins a protected room with the password the person typed. */
  submitPassword(password: string): void {
    this.password = password;
    this.join();
  }

  /** Tries joining again after a failure. */
  retryJoin(): void {
    this.join();
  }

  /** Our own microphone consent was just granted (or found). */
  setConsent(consent: ConsentState): void {
    if (this.state.consent === consent) return;
    this.publish({ ...this.state, consent });
    this.updateMedia();
  }

  /** Sends a room action; false (with an "offline" problem) while the socket is down. */
  act(action: RoomActionInput): boolean {
    if (action.action === 'mute') this.media.muteNow();
    const event = { ...action, type: 'room.action', roomId: this.options.roomId } as RoomClientEvent;
    const sent = this.send(event, { kind: 'action', action });
    if (!sent) this.problem({ kind: 'offline' });
    return sent;
  }

  sendChat(text: string): void {
    // The server answers a refused chat with its clientId as the ref: the prefix brings it back here.
    const clientId = `${ROOM_REF_PREFIX}${newClientId()}`;
    this.texts.set(clientId, text);
    this.dispatch({ type: 'chatQueued', clientId, text });
    // Not sent now (the socket is down): it goes with the rejoin.
    this.transmitChat(clientId);
  }

  retryChat(clientId: string): void {
    this.dispatch({ type: 'chatRetried', clientId });
    this.transmitChat(clientId);
  }

  discardChat(clientId: string): void {
    this.texts.delete(clientId);
    this.dispatch({ type: 'chatDiscarded', clientId });
  }

  attachAudio(index: number, element: HTMLAudioElement | null): void {
    this.media.attachAudio(index, element);
  }

  unlockPlayback(): void {
    this.media.unlockPlayback();
  }

  retryMicrophone(): void {
    this.media.retryMicrophone();
  }

  retryAudio(): void {
    this.media.retryAudio();
  }

  private join(): void {
    if (isOver(this.state.phase)) return;
    this.clearJoinTimer();
    this.dispatch({ type: 'joining' });
    const password = this.password ?? undefined;
    this.send(
      { type: 'room.join', roomId: this.options.roomId, ...(password === undefined ? {} : { password }) },
      { kind: 'join' },
    );
  }

  private onLink(notice: RoomLinkNotice): void {
    switch (notice.type) {
      case 'status':
        if (notice.status === 'reconnecting' && this.joinedOnce && !isOver(this.state.phase)) {
          this.rejoining = true;
          this.syncing = false;
          this.refs.clear();
          this.dispatch({ type: 'connectionLost' });
        }
        return;
      case 'ready':
        if (this.state.phase.kind === 'password') return;
        this.join();
        return;
      case 'event':
        this.onEvent(notice.event);
        return;
    }
  }

  private onEvent(event: RoomServerEvent): void {
    if (event.type === 'error') {
      this.onError(event);
      return;
    }
    const roomId =
      event.type === 'room.state'
        ? event.state.room.id
        : event.type === 'room.message'
          ? event.message.roomId
          : event.roomId;
    if (roomId !== this.options.roomId) return;
    switch (event.type) {
      case 'room.state':
        this.onState(event);
        return;
      case 'room.message':
        this.release(this.sequencer?.accept(event.message) ?? []);
        return;
      case 'room.synced':
        this.onSynced(event);
        return;
      case 'room.speaking':
        this.dispatch({ type: 'speaking', levels: event.levels });
        if (this.speakingTimer !== null) clearTimeout(this.speakingTimer);
        this.speakingTimer = setTimeout(() => {
          this.speakingTimer = null;
          this.dispatch({ type: 'speaking', levels: [] });
        }, SPEAKING_FADE_MS);
        return;
      case 'room.signal': {
        const kind = event.ref === undefined ? undefined : this.refs.get(event.ref);
        if (event.ref !== undefined) this.refs.delete(event.ref);
        void this.media.answer(kind?.kind === 'signal' ? kind.offerId : null, event.answerSdp, event.iceServers);
        return;
      }
      case 'room.renegotiate':
        this.media.renew();
        return;
      case 'room.ended':
        writeStorage(() => sessionStorage, passwordKey(this.options.roomId), null);
        if (event.bannedUntilMs !== null) {
          writeStorage(() => localStorage, banKey(this.options.roomId), String(event.bannedUntilMs));
        }
        this.dispatch({ type: 'ended', reason: event.reason, bannedUntilMs: event.bannedUntilMs });
        this.media.stop();
        return;
    }
  }

  private onState(event: ServerEventOf<'room.state'>): void {
    const wasLive = this.state.phase.kind === 'live' && !this.state.reconnecting;
    this.dispatch({ type: 'state', state: event.state });
    if (this.state.phase.kind !== 'live') return;
    const { chatLastSeq } = this.state.state ?? event.state;
    if (!this.joinedOnce) {
      this.joinedOnce = true;
      if (this.password !== null) writeStorage(() => sessionStorage, passwordKey(this.options.roomId), this.password);
      writeStorage(() => localStorage, banKey(this.options.roomId), null);
      this.sequencer = new RoomChatSequencer(firstCursor(chatLastSeq));
      this.requestSync();
      this.media.start();
    } else if (this.rejoining || !wasLive) {
      this.rejoining = false;
      this.requestSync();
      this.media.reconnected();
      for (const entry of this.state.pending) if (entry.state === 'sending') this.transmitChat(entry.clientId);
    } else if (this.sequencer && chatLastSeq > this.sequencer.lastSeq) {
      // A message announced by the snapshot never arrived: replay from the last one held.
      this.requestSync();
    }
    this.updateMedia();
  }

  private onSynced(event: ServerEventOf<'room.synced'>): void {
    this.syncing = false;
    const sequencer = this.sequencer;
    if (!sequencer) return;
    if (event.more) {
      this.requestSync();
      return;
    }
    sequencer.caughtUp(event.lastSeq);
  }

  private onError(event: ServerEventOf<'error'>): void {
    const ref = event.ref;
    if (ref === undefined || !ref.startsWith(ROOM_REF_PREFIX)) return;
    const kind = this.texts.has(ref) ? ({ kind: 'chat', clientId: ref } as const) : this.refs.get(ref);
    this.refs.delete(ref);
    if (!kind) return;
    const error = apiErrorOf(event);
    const retryAfterMs = event.retryAfterMs ?? null;
    switch (kind.kind) {
      case 'join':
        this.onJoinRefused(error, retryAfterMs);
        return;
      case 'leave':
        return;
      case 'sync':
        this.syncing = false;
        return;
      case 'signal':
        if (error.code === 'CONSENT_REQUIRED') {
          this.setConsent('missing');
          this.problem({ kind: 'consentRequired' });
        }
        if (error.code === 'ROOM_NOT_A_MEMBER') this.join();
        this.media.offerFailed(kind.offerId);
        return;
      case 'chat':
        if (error.code === 'RATE_LIMITED') {
          const timer = setTimeout(
            () => {
              this.chatTimers.delete(timer);
              this.transmitChat(kind.clientId);
            },
            Math.max(200, retryAfterMs ?? 0),
          );
          this.chatTimers.add(timer);
          return;
        }
        this.dispatch({ type: 'chatFailed', clientId: kind.clientId });
        this.problem({ kind: 'refused', error, action: 'chat' });
        if (error.code === 'ROOM_NOT_A_MEMBER') this.join();
        return;
      case 'action':
        if (error.code === 'CONSENT_REQUIRED') {
          this.setConsent('missing');
          this.problem({ kind: 'consentRequired' });
          return;
        }
        this.problem({ kind: 'refused', error, action: kind.action.action });
        if (error.code === 'ROOM_NOT_A_MEMBER') this.join();
        return;
    }
  }

  private onJoinRefused(error: ApiError, retryAfterMs: number | null): void {
    const refuse = (phase: Extract<RoomChange, { type: 'refused' }>['phase']) => {
      this.dispatch({ type: 'refused', phase });
      this.media.stop();
    };
    const { code } = error;
    if (code === 'ROOM_PASSWORD_REQUIRED') {
      const wrong = this.password !== null;
      this.password = null;
      writeStorage(() => sessionStorage, passwordKey(this.options.roomId), null);
      refuse({ kind: 'password', wrong });
    } else if (code === 'ROOM_BANNED') {
      const stored = Number(readStorage(() => localStorage, banKey(this.options.roomId)));
      const untilMs = retryAfterMs !== null ? Date.now() + retryAfterMs : stored > Date.now() ? stored : null;
      refuse({ kind: 'banned', untilMs });
    } else if (code === 'ROOM_CLOSED') {
      this.dispatch({ type: 'ended', reason: 'closed', bannedUntilMs: null });
      this.media.stop();
    } else if (code === 'NOT_FOUND' || code === 'VALIDATION_FAILED' || code === 'FORBIDDEN') {
      // FORBIDDEN: the owner blocked me (or I them); the room is simply not there for me.
      refuse({ kind: 'notFound' });
    } else if (code === 'RATE_LIMITED') {
      this.clearJoinTimer();
      this.joinTimer = setTimeout(
        () => {
          this.joinTimer = null;
          this.join();
        },
        Math.max(JOIN_RETRY_MIN_MS, retryAfterMs ?? 0),
      );
    } else {
      refuse({ kind: 'failed', code });
    }
  }

  private release(messages: ReturnType<RoomChatSequencer['accept']>): void {
    if (messages.length === 0) return;
    for (const message of messages) {
      if (message.sender.userId === this.options.me) this.texts.delete(message.clientId);
    }
    this.dispatch({ type: 'messages', messages });
  }

  private requestSync(): void {
    const sequencer = this.sequencer;
    if (!sequencer || this.syncing) return;
    if (this.send({ type: 'room.sync', roomId: this.options.roomId, afterSeq: sequencer.lastSeq }, { kind: 'sync' })) {
      this.syncing = true;
    }
  }

  private transmitChat(clientId: string): void {
    const text = this.texts.get(clientId);
    if (text === undefined || this.state.phase.kind !== 'live') return;
    this.send({ type: 'room.chat', roomId: this.options.roomId, clientId, text }, { kind: 'chat', clientId });
  }

  private me(): RoomMemberView | undefined {
    return memberOf(this.state.state, this.options.me);
  }

  private updateMedia(): void {
    if (this.state.phase.kind !== 'live') return;
    const me = this.me();
    this.media.update({
      seated: me?.seat !== null && me?.seat !== undefined,
      mic: me?.mic ?? 'muted',
      consent: this.state.consent === 'granted',
    });
  }

  private send(event: RoomClientEvent, kind: RefKind): boolean {
    this.nextRef += 1;
    const ref = `${ROOM_REF_PREFIX}${this.nextRef}`;
    const sent = this.options.link.send({ ...event, ref });
    if (sent) {
      this.refs.set(ref, kind);
      // Successes are answered without a way to match them (a snapshot): forget the oldest refs.
      if (this.refs.size > REFS_KEPT) {
        const oldest = this.refs.keys().next();
        if (!oldest.done) this.refs.delete(oldest.value);
      }
    }
    return sent;
  }

  private dispatch(change: RoomChange): void {
    const next = roomReducer(this.state, change);
    if (next === this.state) return;
    this.publish({ ...this.state, ...next });
  }

  private publish(next: RoomSnapshot): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private clearJoinTimer(): void {
    if (this.joinTimer !== null) clearTimeout(this.joinTimer);
    this.joinTimer = null;
  }

  private teardown(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.media.stop();
    this.clearJoinTimer();
    if (this.speakingTimer !== null) clearTimeout(this.speakingTimer);
    for (const timer of this.chatTimers) clearTimeout(timer);
    this.chatTimers.clear();
  }
}
