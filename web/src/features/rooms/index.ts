/** Live audio rooms: discovery, creating a room, and the room itself (seats, chat, audio) on the chat's one socket. */
export { CreateRoomPage } from './CreateRoomPage';
export { ROOMS_PATH, roomPath } from './paths';
export { RoomRoute } from './RoomPage';
export { RoomsPage } from './RoomsPage';
