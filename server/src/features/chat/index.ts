/**
 * 1:1 chat: conversations, messages with gapless sequence numbers, receipts, typing, recall,
 * private chat media, and its events on the WebSocket gateway.
 */
export { ChatService, userTopic } from './chat.service.js';
export type { ChatServiceDeps } from './chat.service.js';
export { ChatStore } from './chat.store.js';
export { registerChatRoutes } from './chat.routes.js';
export { registerChatGateway } from './chat.gateway.js';
export { registerChatPrivacy } from './chat.privacy.js';
