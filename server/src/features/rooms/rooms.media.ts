/**
 * Rooms and the media plane: who may send audio is decided here, from the room's state and the
 * microphone consent, and told to the media plane; the media plane only carries audio. A member's
 * audio is forwarded while they sit on a seat with the mic on and the microphone consent given;
 * withdrawing the consent stops it at once.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@airtalk/contracts';
import type { Logger } from 'pino';
import type { Bus } from '../../platform/bus/bus.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import {
  iceServersFor,
  MediaPlaneError,
  type IceConfig,
  type IceServerView,
  type MediaPlane,
} from '../../platform/media/index.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import { CONSENT_CHANGED_TOPIC, type ConsentChangedEvent, type ConsentsService } from '../consents/index.js';
import { mayPublish } from './rooms.policy.js';
import { ROOMS_CHANGED_TOPIC, roomTopic, type RoomsService } from './rooms.service.js';
import type { RoomSnapshot } from './rooms.store.js';

const FORWARDED_NEGOTIATION_TIMEOUT_MS = 25_000;

interface NegotiationRequest {
  requestId: string;
  replyTo: string;
  roomId: string;
  userId: string;
  offerSdp: string;
}

interface NegotiationReply {
  requestId: string;
  answerSdp?: string;
  error?: { code: ErrorCode; message: string };
}

const requestsTopic = (nodeId: string) => `media.requests.${nodeId}`;
const repliesTopic = (nodeId: string) => `media.replies.${nodeId}`;

export interface RoomMediaDeps {
  plane: MediaPlane;
  rooms: RoomsService;
  consents: ConsentsService;
  hub: RealtimeHub;
  bus: Bus;
  /** This node, and whether another still beats: a room's audio is carried by one live node. */
  nodeId: string;
  isNodeAlive: (nodeId: string) => Promise<boolean>;
  ice: IceConfig;
  clock: Clock;
  logger: Logger;
}

export class RoomMedia {
  /** Per room, the members whose audio this node told the plane to forward. */
  private readonly publishing = new Map<string, Set<string>>();
  /** Per room, everyone who negotiated here, to end their connections when they go. */
  private readonly connected = new Map<string, Set<string>>();
  private readonly pending = new Map<string, (reply: NegotiationReply) => void>();
  private readonly unsubscribes: (() => Promise<void>)[] = [];

  constructor(private readonly deps: RoomMediaDeps) {
    deps.plane.onSpeaking((roomId, levels) => {
      void deps.hub.publish(roomTopic(roomId), { type: 'room.speaking', roomId, levels }).catch((error: unknown) => {
        deps.logger.warn({ err: error }, 'speaking levels not published');
      });
    });
    // A media process that died forgot its connections: those members start over with a new one.
    deps.plane.onParticipantsLost((lost) => {
      for (const { roomId, userId } of lost) {
        this.connected.get(roomId)?.delete(userId);
        void deps.hub.publish(`user:${userId}`, { type: 'room.renegotiate', roomId }).catch((error: unknown) => {
          deps.logger.warn({ err: error }, 'renegotiation request not published');
        });
      }
    });
    // In the withdrawing request itself, on this node; other nodes hear it on the bus (start()).
    deps.consents.onWithdraw('microphone', (userId) => this.silence(userId));
  }

  /** Listens for room changes, consent withdrawals and negotiations from every node. */
  async start(): Promise<void> {
    const { bus } = this.deps;
    this.unsubscribes.push(
      await bus.subscribe(ROOMS_CHANGED_TOPIC, (message) => {
        const { roomId } = message as { roomId: string };
        if (!this.connected.has(roomId)) return;
        void this.deps.rooms
          .snapshot(roomId)
          .then((snapshot) => this.follow(roomId, snapshot))
          .catch((error: unknown) => {
            this.deps.logger.error({ err: error, roomId }, 'room audio could not follow a change');
          });
      }),
      await bus.subscribe(CONSENT_CHANGED_TOPIC, (message) => {
        const event = message as ConsentChangedEvent;
        if (event.purpose !== 'microphone' || event.granted) return;
        void this.silence(event.userId).catch((error: unknown) => {
          this.deps.logger.error({ err: error }, 'audio could not be stopped after a withdrawal');
        });
      }),
      await bus.subscribe(requestsTopic(this.deps.nodeId), (message) => {
        void this.answerForwarded(message as NegotiationRequest).catch((error: unknown) => {
          this.deps.logger.error({ err: error }, 'forwarded negotiation could not be answered');
        });
      }),
      await bus.subscribe(repliesTopic(this.deps.nodeId), (message) => {
        const reply = message as NegotiationReply;
        this.pending.get(reply.requestId)?.(reply);
      }),
    );
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribes.splice(0)) await unsubscribe();
  }

  /**
   * Answers a member's offer on the node that carries the room's audio (this one, or another over
   * the bus); their audio is forwarded only if the room and their consent allow.
   */
  async signal(
    userId: string,
    roomId: string,
    offerSdp: string,
  ): Promise<{ answerSdp: string; iceServers: IceServerView[] }> {
    await this.deps.rooms.snapshotForMember(userId, roomId);
    const mediaNode = await this.deps.rooms.claimMediaNode(roomId, this.deps.nodeId, this.deps.isNodeAlive);
    const answerSdp =
      mediaNode === this.deps.nodeId
        ? await this.negotiateHere(userId, roomId, offerSdp)
        : await this.forward(mediaNode, { roomId, userId, offerSdp });
    return { answerSdp, iceServers: iceServersFor(userId, this.deps.ice, this.deps.clock.nowMs()) };
  }

  private async negotiateHere(userId: string, roomId: string, offerSdp: string): Promise<string> {
    const snapshot = await this.deps.rooms.snapshotForMember(userId, roomId);
    let answerSdp: string;
    try {
      ({ answerSdp } = await this.deps.plane.negotiate(roomId, userId, offerSdp));
    } catch (error) {
      if (!(error instanceof MediaPlaneError)) throw error;
      if (error.code === 'BAD_OFFER') {
        throw new AppError('VALIDATION_FAILED', 422, error.message, { offerSdp: 'field.invalid' });
      }
      throw new AppError('SERVER_BUSY', 503, 'The audio server is busy. Try again in a moment.', undefined, 2);
    }
    this.members(this.connected, roomId).add(userId);
    await this.follow(roomId, snapshot);
    return answerSdp;
  }

  private async forward(
    mediaNode: string,
    request: Omit<NegotiationRequest, 'requestId' | 'replyTo'>,
  ): Promise<string> {
    const requestId = randomUUID();
    const reply = await new Promise<NegotiationReply>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve({ requestId, error: { code: 'SERVER_BUSY', message: 'The audio server did not answer in time.' } });
      }, FORWARDED_NEGOTIATION_TIMEOUT_MS);
      this.pending.set(requestId, (answer) => {
        clearTimeout(timer);
        this.pending.delete(requestId);
        resolve(answer);
      });
      this.deps.bus
        .publish(requestsTopic(mediaNode), {
          ...request,
          requestId,
          replyTo: repliesTopic(this.deps.nodeId),
        } satisfies NegotiationRequest)
        .catch(() => {
          this.pending.get(requestId)?.({
            requestId,
            error: { code: 'SERVER_BUSY', message: 'The audio server could not be reached.' },
          });
        });
    });
    if (reply.answerSdp !== undefined) return reply.answerSdp;
    const error = reply.error ?? { code: 'SERVER_BUSY', message: 'The audio server failed.' };
    throw new AppError(error.code, error.code === 'SERVER_BUSY' ? 503 : 422, error.message);
  }

  private async answerForwarded(request: NegotiationRequest): Promise<void> {
    let reply: NegotiationReply;
    try {
      reply = {
        requestId: request.requestId,
        answerSdp: await this.negotiateHere(request.userId, request.roomId, request.offerSdp),
      };
    } catch (error) {
      const known = error instanceof AppError;
      if (!known) this.deps.logger.error({ err: error }, 'forwarded negotiation failed');
      reply = {
        requestId: request.requestId,
        error: known
          ? { code: error.code, message: error.message }
          : { code: 'SERVER_BUSY', message: 'The audio server failed.' },
      };
    }
    await this.deps.bus.publish(request.replyTo, reply);
  }

  /** Brings the plane in line with the room: who publishes, who is gone, whether the room still is. */
  private async follow(roomId: string, snapshot: RoomSnapshot | null): Promise<void> {
    if (!snapshot || snapshot.room.status !== 'live') {
      this.publishing.delete(roomId);
      this.connected.delete(roomId);
      await this.deps.plane.closeRoom(roomId);
      return;
    }
    const seated = snapshot.members.filter((member) => member.seat !== null && member.mic === 'on');
    const allowed = new Set<string>();
    for (const member of seated) {
      const consent = await this.deps.consents.isGranted(member.user_id, 'microphone');
      if (mayPublish({ seated: true, micOn: true, microphoneConsent: consent })) allowed.add(member.user_id);
    }
    const before = this.members(this.publishing, roomId);
    for (const userId of allowed) if (!before.has(userId)) await this.deps.plane.setPublishing(roomId, userId, true);
    for (const userId of before) if (!allowed.has(userId)) await this.deps.plane.setPublishing(roomId, userId, false);
    this.publishing.set(roomId, allowed);

    const present = new Set(snapshot.members.map((member) => member.user_id));
    const negotiated = this.members(this.connected, roomId);
    for (const userId of [...negotiated]) {
      if (present.has(userId)) continue;
      negotiated.delete(userId);
      await this.deps.plane.leave(roomId, userId);
    }
  }

  private async silence(userId: string): Promise<void> {
    for (const [roomId, publishers] of this.publishing) {
      if (!publishers.delete(userId)) continue;
      await this.deps.plane.setPublishing(roomId, userId, false);
    }
  }

  private members(map: Map<string, Set<string>>, roomId: string): Set<string> {
    let set = map.get(roomId);
    if (!set) {
      set = new Set();
      map.set(roomId, set);
    }
    return set;
  }
}
