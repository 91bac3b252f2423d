/** Room discovery filters, kept in the address (so a filtered list can be shared and survives a reload). */
import { ROOM_TAG_MAX_LENGTH, roomLanguages, roomSorts, type RoomLanguage } from '@airtalk/contracts';

export type RoomSort = (typeof roomSorts)[number];

export interface RoomFilters {
  sort: RoomSort;
  language: RoomLanguage | null;
  tag: string | null;
}

export const ROOM_LIST_LIMIT = 30;

export const noRoomFilters: RoomFilters = { sort: 'popular', language: null, tag: null };

/** A tag as typed: trimmed, without a leading #, within the contract's length; empty is no tag. */
export function tidyTag(text: string): string | null {
  const tag = text.trim().replace(/^#+/, '').trim().slice(0, ROOM_TAG_MAX_LENGTH);
  return tag === '' ? null : tag;
}

export function roomFiltersFromSearch(search: URLSearchParams): RoomFilters {
  const sort = roomSorts.find((one) => one === search.get('sort')) ?? 'popular';
  const language = roomLanguages.find((one) => one === search.get('language')) ?? null;
  return { sort, language, tag: tidyTag(search.get('tag') ?? '') };
}

/** Only what differs from the defaults goes into the address. */
export function roomFiltersToSearch(filters: RoomFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.sort !== 'popular') search.set('sort', filters.sort);
  if (filters.language !== null) search.set('language', filters.language);
  if (filters.tag !== null) search.set('tag', filters.tag);
  return search;
}

export function roomListQueryString(filters: RoomFilters): string {
  const search = new URLSearchParams({ sort: filters.sort, limit: String(ROOM_LIST_LIMIT) });
  if (filters.language !== null) search.set('language', filters.language);
  if (filters.tag !== null) search.set('tag', filters.tag);
  return search.toString();
}

/** Tags typed in one box, split on commas (either kind), spaces kept inside a tag, duplicates dropped. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(/[,，、]/)) {
    const tag = tidyTag(part);
    if (tag !== null && !tags.some((known) => known.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  return tags;
}
