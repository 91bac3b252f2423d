/**
 * The room's audio over WebRTC: one RTCPeerConnection with three receive-only audio transceivers
 * (the server forwards the three loudest speakers) and, while I may speak, one send-only track from
 * my microphone. Offers are complete (ICE gathered first, no trickle) and go out through the room's
 * signalling on the socket; negotiation.ts decides when. Received audio plays in the page's three
 * <audio> elements; where the browser blocks playback until a tap, the room offers that tap.
 */
import { ROOM_FORWARDED_SPEAKERS, type MicState } from '@airtalk/contracts';
import { reconnectDelayMs } from '../chat';
import { idleNegotiation, negotiate, shouldSend, type NegotiationEvent, type Offer } from './negotiation';

/** A complete offer waits at most this long for ICE gathering; what was gathered by then goes. */
export const ICE_GATHERING_TIMEOUT_MS = 5000;
/** After this many failed offers in a row the audio is shown as failed (a tap tries again). */
const OFFER_ATTEMPTS_MAX = 6;

export type MicrophoneStatus = 'none' | 'starting' | 'live' | 'blocked' | 'noMicrophone' | 'unsupported';
export type AudioStatus = 'off' | 'connecting' | 'connected' | 'failed';

export interface MediaSnapshot {
  microphone: MicrophoneStatus;
  audio: AudioStatus;
  /** The browser would not start playback without a tap. */
  playbackBlocked: boolean;
}

export interface MediaInputs {
  seated: boolean;
  mic: MicState;
  consent: boolean;
}

export interface MediaCallbacks {
  /** Sends the offer; false when the socket is down (the rejoin offers again). */
  sendOffer: (offerSdp: string, offerId: number) => boolean;
  onChange: (snapshot: MediaSnapshot) => void;
}

function microphoneProblem(error: unknown): MicrophoneStatus {
  if (error instanceof DOMException) {
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError') return 'blocked';
    if (error.name === 'NotFoundError' || error.name === 'OverconstrainedError') return 'noMicrophone';
  }
  return 'unsupported';
}

/** The peer as gathering sees it: enough of RTCPeerConnection to wait on, and to fake in a test. */
export type GatheringPeer = Pick<RTCPeerConnection, 'iceGatheringState' | 'localDescription'> & EventTarget;

function offersCandidates(peer: GatheringPeer): boolean {
  return /\na=candidate:/.test(peer.localDescription?.sdp ?? '');
}

/**
 * Resolves when the local offer is complete: gathering finished and candidates in it. Right after
 * an ICE restart Chromium still says 'complete' from the round before while the new offer has no
 * candidate yet, so the state alone is not enough; the null candidate ends the new round.
 */
export function gatheringComplete(peer: GatheringPeer, timeoutMs: number): Promise<void> {
  if (peer.iceGatheringState === 'complete' && offersCandidates(peer)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      peer.removeEventListener('icegatheringstatechange', check);
      peer.removeEventListener('icecandidate', onCandidate);
      resolve();
    };
    const check = () => {
      if (peer.iceGatheringState === 'complete' && offersCandidates(peer)) done();
    };
    const onCandidate = (event: Event) => {
      if ((event as RTCPeerConnectionIceEvent).candidate === null) done();
    };
    const timer = setTimeout(done, timeoutMs);
    peer.addEventListener('icegatheringstatechange', check);
    peer.addEventListener('icecandidate', onCandidate);
  });
}

export class RoomMedia {
  private negotiation = idleNegotiation;
  private peer: RTCPeerConnection | null = null;
  private receivers: RTCRtpTransceiver[] = [];
  private sender: RTCRtpTransceiver | null = null;
  private microphoneStream: MediaStream | null = null;
  private iceServers: RTCIceServer[] = [];
  private readonly audios: (HTMLAudioElement | null)[] = Array.from({ length: ROOM_FORWARDED_SPEAKERS }, () => null);
  private readonly streams: (MediaStream | null)[] = Array.from({ length: ROOM_FORWARDED_SPEAKERS }, () => null);
  private inputs: MediaInputs = { seated: false, mic: 'muted', consent: false };
  /** Set by my own "mute" before the server confirms it, so the microphone goes quiet at once. */
  private muteRequested = false;
  private failedOffers = 0;
  /** ICE restarts in a row that ended in failure; after one, the next failure starts a new connection. */
  private failedIceRestarts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private state: MediaSnapshot = { microphone: 'none', audio: 'off', playbackBlocked: false };

  constructor(private readonly callbacks: MediaCallbacks) {}

  get snapshot(): MediaSnapshot {
    return this.state;
  }

  /** The room is joined: listen, and speak if I may. */
  start(): void {
    this.stopped = false;
    this.failedOffers = 0;
    this.set({ audio: 'connecting' });
    this.dispatch({ type: 'start' });
  }

  /** The room was joined again after the socket dropped: a new offer with an ICE restart. */
  reconnected(): void {
    if (this.negotiation.phase === 'idle') return;
    this.failedOffers = 0;
    this.set({ audio: 'connecting' });
    this.dispatch({ type: 'reconnected' });
  }

  /** The media server lost my connection (it restarted): a new peer connection and a fresh offer. */
  renew(): void {
    if (this.negotiation.phase === 'idle') return;
    this.closePeer();
    this.failedOffers = 0;
    this.clearRetry();
    this.set({ audio: 'connecting' });
    this.dispatch({ type: 'renew' });
  }

  /** My seat, my mic or my consent changed. */
  update(inputs: MediaInputs): void {
    this.inputs = inputs;
    if (inputs.mic !== 'on') this.muteRequested = false;
    this.applyMute();
    const want = shouldSend({
      ...inputs,
      microphoneBlocked:
        this.state.microphone !== 'none' && this.state.microphone !== 'starting' && this.state.microphone !== 'live',
    });
    if (!want) {
      this.releaseMicrophone();
      this.dispatch({ type: 'want', send: false });
      return;
    }
    if (this.microphoneStream) {
      this.dispatch({ type: 'want', send: true });
      return;
    }
    if (this.state.microphone === 'starting') return;
    void this.openMicrophone();
  }

  /** Silences my track at once; the server hears of it through the `mute` action. */
  muteNow(): void {
    this.muteRequested = true;
    this.applyMute();
  }

  /** After the person fixed a blocked microphone (or wants another try). */
  retryMicrophone(): void {
    this.set({ microphone: 'none' });
    this.update(this.inputs);
  }

  /** Tries the audio connection again after it was shown as failed. */
  retryAudio(): void {
    this.failedOffers = 0;
    this.set({ audio: 'connecting' });
    this.clearRetry();
    if (this.negotiation.phase === 'offering') this.dispatch({ type: 'reconnected' });
    else this.dispatch({ type: 'retry' });
  }

  async answer(offerId: number | null, answerSdp: string, iceServers: RTCIceServer[]): Promise<void> {
    const { negotiation, peer } = this;
    const id = offerId ?? negotiation.offerId;
    if (!peer || negotiation.phase !== 'offering' || id !== negotiation.offerId) return;
    try {
      await peer.setRemoteDescription({ type: 'answer', sdp: answerSdp });
      if (iceServers.length > 0) {
        this.iceServers = iceServers;
        peer.setConfiguration({ ...peer.getConfiguration(), iceServers });
      }
      this.failedOffers = 0;
      this.dispatch({ type: 'answered', offerId: id });
      // A renegotiation or an ICE restart over a path that never broke leaves the connection
      // 'connected' throughout: no state change will come to say so.
      if (peer.connectionState === 'connected') this.set({ audio: 'connected' });
    } catch {
      this.offerFailed(id);
    }
  }

  /** The server refused the offer (or it could not be made). */
  offerFailed(offerId: number | null): void {
    const id = offerId ?? this.negotiation.offerId;
    if (this.negotiation.phase !== 'offering' || id !== this.negotiation.offerId) return;
    this.dispatch({ type: 'failed', offerId: id });
    this.failedOffers += 1;
    if (this.failedOffers >= OFFER_ATTEMPTS_MAX) {
      this.set({ audio: 'failed' });
      return;
    }
    this.clearRetry();
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        this.dispatch({ type: 'retry' });
      },
      reconnectDelayMs(this.failedOffers, Math.random()),
    );
  }

  /** The page's <audio> elements, one per forwarded speaker. */
  attachAudio(index: number, element: HTMLAudioElement | null): void {
    this.audios[index] = element;
    const stream = this.streams[index];
    if (element && stream && element.srcObject !== stream) {
      element.srcObject = stream;
      this.play(element);
    }
  }

  /** A tap lets the browser play: start every element that has something to play. */
  unlockPlayback(): void {
    this.set({ playbackBlocked: false });
    for (const element of this.audios) if (element?.srcObject) this.play(element);
  }

  /** Leaves the audio: the connection closes and the microphone is released. */
  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.negotiation = negotiate(this.negotiation, { type: 'stop' }).state;
    this.releaseMicrophone();
    this.closePeer();
    this.set({ audio: 'off', playbackBlocked: false, microphone: 'none' });
  }

  private closePeer(): void {
    this.peer?.close();
    this.peer = null;
    this.receivers = [];
    this.sender = null;
    for (const [index, element] of this.audios.entries()) {
      this.streams[index] = null;
      if (element) element.srcObject = null;
    }
  }

  private dispatch(event: NegotiationEvent): void {
    if (this.stopped && event.type !== 'stop') return;
    const step = negotiate(this.negotiation, event);
    this.negotiation = step.state;
    if (step.offer) void this.makeOffer(step.offer);
  }

  private async openMicrophone(): Promise<void> {
    if (!('mediaDevices' in navigator)) {
      this.set({ microphone: 'unsupported' });
      return;
    }
    this.set({ microphone: 'starting' });
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      this.set({ microphone: microphoneProblem(error) });
      return;
    }
    const stillWanted =
      !this.stopped && shouldSend({ ...this.inputs, microphoneBlocked: false }) && this.microphoneStream === null;
    if (!stillWanted) {
      for (const track of stream.getTracks()) track.stop();
      this.set({ microphone: 'none' });
      return;
    }
    this.microphoneStream = stream;
    this.set({ microphone: 'live' });
    this.applyMute();
    this.dispatch({ type: 'want', send: true });
  }

  private releaseMicrophone(): void {
    const stream = this.microphoneStream;
    if (!stream) return;
    this.microphoneStream = null;
    for (const track of stream.getTracks()) track.stop();
    if (this.state.microphone === 'live') this.set({ microphone: 'none' });
  }

  private applyMute(): void {
    const enabled = this.inputs.mic === 'on' && !this.muteRequested;
    for (const track of this.microphoneStream?.getAudioTracks() ?? []) track.enabled = enabled;
  }

  private ensurePeer(): RTCPeerConnection {
    if (this.peer) return this.peer;
    const peer = new RTCPeerConnection({ iceServers: this.iceServers });
    this.receivers = Array.from({ length: ROOM_FORWARDED_SPEAKERS }, () =>
      peer.addTransceiver('audio', { direction: 'recvonly' }),
    );
    peer.addEventListener('track', (event) => {
      const index = this.receivers.indexOf(event.transceiver);
      if (index < 0) return;
      // One stream per transceiver: the server may put all three slots in one stream, and an
      // element playing it would play every speaker again.
      const stream = new MediaStream([event.track]);
      this.streams[index] = stream;
      const element = this.audios[index];
      if (element) {
        element.srcObject = stream;
        this.play(element);
      }
    });
    peer.addEventListener('connectionstatechange', () => {
      if (this.peer !== peer) return;
      if (peer.connectionState === 'connected') {
        this.failedIceRestarts = 0;
        this.set({ audio: 'connected' });
      } else if (peer.connectionState === 'failed') {
        // A restart that fails too means the media server no longer knows this connection (its
        // node died and another took the room): only a new connection gets through.
        if (this.failedIceRestarts >= 1) {
          this.failedIceRestarts = 0;
          this.renew();
          return;
        }
        // The network path died while the socket lived: restart ICE.
        this.failedIceRestarts += 1;
        this.set({ audio: 'connecting' });
        this.dispatch({ type: 'reconnected' });
      }
    });
    this.peer = peer;
    return peer;
  }

  private async makeOffer(offer: Offer): Promise<void> {
    const current = () => !this.stopped && this.negotiation.offerId === offer.offerId;
    try {
      const peer = this.ensurePeer();
      const track = offer.send ? this.microphoneStream?.getAudioTracks()[0] : undefined;
      if (track && this.microphoneStream) {
        if (this.sender) {
          await this.sender.sender.replaceTrack(track);
          this.sender.direction = 'sendonly';
        } else {
          this.sender = peer.addTransceiver(track, { direction: 'sendonly', streams: [this.microphoneStream] });
        }
      } else if (this.sender) {
        await this.sender.sender.replaceTrack(null);
        this.sender.direction = 'inactive';
      }
      const description = await peer.createOffer(offer.iceRestart ? { iceRestart: true } : {});
      if (!current()) return;
      await peer.setLocalDescription(description);
      await gatheringComplete(peer, ICE_GATHERING_TIMEOUT_MS);
      if (!current()) return;
      const sdp = peer.localDescription?.sdp;
      // Not sent (the socket is down): the rejoin after the reconnect offers again.
      if (sdp) this.callbacks.sendOffer(sdp, offer.offerId);
    } catch {
      if (current()) this.offerFailed(offer.offerId);
    }
  }

  private play(element: HTMLAudioElement): void {
    element.play().then(
      () => {
        if (this.state.playbackBlocked) this.set({ playbackBlocked: false });
      },
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'NotAllowedError') this.set({ playbackBlocked: true });
      },
    );
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private set(change: Partial<MediaSnapshot>): void {
    const next = { ...this.state, ...change };
    if (
      next.microphone === this.state.microphone &&
      next.audio === this.state.audio &&
      next.playbackBlocked === this.state.playbackBlocked
    ) {
      return;
    }
    this.state = next;
    this.callbacks.onChange(next);
  }
}
