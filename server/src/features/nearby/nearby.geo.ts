/**
 * The geometry of people nearby, kept apart from storage so it can be tested and modelled alone.
 *
 * A shared point goes through two steps before anything is stored (ADR 0009):
 * 1. it is displaced by an offset that is random per person but stable per coarse area, so that
 *    an attacker who recovers where the stored cell is still does not know where the person is;
 * 2. the displaced point is snapped to an H3 cell of resolution 8 (about 1 km across).
 * Distances are then only ever measured between cell centres and told as a band.
 */
import { createHmac } from 'node:crypto';
import { distanceBands, type DistanceBand } from '@airtalk/contracts';
import { cellToLatLng, getHexagonEdgeLengthAvg, greatCircleDistance, gridDisk, latLngToCell } from 'h3-js';

export interface LatLng {
  lat: number;
  lng: number;
}

/** Resolution 8: cells of about 0.74 km², about 1 km from side to side. */
export const CELL_RESOLUTION = 8;
/** Resolution 5 (about 250 km²): the area within which a person's offset stays the same. */
export const OFFSET_AREA_RESOLUTION = 5;
export const OFFSET_MIN_METRES = 850;
export const OFFSET_MAX_METRES = 1050;
/** Beyond this nobody is "nearby"; the last band ends here. */
export const NEARBY_MAX_KM = 200;

const EARTH_RADIUS_METRES = 6_371_008.8;

export interface StoredCells {
  cell_r8: string;
  cell_r5: string;
  cell_r4: string;
  cell_r3: string;
}

/** The point `distanceMetres` away from `from` in direction `bearingRadians` (clockwise from north). */
export function destination(from: LatLng, bearingRadians: number, distanceMetres: number): LatLng {
  const angular = distanceMetres / EARTH_RADIUS_METRES;
  const lat1 = (from.lat * Math.PI) / 180;
  const lng1 = (from.lng * Math.PI) / 180;
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearingRadians),
  );
  const lng2 =
    lng1 +
    Math.atan2(
      Math.sin(bearingRadians) * Math.sin(angular) * Math.cos(lat1),
      Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2),
    );
  const lng = (((lng2 * 180) / Math.PI + 540) % 360) - 180;
  return { lat: (lat2 * 180) / Math.PI, lng };
}

export function distanceKm(a: LatLng, b: LatLng): number {
  return greatCircleDistance([a.lat, a.lng], [b.lat, b.lng], 'km');
}

/**
 * The person's offset for the area the point is in: direction and length come from an HMAC of
 * the area under the person's secret, so it never changes while they stay in the area, and many
 * queries cannot average it away.
 */
export function offsetFor(point: LatLng, secret: Buffer): { bearingRadians: number; metres: number } {
  const area = latLngToCell(point.lat, point.lng, OFFSET_AREA_RESOLUTION);
  const digest = createHmac('sha256', secret).update(area).digest();
  const unitBearing = digest.readUInt32BE(0) / 2 ** 32;
  const unitLength = digest.readUInt32BE(4) / 2 ** 32;
  return {
    bearingRadians: unitBearing * 2 * Math.PI,
    metres: OFFSET_MIN_METRES + unitLength * (OFFSET_MAX_METRES - OFFSET_MIN_METRES),
  };
}

export function displace(point: LatLng, secret: Buffer): LatLng {
  const offset = offsetFor(point, secret);
  return destination(point, offset.bearingRadians, offset.metres);
}

export function cellsOf(point: LatLng): StoredCells {
  const cell = latLngToCell(point.lat, point.lng, CELL_RESOLUTION);
  return {
    cell_r8: cell,
    cell_r5: latLngToCell(point.lat, point.lng, 5),
    cell_r4: latLngToCell(point.lat, point.lng, 4),
    cell_r3: latLngToCell(point.lat, point.lng, 3),
  };
}

/** Where a person is stored: displaced, then snapped. The only entry from coordinates to cells. */
export function storedCellsFor(point: LatLng, secret: Buffer): StoredCells {
  return cellsOf(displace(point, secret));
}

export function cellCentre(cell: string): LatLng {
  const [lat, lng] = cellToLatLng(cell);
  return { lat, lng };
}

export function centreDistanceKm(a: string, b: string): number {
  return distanceKm(cellCentre(a), cellCentre(b));
}

const bandUpperKm: Record<DistanceBand, number> = {
  lt1km: 1,
  '1to5km': 5,
  '5to10km': 10,
  '10to50km': 50,
  '50km_plus': NEARBY_MAX_KM,
};

/** The band of a distance between cell centres, or null when it is beyond nearby. */
export function bandOfKm(km: number): DistanceBand | null {
  for (const band of distanceBands) if (km < bandUpperKm[band]) return band;
  return null;
}

export type CellColumn = keyof StoredCells;

/**
 * One stretch of the nearby order: the people of one band (or, for those who hide their distance,
 * of the whole "your area"), found through the cells that cover it at one resolution.
 */
export interface QueryGroup {
  /** null for "in your area": people who hide their distance and are within `outerKm`. */
  band: DistanceBand | null;
  innerKm: number;
  outerKm: number;
  column: CellColumn;
  resolution: number;
  hideDistance: 0 | 1;
}

export const queryGroups: readonly QueryGroup[] = [
  { band: 'lt1km', innerKm: 0, outerKm: 1, column: 'cell_r8', resolution: 8, hideDistance: 0 },
  { band: '1to5km', innerKm: 1, outerKm: 5, column: 'cell_r5', resolution: 5, hideDistance: 0 },
  { band: '5to10km', innerKm: 5, outerKm: 10, column: 'cell_r5', resolution: 5, hideDistance: 0 },
  { band: null, innerKm: 0, outerKm: 10, column: 'cell_r5', resolution: 5, hideDistance: 1 },
  { band: '10to50km', innerKm: 10, outerKm: 50, column: 'cell_r4', resolution: 4, hideDistance: 0 },
  { band: '50km_plus', innerKm: 50, outerKm: NEARBY_MAX_KM, column: 'cell_r3', resolution: 3, hideDistance: 0 },
];

/** Whether a person at `km` (centre to centre) belongs to the group. */
export function inGroup(group: QueryGroup, km: number): boolean {
  return km >= group.innerKm && km < group.outerKm;
}

/**
 * The cells of the group's resolution that may hold someone of the group, seen from `viewerCell`.
 * For resolution 8 this is exact (the cells whose centres are in the band); coarser covers are
 * generous and each row is checked again with `inGroup`.
 */
export function coveringCells(viewerCell: string, group: QueryGroup): string[] {
  const centre = cellCentre(viewerCell);
  if (group.resolution === CELL_RESOLUTION) {
    const rings = Math.ceil(group.outerKm / (Math.sqrt(3) * getHexagonEdgeLengthAvg(CELL_RESOLUTION, 'km'))) + 1;
    return gridDisk(viewerCell, rings).filter((cell) => inGroup(group, distanceKm(centre, cellCentre(cell))));
  }
  const edgeKm = getHexagonEdgeLengthAvg(group.resolution, 'km');
  // Cells vary in size across the globe; 1.5 average edges is more than any cell's reach.
  const reachKm = 1.5 * edgeKm + getHexagonEdgeLengthAvg(CELL_RESOLUTION, 'km');
  const rings = Math.ceil((group.outerKm + reachKm) / (Math.sqrt(3) * edgeKm)) + 1;
  const origin = latLngToCell(centre.lat, centre.lng, group.resolution);
  return gridDisk(origin, rings).filter((cell) => {
    const km = distanceKm(centre, cellCentre(cell));
    return km - reachKm < group.outerKm && km + reachKm >= group.innerKm;
  });
}
