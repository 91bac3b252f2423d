/**
 * The werift SFU: one RTCPeerConnection per participant, audio only. Each listener's connection
 * has up to 3 sendonly slots; every tick the room's speakers are ranked by their audio-level
 * header extension and each listener's slots carry the loudest publishers other than themselves.
 * Packets are forwarded as they arrive (no decoding): only the SSRC, payload type, sequence
 * number, timestamp and header extensions are rewritten per slot. Runs inside the media process
 * (sfu-process.ts), never on the API's event loop: every forwarded packet costs JavaScript here.
 */
import { randomInt } from 'node:crypto';
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RTP_EXTENSION_URI,
  RtpHeader,
  RtpPacket,
  useAudioLevelIndication,
  useSdesMid,
  type MediaStreamTrack,
  type RTCRtpSender,
  type RTCRtpTransceiver,
} from 'werift';
import {
  MediaPlaneError,
  type IceServerView,
  type LostParticipant,
  type MediaPlaneStats,
  type SpeakingLevel,
} from './media-plane.js';
import { NegotiationQueue } from './negotiation-queue.js';
import { readOffer, withOpusFecAndDtx } from './offer.js';
import { SlotRewriter } from './slot-rewriter.js';
import { SpeakerLevel, rankSpeakers } from './speaker-ranking.js';

/** Speakers a listener hears at once; the client offers this many recvonly transceivers. */
export const SLOTS_PER_LISTENER = 3;
/** Level (0..1) from which a publisher counts as speaking for the rings: about −51 dBov. */
const SPEAKING_THRESHOLD = 0.15;
/** Levels go out in steps of 0.05: finer is invisible on a ring and would defeat change detection. */
const LEVEL_STEPS = 20;

export interface SfuOptions {
  /** ICE servers of the SFU's own connections. Empty by default: werift's own default would ask
   * stun.l.google.com, which leaks every join to a third party and stalls where it is unreachable. */
  iceServers?: IceServerView[];
  /** Host addresses werift skips by itself (loopback, tunnels), e.g. ['127.0.0.1'] for tests. */
  iceAdditionalHostAddresses?: string[];
  /** UDP ports of the SFU's candidates, for a firewall; werift needs min < max. */
  icePortRange?: [number, number];
  iceUseIpv6?: boolean;
  /** Negotiations at once; joins beyond wait in order. */
  maxConcurrentNegotiations?: number;
  maxQueuedNegotiations?: number;
  rankIntervalMs?: number;
  speakingIntervalMs?: number;
}

export interface SfuStats extends Omit<MediaPlaneStats, 'restarts'> {
  forwardedPacketsTotal: number;
  receivedPacketsTotal: number;
  droppedPacketsTotal: number;
}

interface Slot {
  readonly transceiver: RTCRtpTransceiver;
  readonly sender: RTCRtpSender;
  readonly audioLevelExtensionId: number | undefined;
  readonly rewriter: SlotRewriter;
  /** The publisher this slot carries now. */
  sourceUserId: string | undefined;
}

interface Inbound {
  readonly audioLevelExtensionId: number | undefined;
}

class Participant {
  readonly level = new SpeakerLevel();
  slots: Slot[] = [];
  /** Whether the last offer had a sendonly (or sendrecv) audio section: the participant has a mic track. */
  hasMicrophone = false;
  closed = false;
  iceUfrag = '';
  readonly inboundByTransceiver = new Map<RTCRtpTransceiver, Inbound>();
  readonly attachedTracks = new Set<MediaStreamTrack>();

  constructor(
    readonly roomId: string,
    readonly userId: string,
    readonly sessionId: string,
    readonly pc: RTCPeerConnection,
  ) {}
}

class Room {
  readonly participants = new Map<string, Participant>();
  /** Publishers in forwarding order (sticky top first), from the last rank. */
  order: string[] = [];
  /** Publisher → the listener slots fed by their packets: the only lookup on the packet path. */
  routes = new Map<string, Slot[]>();
  lastSpeakingKey = '[]';

  constructor(readonly id: string) {}
}

function participantKey(roomId: string, userId: string): string {
  return `${roomId}\n${userId}`;
}

/**
 * werift's ICE agent asks stun.l.google.com:19302 for a server-reflexive candidate whenever no
 * STUN server is configured, even with `iceServers: []` (werift 0.24, ice/src/ice.js): every join
 * would tell Google, and wait for it where DNS or UDP out is blocked. Its agents are made by
 * setRemoteDescription and gather in setLocalDescription, so clearing the fallback in between
 * keeps gathering to host candidates.
 */
export function withoutFallbackStun(pc: RTCPeerConnection): void {
  for (const transport of pc.iceTransports) transport.connection.stunServer = undefined;
}

/**
 * After an ICE restart werift (0.24) gathers new candidates but never runs the checks: its
 * connect() returns early because DTLS is still up, so the old path is kept and, once it is gone,
 * nothing flows. Starting the checks of each restarted agent by hand finds the new path; DTLS and
 * SRTP carry on over it unchanged.
 */
export function startIceChecks(pc: RTCPeerConnection): void {
  for (const transport of pc.iceTransports) transport.start().catch(() => undefined);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class Sfu {
  private readonly rooms = new Map<string, Room>();
  /** Set before, during and after a participant's connection; room logic may seat someone first. */
  private readonly publishing = new Map<string, boolean>();
  private readonly locks = new Map<string, Promise<void>>();
  private readonly queue: NegotiationQueue;
  private readonly speakingListeners: ((roomId: string, levels: SpeakingLevel[]) => void)[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly counters = { forwardedPackets: 0, forwardedBytes: 0, receivedPackets: 0, droppedPackets: 0 };
  private lastSecond = { ...this.counters };
  private perSecond = { ...this.counters };
  private closed = false;

  private readonly hasStunServer: boolean;

  constructor(private readonly options: SfuOptions = {}) {
    this.hasStunServer = (options.iceServers ?? []).some((server) =>
      server.urls.some((url) => url.startsWith('stun:')),
    );
    this.queue = new NegotiationQueue(options.maxConcurrentNegotiations ?? 3, options.maxQueuedNegotiations ?? 100);
    this.timers.push(
      setInterval(() => {
        this.rank();
      }, options.rankIntervalMs ?? 100),
      setInterval(() => {
        this.emitSpeaking();
      }, options.speakingIntervalMs ?? 250),
      setInterval(() => {
        this.perSecond = {
          forwardedPackets: this.counters.forwardedPackets - this.lastSecond.forwardedPackets,
          forwardedBytes: this.counters.forwardedBytes - this.lastSecond.forwardedBytes,
          receivedPackets: this.counters.receivedPackets - this.lastSecond.receivedPackets,
          droppedPackets: this.counters.droppedPackets - this.lastSecond.droppedPackets,
        };
        this.lastSecond = { ...this.counters };
      }, 1000),
    );
    for (const timer of this.timers) timer.unref();
  }

  onSpeaking(listener: (roomId: string, levels: SpeakingLevel[]) => void): void {
    this.speakingListeners.push(listener);
  }

  async negotiate(roomId: string, userId: string, offerSdp: string): Promise<{ answerSdp: string }> {
    if (this.closed) throw new MediaPlaneError('CLOSED', 'the SFU is closed');
    const facts = readOffer(offerSdp);
    return this.serialize(participantKey(roomId, userId), () =>
      this.queue.run(async () => ({ answerSdp: await this.answer(roomId, userId, offerSdp, facts) })),
    );
  }

  setPublishing(roomId: string, userId: string, publishing: boolean): Promise<void> {
    this.publishing.set(participantKey(roomId, userId), publishing);
    const room = this.rooms.get(roomId);
    if (room) this.reassign(room);
    return Promise.resolve();
  }

  leave(roomId: string, userId: string): Promise<void> {
    const key = participantKey(roomId, userId);
    this.publishing.delete(key);
    return this.serialize(key, async () => {
      const room = this.rooms.get(roomId);
      const participant = room?.participants.get(userId);
      if (room && participant) await this.drop(room, participant);
    });
  }

  async closeRoom(roomId: string): Promise<void> {
    const prefix = participantKey(roomId, '');
    for (const key of [...this.publishing.keys()]) if (key.startsWith(prefix)) this.publishing.delete(key);
    const room = this.rooms.get(roomId);
    if (!room) return;
    await Promise.all([...room.participants.keys()].map((userId) => this.leave(roomId, userId)));
    this.rooms.delete(roomId);
  }

  participants(): LostParticipant[] {
    return [...this.rooms.values()].flatMap((room) =>
      [...room.participants.keys()].map((userId) => ({ roomId: room.id, userId })),
    );
  }

  stats(): SfuStats {
    let participants = 0;
    let connectedParticipants = 0;
    let publishers = 0;
    for (const room of this.rooms.values())
      for (const participant of room.participants.values()) {
        participants += 1;
        if (participant.pc.connectionState === 'connected') connectedParticipants += 1;
        if (this.isPublishing(participant)) publishers += 1;
      }
    return {
      rooms: this.rooms.size,
      participants,
      connectedParticipants,
      publishers,
      forwardedPacketsPerSecond: this.perSecond.forwardedPackets,
      forwardedBytesPerSecond: this.perSecond.forwardedBytes,
      receivedPacketsPerSecond: this.perSecond.receivedPackets,
      droppedPacketsPerSecond: this.perSecond.droppedPackets,
      negotiationsRunning: this.queue.runningCount,
      negotiationsQueued: this.queue.queuedCount,
      forwardedPacketsTotal: this.counters.forwardedPackets,
      receivedPacketsTotal: this.counters.receivedPackets,
      droppedPacketsTotal: this.counters.droppedPackets,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all([...this.rooms.keys()].map((roomId) => this.closeRoom(roomId)));
  }

  /** One participant's negotiations and leave run one after another, never interleaved. */
  private serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(key, tail);
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    });
    return result;
  }

  private async answer(
    roomId: string,
    userId: string,
    offerSdp: string,
    facts: ReturnType<typeof readOffer>,
  ): Promise<string> {
    if (this.closed) throw new MediaPlaneError('CLOSED', 'the SFU is closed');
    let room = this.rooms.get(roomId);
    if (!room) {
      room = new Room(roomId);
      this.rooms.set(roomId, room);
    }
    let participant = room.participants.get(userId);
    // Another RTCPeerConnection (a reload, a new tab): its DTLS session is new, so is ours.
    if (participant && participant.sessionId !== facts.sessionId) {
      await this.drop(room, participant);
      participant = undefined;
    }
    if (!participant) {
      participant = this.createParticipant(room, userId, facts.sessionId);
    }
    const { pc } = participant;
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      this.configureTransceivers(participant);
      if (!this.hasStunServer) withoutFallbackStun(pc);
      await pc.setLocalDescription(await pc.createAnswer());
      const iceRestart = participant.iceUfrag !== '' && participant.iceUfrag !== facts.iceUfrag;
      if (iceRestart) startIceChecks(pc);
      const answerSdp = pc.localDescription?.sdp;
      if (!answerSdp) throw new Error('no local description after setLocalDescription');
      if (participant.closed) throw new MediaPlaneError('CLOSED', 'the participant left while negotiating');
      participant.iceUfrag = facts.iceUfrag;
      this.reassign(room);
      return answerSdp;
    } catch (error) {
      // A half-applied negotiation leaves werift in a state no later offer can rely on: start over.
      if (room.participants.get(userId) === participant) await this.drop(room, participant);
      if (error instanceof MediaPlaneError) throw error;
      throw new MediaPlaneError('BAD_OFFER', `the offer could not be answered: ${errorMessage(error)}`);
    }
  }

  private createParticipant(room: Room, userId: string, sessionId: string): Participant {
    const pc = new RTCPeerConnection({
      iceServers: this.options.iceServers ?? [],
      iceAdditionalHostAddresses: this.options.iceAdditionalHostAddresses,
      icePortRange: this.options.icePortRange,
      iceUseIpv6: this.options.iceUseIpv6 ?? true,
      codecs: {
        audio: [
          new RTCRtpCodecParameters({
            mimeType: 'audio/opus',
            clockRate: 48_000,
            channels: 2,
            parameters: withOpusFecAndDtx('minptime=10'),
          }),
        ],
        video: [],
      },
      headerExtensions: { audio: [useSdesMid(), useAudioLevelIndication()], video: [] },
    });
    const participant = new Participant(room.id, userId, sessionId, pc);
    // Remote transceivers are made inside setRemoteDescription, which also registers their first
    // tracks: subscribe as they are made so no track (and no packet) is missed.
    pc.onRemoteTransceiverAdded.subscribe((transceiver) => {
      transceiver.onTrack.subscribe((track) => {
        this.attachTrack(participant, transceiver, track);
      });
    });
    room.participants.set(userId, participant);
    return participant;
  }

  private configureTransceivers(participant: Participant): void {
    const slots: Slot[] = [];
    participant.hasMicrophone = false;
    const transceivers = participant.pc
      .getTransceivers()
      .sort((a, b) => (a.mLineIndex ?? Number.MAX_SAFE_INTEGER) - (b.mLineIndex ?? Number.MAX_SAFE_INTEGER));
    for (const transceiver of transceivers) {
      if (transceiver.stopped) continue;
      transceiver.codecs = transceiver.codecs.map((codec) =>
        codec.mimeType.toLowerCase() === 'audio/opus'
          ? new RTCRtpCodecParameters({
              payloadType: codec.payloadType,
              mimeType: codec.mimeType,
              clockRate: codec.clockRate,
              channels: codec.channels,
              rtcpFeedback: codec.rtcpFeedback,
              parameters: withOpusFecAndDtx(codec.parameters),
              direction: codec.direction,
            })
          : codec,
      );
      const audioLevelExtensionId = transceiver.headerExtensions.find(
        (extension) => extension.uri === RTP_EXTENSION_URI.audioLevelIndication,
      )?.id;
      // offerDirection is ours as the client's offer allows it: the client's recvonly is our sendonly.
      if (transceiver.offerDirection === 'sendonly') {
        if (slots.length >= SLOTS_PER_LISTENER) {
          transceiver.setDirection('inactive');
          continue;
        }
        transceiver.setDirection('sendonly');
        const existing = participant.slots.find((slot) => slot.transceiver === transceiver);
        slots.push(
          existing ?? {
            transceiver,
            sender: transceiver.sender,
            audioLevelExtensionId,
            rewriter: new SlotRewriter(randomInt(0x1_0000), randomInt(0xffff_ffff)),
            sourceUserId: undefined,
          },
        );
      } else if (transceiver.offerDirection === 'recvonly' || transceiver.offerDirection === 'sendrecv') {
        transceiver.setDirection('recvonly');
        participant.hasMicrophone = true;
        participant.inboundByTransceiver.set(transceiver, { audioLevelExtensionId });
        for (const track of transceiver.receiver.tracks) this.attachTrack(participant, transceiver, track);
      } else {
        transceiver.setDirection('inactive');
      }
    }
    participant.slots = slots;
  }

  private attachTrack(participant: Participant, transceiver: RTCRtpTransceiver, track: MediaStreamTrack): void {
    if (participant.attachedTracks.has(track)) return;
    participant.attachedTracks.add(track);
    track.onReceiveRtp.subscribe((rtp) => {
      this.onPublisherRtp(participant, transceiver, rtp);
    });
  }

  private isPublishing(participant: Participant): boolean {
    return (
      participant.hasMicrophone && this.publishing.get(participantKey(participant.roomId, participant.userId)) === true
    );
  }

  /** The packet path: keep it free of allocation beyond the one header per listener. */
  private onPublisherRtp(participant: Participant, transceiver: RTCRtpTransceiver, rtp: RtpPacket): void {
    if (participant.closed) return;
    this.counters.receivedPackets += 1;
    if (!this.isPublishing(participant)) {
      this.counters.droppedPackets += 1;
      return;
    }
    const inbound = participant.inboundByTransceiver.get(transceiver);
    const levelExtension =
      inbound?.audioLevelExtensionId === undefined
        ? undefined
        : rtp.header.extensions.find((extension) => extension.id === inbound.audioLevelExtensionId);
    const levelByte = levelExtension?.payload[0];
    if (levelByte !== undefined) participant.level.addPacket(levelByte & 0x7f);
    const room = this.rooms.get(participant.roomId);
    const slots = room?.routes.get(participant.userId);
    if (!slots) return;
    const sourceKey = `${participant.userId}:${rtp.header.ssrc}`;
    const nowMs = Date.now();
    for (const slot of slots) {
      if (slot.sender.dtlsTransport.state !== 'connected') continue;
      const rewritten = slot.rewriter.rewrite(sourceKey, rtp.header.sequenceNumber, rtp.header.timestamp, nowMs);
      if (!rewritten) continue;
      const header = new RtpHeader({
        sequenceNumber: rewritten.sequenceNumber,
        timestamp: rewritten.timestamp,
        marker: rewritten.marker || rtp.header.marker,
        extensions:
          levelExtension && slot.audioLevelExtensionId !== undefined
            ? [{ id: slot.audioLevelExtensionId, payload: levelExtension.payload }]
            : [],
      });
      // werift's sendRtp sets the slot's SSRC and payload type and adds the mid extension.
      slot.sender.sendRtp(new RtpPacket(header, rtp.payload)).catch(() => undefined);
      this.counters.forwardedPackets += 1;
      this.counters.forwardedBytes += rtp.payload.length;
    }
  }

  private rank(): void {
    for (const room of this.rooms.values()) {
      const levels = new Map<string, number>();
      for (const participant of room.participants.values()) {
        const level = participant.level.tick();
        if (this.isPublishing(participant)) levels.set(participant.userId, level);
      }
      room.order = rankSpeakers(room.order.slice(0, SLOTS_PER_LISTENER), levels, SLOTS_PER_LISTENER);
      this.reassign(room, levels);
    }
  }

  /** Maps each listener's slots to the loudest publishers but themselves; a publisher who stays
   * keeps their slot, so a switch happens only where the set of speakers changed. */
  private reassign(room: Room, levels?: ReadonlyMap<string, number>): void {
    if (!levels) {
      const publishers = [...room.participants.values()].filter((p) => this.isPublishing(p)).map((p) => p.userId);
      room.order = [
        ...room.order.filter((id) => publishers.includes(id)),
        ...publishers.filter((id) => !room.order.includes(id)),
      ];
    }
    const routes = new Map<string, Slot[]>();
    for (const listener of room.participants.values()) {
      const wanted = room.order.filter((id) => id !== listener.userId).slice(0, listener.slots.length);
      for (const slot of listener.slots)
        if (slot.sourceUserId !== undefined && !wanted.includes(slot.sourceUserId)) slot.sourceUserId = undefined;
      for (const id of wanted) {
        if (listener.slots.some((slot) => slot.sourceUserId === id)) continue;
        const free = listener.slots.find((slot) => slot.sourceUserId === undefined);
        if (free) free.sourceUserId = id;
      }
      for (const slot of listener.slots) {
        if (slot.sourceUserId === undefined) continue;
        const list = routes.get(slot.sourceUserId);
        if (list) list.push(slot);
        else routes.set(slot.sourceUserId, [slot]);
      }
    }
    room.routes = routes;
  }

  private emitSpeaking(): void {
    for (const room of this.rooms.values()) {
      const levels: SpeakingLevel[] = [];
      for (const participant of room.participants.values()) {
        if (!this.isPublishing(participant) || participant.level.level < SPEAKING_THRESHOLD) continue;
        levels.push({
          userId: participant.userId,
          level: Math.round(participant.level.level * LEVEL_STEPS) / LEVEL_STEPS,
        });
      }
      const key = JSON.stringify(levels);
      if (levels.length === 0 && key === room.lastSpeakingKey) continue;
      room.lastSpeakingKey = key;
      for (const listener of this.speakingListeners) listener(room.id, levels);
    }
  }

  private async drop(room: Room, participant: Participant): Promise<void> {
    participant.closed = true;
    if (room.participants.get(participant.userId) === participant) room.participants.delete(participant.userId);
    if (room.participants.size === 0 && this.rooms.get(room.id) === room) this.rooms.delete(room.id);
    else this.reassign(room);
    await participant.pc.close().catch(() => undefined);
  }
}
