import { describe, expect, it } from 'vitest';
import { noRoomFilters, parseTags, roomFiltersFromSearch, roomFiltersToSearch, roomListQueryString } from './filters';

describe('room filters', () => {
  it('reads the address, ignoring what is not a known choice', () => {
    expect(roomFiltersFromSearch(new URLSearchParams('sort=new&language=yue&tag=%23music'))).toEqual({
      sort: 'new',
      language: 'yue',
      tag: 'music',
    });
    expect(roomFiltersFromSearch(new URLSearchParams('sort=loud&language=xx&tag=%20'))).toEqual(noRoomFilters);
  });

  it('writes only what differs from the defaults, and asks the server with everything', () => {
    expect(roomFiltersToSearch(noRoomFilters).toString()).toBe('');
    expect(roomFiltersToSearch({ sort: 'new', language: 'zh', tag: 'tea' }).toString()).toBe(
      'sort=new&language=zh&tag=tea',
    );
    expect(roomListQueryString(noRoomFilters)).toBe('sort=popular&limit=30');
  });

  it('splits tags on English and Chinese commas, without duplicates', () => {
    expect(parseTags('music, #Tea，music、 late night ,')).toEqual(['music', 'Tea', 'late night']);
  });
});
