/**
 * The geometry of people nearby: the offset, the bands, and that the covering cells never miss
 * anyone who belongs to a band.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandOfKm,
  cellCentre,
  cellsOf,
  coveringCells,
  destination,
  displace,
  distanceKm,
  inGroup,
  offsetFor,
  OFFSET_MAX_METRES,
  OFFSET_MIN_METRES,
  queryGroups,
  storedCellsFor,
} from './nearby.geo.js';

const SHANGHAI = { lat: 31.2304, lng: 121.4737 };

describe('the location offset', () => {
  it('is between its bounds, stable for one person in one area, and different between people', () => {
    const secret = randomBytes(32);
    const first = displace(SHANGHAI, secret);
    const metres = distanceKm(SHANGHAI, first) * 1000;
    expect(metres).toBeGreaterThanOrEqual(OFFSET_MIN_METRES - 1);
    expect(metres).toBeLessThanOrEqual(OFFSET_MAX_METRES + 1);
    const nearby = destination(SHANGHAI, 1, 50);
    expect(offsetFor(nearby, secret)).toEqual(offsetFor(SHANGHAI, secret));
    expect(offsetFor(SHANGHAI, randomBytes(32))).not.toEqual(offsetFor(SHANGHAI, secret));
  });

  it('keeps the stored cell at least 250 m from the true point, wherever the point is', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -60, max: 60, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (lat, lng, secretBytes) => {
          const point = { lat, lng };
          const stored = storedCellsFor(point, Buffer.from(secretBytes));
          return distanceKm(point, cellCentre(stored.cell_r8)) >= 0.25;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('bands', () => {
  it('cut at 1, 5, 10, 50 and 200 km', () => {
    expect([0, 0.99, 1, 4.99, 5, 9.99, 10, 49.9, 50, 199, 200].map(bandOfKm)).toEqual([
      'lt1km',
      'lt1km',
      '1to5km',
      '1to5km',
      '5to10km',
      '5to10km',
      '10to50km',
      '10to50km',
      '50km_plus',
      '50km_plus',
      null,
    ]);
  });
});

describe('covering cells', () => {
  it('hold every person whose cell centre is in the group, for every group', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 210_000, noNaN: true }),
        (lat, lng, bearing, metres) => {
          const viewer = cellsOf({ lat, lng });
          const other = cellsOf(destination({ lat, lng }, bearing, metres));
          const km = distanceKm(cellCentre(viewer.cell_r8), cellCentre(other.cell_r8));
          return queryGroups.every(
            (group) => !inGroup(group, km) || coveringCells(viewer.cell_r8, group).includes(other[group.column]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
