/**
 * The media plane of live audio rooms: what room logic asks of it, kept small so a production
 * media server (Janus, LiveKit, mediasoup) can replace the embedded werift SFU without touching
 * room logic. Room logic owns membership, seats, consent and grace periods; the media plane only
 * carries audio for the participants it is told about.
 */
import { createHmac } from 'node:crypto';

/** One entry of the browser's RTCConfiguration.iceServers. */
export interface IceServerView {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface SpeakingLevel {
  userId: string;
  /** 0..1: 0 is silence (−60 dBov or quieter), 1 is full scale; quantised to 0.05. */
  level: number;
}

export interface MediaPlaneStats {
  rooms: number;
  participants: number;
  /** Participants whose peer connection is connected right now. */
  connectedParticipants: number;
  /** Participants whose audio is forwarded (setPublishing true). */
  publishers: number;
  /** RTP packets sent to listeners over the last full second. */
  forwardedPacketsPerSecond: number;
  forwardedBytesPerSecond: number;
  /** RTP packets received from participants over the last full second (forwarded or not). */
  receivedPacketsPerSecond: number;
  /** Packets from participants who are not publishing, dropped at the SFU, over the last full second. */
  droppedPacketsPerSecond: number;
  /** Negotiations running, and waiting behind them (joins are paced). */
  negotiationsRunning: number;
  negotiationsQueued: number;
  /** Times the media process died and was started again since the plane was created. */
  restarts: number;
}

/** A participant whose media state was lost (the media process died); they must negotiate again
 * with a new RTCPeerConnection (an ICE restart cannot revive a DTLS session the SFU forgot). */
export interface LostParticipant {
  roomId: string;
  userId: string;
}

export type MediaPlaneErrorCode =
  /** The offer is not one this plane answers (not audio-only, no candidates, unparsable). */
  | 'BAD_OFFER'
  /** Too many negotiations are waiting; try again shortly. */
  | 'BUSY'
  /** The media process did not answer in time. */
  | 'TIMEOUT'
  /** The media process is down or restarting. */
  | 'UNAVAILABLE'
  /** The plane was closed. */
  | 'CLOSED';

export class MediaPlaneError extends Error {
  constructor(
    readonly code: MediaPlaneErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MediaPlaneError';
  }
}

export interface MediaPlane {
  /**
   * Negotiates (or renegotiates, or ICE-restarts) the participant's one peer connection. The
   * client sends a complete offer (ICE gathering finished, no trickle) with up to 3 recvonly audio
   * transceivers (the loudest-speaker slots, in m-line order) and, when it may speak, one sendonly
   * audio track. Returns the complete answer. An offer from a different RTCPeerConnection (another
   * `o=` session id) replaces the participant's connection; new ice-ufrag/pwd restart ICE.
   * Rejects with MediaPlaneError.
   */
  negotiate(roomId: string, userId: string, offerSdp: string): Promise<{ answerSdp: string }>;
  /** Whether this participant's audio is forwarded (a speaker on a seat, not muted). Audio from
   * others is dropped at the SFU. May be called before the participant negotiates; it is kept. */
  setPublishing(roomId: string, userId: string, publishing: boolean): Promise<void>;
  /** Ends the participant's connection (left, kicked, grace period over). Unknown ones are fine. */
  leave(roomId: string, userId: string): Promise<void>;
  closeRoom(roomId: string): Promise<void>;
  stats(): Promise<MediaPlaneStats>;
  /** Speaking levels per room a few times a second: publishers above a threshold, and one empty
   * list when everyone went quiet, for the speaking rings. */
  onSpeaking(listener: (roomId: string, levels: SpeakingLevel[]) => void): void;
  /** Participants whose connection the plane lost (its process died and was restarted). */
  onParticipantsLost(listener: (lost: LostParticipant[]) => void): void;
  close(): Promise<void>;
}

export interface IceConfig {
  stunUrls: string[];
  turnUrls: string[];
  /** The shared secret coturn has as `static-auth-secret` (`use-auth-secret`). */
  turnSecret?: string;
  turnTtlSeconds?: number;
}

/** Longer than any room session, so a TURN allocation's refresh never fails mid-session; short
 * enough that a leaked credential is worthless the next day. */
export const DEFAULT_TURN_TTL_SECONDS = 6 * 60 * 60;

/**
 * The browser's ICE servers for one user, with TURN credentials by the TURN REST API scheme
 * coturn implements: username `${expiryUnixSeconds}:${userId}`, credential
 * base64(HMAC-SHA1(secret, username)). The secret never leaves the server. Without a secret no
 * TURN entry is given: browsers refuse a turn: URL without credentials.
 */
export function iceServersFor(userId: string, config: IceConfig, nowMs: number): IceServerView[] {
  const servers: IceServerView[] = [];
  if (config.stunUrls.length > 0) servers.push({ urls: [...config.stunUrls] });
  if (config.turnUrls.length > 0 && config.turnSecret) {
    const ttlSeconds = config.turnTtlSeconds ?? DEFAULT_TURN_TTL_SECONDS;
    const expiryUnixSeconds = Math.floor(nowMs / 1000) + ttlSeconds;
    const username = `${expiryUnixSeconds}:${userId}`;
    const credential = createHmac('sha1', config.turnSecret).update(username).digest('base64');
    servers.push({ urls: [...config.turnUrls], username, credential });
  }
  return servers;
}
