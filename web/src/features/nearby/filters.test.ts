import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  filtersFromSearch,
  filtersToSearch,
  nearbyQueryString,
  noFilters,
  orderedAges,
  tidyInterest,
  withoutFilter,
  type NearbyFilters,
} from './filters';

const every: NearbyFilters = {
  maxBand: '1to5km',
  ageMin: 25,
  ageMax: 35,
  gender: 'woman',
  onlineOnly: true,
  interest: 'hiking',
};

describe('nearbyQueryString', () => {
  it('asks for the first page with no filters', () => {
    expect(nearbyQueryString(noFilters, { limit: 24 })).toBe('limit=24');
  });

  it('writes every filter the API reads, then the page size and cursor', () => {
    expect(nearbyQueryString(every, { limit: 24, cursor: 'abc' })).toBe(
      'maxBand=1to5km&ageMin=25&ageMax=35&gender=woman&onlineOnly=true&interest=hiking&limit=24&cursor=abc',
    );
  });

  it('leaves out a null cursor and filters that are off', () => {
    expect(nearbyQueryString({ ...noFilters, onlineOnly: false, ageMax: 40 }, { limit: 10, cursor: null })).toBe(
      'ageMax=40&limit=10',
    );
  });

  it('encodes free tags', () => {
    expect(nearbyQueryString({ ...noFilters, interest: '黑胶 & jazz' }, { limit: 5 })).toBe(
      'interest=%E9%BB%91%E8%83%B6+%26+jazz&limit=5',
    );
  });

  it('puts an age range the right way round', () => {
    expect(nearbyQueryString({ ...noFilters, ageMin: 40, ageMax: 22 }, { limit: 5 })).toBe(
      'ageMin=22&ageMax=40&limit=5',
    );
  });

  it('treats the farthest band as no distance filter', () => {
    expect(nearbyQueryString({ ...noFilters, maxBand: '50km_plus' }, { limit: 5 })).toBe('limit=5');
  });
});

describe('filtersFromSearch', () => {
  it('reads what filtersToSearch wrote', () => {
    expect(filtersFromSearch(filtersToSearch(every))).toEqual(every);
    expect(filtersFromSearch(new URLSearchParams())).toEqual(noFilters);
  });

  it('drops values the API would refuse instead of failing', () => {
    const params = new URLSearchParams(
      'maxBand=moon&ageMin=12&ageMax=150&gender=robot&onlineOnly=yes&interest=' + 'x'.repeat(25),
    );
    expect(filtersFromSearch(params)).toEqual(noFilters);
  });

  it('refuses ages that are not whole numbers', () => {
    expect(filtersFromSearch(new URLSearchParams('ageMin=25.5&ageMax=3e1'))).toMatchObject({
      ageMin: null,
      ageMax: null,
    });
  });

  it('does not filter by "prefer not to say"', () => {
    expect(filtersFromSearch(new URLSearchParams('gender=prefer_not_to_say')).gender).toBeNull();
  });

  it('tidies the interest', () => {
    expect(filtersFromSearch(new URLSearchParams('interest=%23%20board%20%20games%20')).interest).toBe('board games');
  });

  it('always yields filters the contract accepts, whatever the address says', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('maxBand', 'ageMin', 'ageMax', 'gender', 'onlineOnly', 'interest', 'other'),
          fc.string(),
        ),
        (entries) => {
          const filters = filtersFromSearch(new URLSearchParams(entries));
          if (filters.ageMin !== null && filters.ageMax !== null) {
            expect(filters.ageMin).toBeLessThanOrEqual(filters.ageMax);
          }
          // Written back and read again, nothing changes.
          expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
        },
      ),
    );
  });
});

describe('orderedAges', () => {
  it('swaps a range given backwards and keeps open ends', () => {
    expect(orderedAges(40, 20)).toEqual([20, 40]);
    expect(orderedAges(20, 40)).toEqual([20, 40]);
    expect(orderedAges(null, 20)).toEqual([null, 20]);
    expect(orderedAges(40, null)).toEqual([40, null]);
  });
});

describe('tidyInterest', () => {
  it('trims, squeezes spaces and drops a leading hash', () => {
    expect(tidyInterest('  #Jazz   piano ')).toBe('Jazz piano');
    expect(tidyInterest('＃徒步')).toBe('徒步');
  });

  it('means no filter when blank or too long', () => {
    expect(tidyInterest('   ')).toBeNull();
    expect(tidyInterest(null)).toBeNull();
    expect(tidyInterest('a'.repeat(25))).toBeNull();
    expect(tidyInterest('a'.repeat(24))).toBe('a'.repeat(24));
  });
});

describe('activeFilterCount', () => {
  it('counts each filter once, an age range as one', () => {
    expect(activeFilterCount(noFilters)).toBe(0);
    expect(activeFilterCount(every)).toBe(5);
    expect(activeFilterCount({ ...noFilters, ageMin: 30 })).toBe(1);
    expect(activeFilterCount({ ...noFilters, maxBand: '50km_plus', interest: '  ' })).toBe(0);
  });
});

describe('withoutFilter', () => {
  it('removes exactly one filter', () => {
    expect(withoutFilter(every, 'age')).toEqual({ ...every, ageMin: null, ageMax: null });
    expect(withoutFilter(every, 'onlineOnly')).toEqual({ ...every, onlineOnly: false });
    expect(activeFilterCount(withoutFilter(every, 'interest'))).toBe(4);
  });
});
