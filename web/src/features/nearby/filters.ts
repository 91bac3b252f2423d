/**
 * The nearby list's filters as pure functions: read from the page address (anything odd is
 * dropped, never an error), written back to it, and turned into the API's query string. The
 * address holds only filters; the paging cursor belongs to one list, not to the page.
 */
import {
  distanceBands,
  genders,
  NEARBY_AGE_MAX,
  NEARBY_AGE_MIN,
  TAG_MAX_LENGTH,
  type DistanceBand,
  type Gender,
} from '@airtalk/contracts';

export interface NearbyFilters {
  /** The farthest band to include; null means any distance. */
  maxBand: DistanceBand | null;
  ageMin: number | null;
  ageMax: number | null;
  gender: Gender | null;
  onlineOnly: boolean;
  /** A curated interest id or a free tag, as stored on profiles. */
  interest: string | null;
}

export const noFilters: NearbyFilters = {
  maxBand: null,
  ageMin: null,
  ageMax: null,
  gender: null,
  onlineOnly: false,
  interest: null,
};

/** Bands a person can choose as the farthest; the last band means "any distance", so it is not offered. */
export const maxBandChoices = distanceBands.slice(0, -1) as readonly Exclude<DistanceBand, '50km_plus'>[];

/** Genders a person can look for; "prefer not to say" is a choice not to be sorted by it. */
export const genderChoices = genders.filter((gender) => gender !== 'prefer_not_to_say');

const isBand = (value: string): value is DistanceBand => (distanceBands as readonly string[]).includes(value);
const isGenderChoice = (value: string): value is Gender => (genderChoices as readonly string[]).includes(value);

function readAge(value: string | null): number | null {
  if (value === null || !/^\d{1,3}$/.test(value)) return null;
  const age = Number(value);
  return age >= NEARBY_AGE_MIN && age <= NEARBY_AGE_MAX ? age : null;
}

/** Spaces tidied and a leading "#" dropped; blank or too long means no interest filter. */
export function tidyInterest(value: string | null): string | null {
  if (value === null) return null;
  const tidy = value
    .replace(/^[\s#＃]+/u, '')
    .trim()
    .replace(/\s+/gu, ' ');
  return tidy === '' || tidy.length > TAG_MAX_LENGTH ? null : tidy;
}

/** Puts an age range the right way round, so "from 40 to 25" means 25 to 40. */
export function orderedAges(ageMin: number | null, ageMax: number | null): [number | null, number | null] {
  if (ageMin !== null && ageMax !== null && ageMin > ageMax) return [ageMax, ageMin];
  return [ageMin, ageMax];
}

/** Filters from the page address; values the API would refuse are left out. */
export function filtersFromSearch(params: URLSearchParams): NearbyFilters {
  const band = params.get('maxBand');
  const gender = params.get('gender');
  const [ageMin, ageMax] = orderedAges(readAge(params.get('ageMin')), readAge(params.get('ageMax')));
  return {
    // The farthest band includes everyone, so it is the same as no distance filter.
    maxBand: band !== null && isBand(band) && band !== '50km_plus' ? band : null,
    ageMin,
    ageMax,
    gender: gender !== null && isGenderChoice(gender) ? gender : null,
    onlineOnly: params.get('onlineOnly') === 'true',
    interest: tidyInterest(params.get('interest')),
  };
}

/** The filters that are set, in a fixed order, as the address and the API both read them. */
export function filtersToSearch(filters: NearbyFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.maxBand !== null && filters.maxBand !== '50km_plus') params.set('maxBand', filters.maxBand);
  const [ageMin, ageMax] = orderedAges(filters.ageMin, filters.ageMax);
  if (ageMin !== null) params.set('ageMin', String(ageMin));
  if (ageMax !== null) params.set('ageMax', String(ageMax));
  if (filters.gender !== null) params.set('gender', filters.gender);
  if (filters.onlineOnly) params.set('onlineOnly', 'true');
  const interest = tidyInterest(filters.interest);
  if (interest !== null) params.set('interest', interest);
  return params;
}

/** The query string for one page of the nearby list: the filters, then the page size and cursor. */
export function nearbyQueryString(filters: NearbyFilters, page: { limit: number; cursor?: string | null }): string {
  const params = filtersToSearch(filters);
  params.set('limit', String(page.limit));
  if (page.cursor) params.set('cursor', page.cursor);
  return params.toString();
}

/** How many filters are on, for the badge on the Filters button (an age range counts once). */
export function activeFilterCount(filters: NearbyFilters): number {
  const normal = filtersFromSearch(filtersToSearch(filters));
  return [
    normal.maxBand !== null,
    normal.ageMin !== null || normal.ageMax !== null,
    normal.gender !== null,
    normal.onlineOnly,
    normal.interest !== null,
  ].filter(Boolean).length;
}

export type FilterName = 'maxBand' | 'age' | 'gender' | 'onlineOnly' | 'interest';

/** The filters without one of them, for the chip that removes it. */
export function withoutFilter(filters: NearbyFilters, which: FilterName): NearbyFilters {
  switch (which) {
    case 'maxBand':
      return { ...filters, maxBand: null };
    case 'age':
      return { ...filters, ageMin: null, ageMax: null };
    case 'gender':
      return { ...filters, gender: null };
    case 'onlineOnly':
      return { ...filters, onlineOnly: false };
    case 'interest':
      return { ...filters, interest: null };
  }
}
