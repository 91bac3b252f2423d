/** Where rooms live in the app. */
export const ROOMS_PATH = '/rooms';
export const NEW_ROOM_PATH = '/rooms/new';

export function roomPath(roomId: string): string {
  return `/rooms/${encodeURIComponent(roomId)}`;
}
