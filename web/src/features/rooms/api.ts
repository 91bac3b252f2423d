/** Live rooms over HTTP: discovery, creation and one room's summary. Everything live goes over the socket. */
import {
  RoomListViewSchema,
  RoomSummaryViewSchema,
  type CreateRoomInput,
  type RoomSummaryView,
} from '@airtalk/contracts';
import { requestJson } from '../../lib';
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

/** 404 for a room that never existed. */
export function fetchRoom(roomId: string, signal?: AbortSignal): Promise<RoomSummaryView> {
  return requestJson(`/api/v1/rooms/${encodeURIComponent(roomId)}`, RoomSummaryViewSchema, signal ? { signal } : {});
}
