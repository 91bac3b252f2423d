/**
 * Live audio rooms: roles, seats, hands, mics, bans, room chat, discovery (ADR 0011).
 */
export { RoomsService, roomTopic } from './rooms.service.js';
export type { RoomsServiceDeps } from './rooms.service.js';
export { RoomsStore } from './rooms.store.js';
export { RoomMedia } from './rooms.media.js';
export { registerRoomRoutes } from './rooms.routes.js';
export { registerRoomsGateway } from './rooms.gateway.js';
export { registerRoomsPrivacy } from './rooms.privacy.js';
