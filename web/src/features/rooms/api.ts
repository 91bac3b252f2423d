/** Live rooms over HTTP: discovery, creation and one room's summary. Everything live goes over the socket. */
import {
  ROOM_COVER_FIELD,
  RoomListViewSchema,
  RoomSummaryViewSchema,
  type CreateRoomInput,
  type RoomSummaryView,
} from '@airtalk/contracts';
import { requestJson, uploadForm } from '../../lib';
import { roomListQueryString, type RoomFilters } from './filters';

export async function fetchRooms(filters: RoomFilters, signal?: AbortSignal): Promise<RoomSummaryView[]> {
  const list = await requestJson(
    `/api/v1/rooms?${roomListQueryString(filters)}`,
    RoomListViewSchema,
    signal ? { signal } : {},
  );
  return list.rooms;
}

/** 201 with the new room; 422 with field messages (contact details in the title, topic or tags among them). */
export function createRoom(input: CreateRoomInput): Promise<RoomSummaryView> {
  return requestJson('/api/v1/rooms', RoomSummaryViewSchema, { method: 'POST', body: input });
}

/** The owner's cover picture (re-encoded without metadata by the server); 413/415/422 as for photos. */
export function uploadRoomCover(roomId: string, file: File): Promise<RoomSummaryView> {
  const form = new FormData();
  form.append(ROOM_COVER_FIELD, file);
  return uploadForm(`/api/v1/rooms/${encodeURIComponent(roomId)}/cover`, form, RoomSummaryViewSchema);
}

/** 404 for a room that never existed. */
export function fetchRoom(roomId: string, signal?: AbortSignal): Promise<RoomSummaryView> {
  return requestJson(`/api/v1/rooms/${encodeURIComponent(roomId)}`, RoomSummaryViewSchema, signal ? { signal } : {});
}
