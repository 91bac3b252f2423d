/**
 * Chat on the WebSocket gateway: a connection listens to its user's topic (every message, receipt
 * and typing event of their conversations, from any node), counts for presence, and may watch
 * other people's presence. Sends are answered with an ack carrying the stored message.
 */
import { AppError } from '../../platform/http/errors.js';
import type { Gateway } from '../../platform/realtime/gateway.js';
import type { BlocksService } from '../blocks/index.js';
import { presenceTopic, type PresenceService } from '../presence/index.js';
import { userTopic, type ChatService } from './chat.service.js';

export interface ChatGatewayDeps {
  gateway: Gateway;
  chat: ChatService;
  presence: PresenceService;
  blocks: BlocksService;
}

export function registerChatGateway({ gateway, chat, presence, blocks }: ChatGatewayDeps): void {
  gateway.onConnect(async (connection) => {
    await connection.join(userTopic(connection.identity.userId));
    await presence.connected(connection.identity.userId);
  });
  gateway.onDisconnect(async (connection) => {
    await presence.disconnected(connection.identity.userId);
  });

  gateway.on('send', async (connection, event) => {
    const { type: _type, ref, ...input } = event;
    const message = await chat.send(connection.identity.userId, input);
    connection.send({ type: 'ack', ...(ref ? { ref } : {}), clientId: input.clientId, message });
  });

  gateway.on('sync', async (connection, event) => {
    for (const [index, cursor] of event.cursors.entries()) {
      // One conversation the client may not read does not end the replay of the others.
      let replay;
      try {
        replay = await chat.replay(connection.identity.userId, cursor.conversationId, cursor.afterSeq);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        connection.send({
          type: 'error',
          ...(event.ref ? { ref: event.ref } : {}),
          code: error.code,
          message: error.message,
          fields: { [`cursors.${index}.conversationId`]: error.message },
        });
        continue;
      }
      for (const [position, message] of replay.messages.entries()) {
        connection.send({ type: 'message', message });
        // A batch of long messages can pass the connection's cap by itself: let it drain as it goes.
        if (position % 16 === 15) await connection.writable();
      }
      connection.send({
        type: 'synced',
        ...(event.ref ? { ref: event.ref } : {}),
        conversationId: cursor.conversationId,
        lastSeq: replay.lastSeq,
        more: replay.more,
      });
      await connection.writable();
    }
  });

  gateway.on('delivered', (connection, event) =>
    chat.receipt(connection.identity.userId, event.conversationId, 'delivered', event.seq),
  );
  gateway.on('read', (connection, event) =>
    chat.receipt(connection.identity.userId, event.conversationId, 'read', event.seq),
  );
  gateway.on('typing', (connection, event) =>
    chat.typing(connection.identity.userId, event.conversationId, event.active),
  );

  gateway.on('watchPresence', async (connection, event) => {
    // Presence is shown to the people one chats with (privacy policy, section 12), never across a block.
    const [blocked, peers] = await Promise.all([
      blocks.blockedEitherWay(connection.identity.userId),
      chat.talkedWith(connection.identity.userId),
    ]);
    const wanted = new Set(event.userIds.filter((userId) => peers.has(userId) && !blocked.has(userId)));
    for (const topic of [...connection.topics]) {
      if (topic.startsWith('presence:') && !wanted.has(topic.slice('presence:'.length))) connection.leave(topic);
    }
    for (const userId of wanted) await connection.join(presenceTopic(userId));
    const current = await presence.lookup([...wanted]);
    for (const view of current.values()) connection.send({ type: 'presence', ...view });
  });

  gateway.on('ping', (connection, event) => {
    connection.send({ type: 'pong', ...(event.ref ? { ref: event.ref } : {}) });
  });
}
