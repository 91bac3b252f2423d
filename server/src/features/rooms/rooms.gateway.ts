/**
 * Rooms on the WebSocket gateway: entering joins the room's hub topic (its state snapshots and
 * chat, from every node); a dropped connection keeps the member's place for the grace period.
 */
import type { Gateway, GatewayConnection } from '../../platform/realtime/gateway.js';
import type { RoomMedia } from './rooms.media.js';
import type { Bus } from '../../platform/bus/bus.js';
import { ROOM_REMOVED_TOPIC, roomTopic, type RoomRemovedEvent, type RoomsService } from './rooms.service.js';

export async function registerRoomsGateway(
  gateway: Gateway,
  rooms: RoomsService,
  media: RoomMedia,
  bus: Bus,
): Promise<() => Promise<void>> {
  /** Rooms each local connection entered, to mark their members away when it drops. */
  const entered = new Map<string, { connection: GatewayConnection; roomIds: Set<string> }>();

  // A kicked person's sockets, on whichever node, stop hearing the room at once.
  const unsubscribe = await bus.subscribe(ROOM_REMOVED_TOPIC, (message) => {
    const { roomId, userId } = message as RoomRemovedEvent;
    for (const record of entered.values()) {
      if (record.connection.identity.userId !== userId || !record.roomIds.delete(roomId)) continue;
      record.connection.leave(roomTopic(roomId));
    }
  });

  const stillHere = (userId: string, roomId: string, except: string) =>
    [...entered.values()].some(
      (each) => each.connection.id !== except && each.connection.identity.userId === userId && each.roomIds.has(roomId),
    );

  gateway.onDisconnect(async (connection) => {
    const record = entered.get(connection.id);
    entered.delete(connection.id);
    if (!record) return;
    for (const roomId of record.roomIds) {
      if (!stillHere(connection.identity.userId, roomId, connection.id)) {
        await rooms.connectionLost(connection.identity.userId, roomId);
      }
    }
  });

  gateway.on('room.join', async (connection, event) => {
    // Listening first, so no snapshot published between the join and the answer is missed.
    await connection.join(roomTopic(event.roomId));
    try {
      const state = await rooms.join(connection.identity.userId, event.roomId, event.password);
      const record = entered.get(connection.id) ?? { connection, roomIds: new Set<string>() };
      record.roomIds.add(event.roomId);
      entered.set(connection.id, record);
      connection.send({ type: 'room.state', ...(event.ref ? { ref: event.ref } : {}), state });
    } catch (error) {
      connection.leave(roomTopic(event.roomId));
      throw error;
    }
  });

  gateway.on('room.leave', async (connection, event) => {
    connection.leave(roomTopic(event.roomId));
    entered.get(connection.id)?.roomIds.delete(event.roomId);
    await rooms.leave(connection.identity.userId, event.roomId);
  });

  gateway.on('room.action', async (connection, event) => {
    const state = await rooms.act(connection.identity.userId, event);
    // The actor's own answer, beside the snapshot every member gets: it says this action succeeded.
    if (state) connection.send({ type: 'room.state', ...(event.ref ? { ref: event.ref } : {}), state });
  });

  gateway.on('room.chat', async (connection, event) => {
    await rooms.chat(connection.identity.userId, event.roomId, event.clientId, event.text);
  });

  registerSignalling(gateway, media);

  gateway.on('room.sync', async (connection, event) => {
    const replay = await rooms.replay(connection.identity.userId, event.roomId, event.afterSeq);
    for (const message of replay.messages) connection.send({ type: 'room.message', message });
    connection.send({
      type: 'room.synced',
      ...(event.ref ? { ref: event.ref } : {}),
      roomId: event.roomId,
      lastSeq: replay.lastSeq,
      more: replay.more,
    });
  });

  return unsubscribe;
}

/** Kept apart so the signalling handler reads as one thing: an offer in, an answer and ICE servers out. */
function registerSignalling(gateway: Gateway, media: RoomMedia): void {
  gateway.on('room.signal', async (connection, event) => {
    const { answerSdp, iceServers } = await media.signal(connection.identity.userId, event.roomId, event.offerSdp);
    connection.send({
      type: 'room.signal',
      ...(event.ref ? { ref: event.ref } : {}),
      roomId: event.roomId,
      answerSdp,
      iceServers,
    });
  });
}
