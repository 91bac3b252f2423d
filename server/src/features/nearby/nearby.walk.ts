/**
 * The nearby order, walked page by page: group by group (bands nearest first, "in your area"
 * after 10 km), and inside a group by shuffle key, rotated to start at a point fixed for the
 * viewer. Keys are random, so the order says nothing about distance. It depends on the store
 * alone, so the benchmark measures exactly what the API runs.
 */
import { distanceBands, type DistanceBand } from '@airtalk/contracts';
import { z } from 'zod';
import {
  bandOfKm,
  cellCentre,
  coveringCells,
  distanceKm,
  inGroup,
  queryGroups,
  type QueryGroup,
} from './nearby.geo.js';
import { mayList } from './nearby.policy.js';
import type { NearbyCandidateRow, NearbyFilters, NearbyStore } from './nearby.store.js';

/** Shuffle keys are 31-bit, so they fit an INTEGER column everywhere. */
export const SHUFFLE_KEY_SPACE = 2 ** 31;

/** Where a page ends: group, key segment, and the last (key, user) pair returned. */
export const CursorSchema = z.tuple([
  z
    .number()
    .int()
    .min(0)
    .max(queryGroups.length - 1),
  z.union([z.literal(0), z.literal(1)]),
  z
    .number()
    .int()
    .min(0)
    .max(SHUFFLE_KEY_SPACE - 1),
  z.string().min(1).max(64),
]);
export type Cursor = z.infer<typeof CursorSchema>;

export interface WalkRequest {
  viewerId: string;
  viewerCell: string;
  /** Where this viewer's walk through the shared random order starts. */
  order: number;
  filters: NearbyFilters;
  maxBand: DistanceBand | undefined;
  cursor: Cursor | null;
  limit: number;
  blocked: ReadonlySet<string>;
}

export interface WalkCandidate {
  row: NearbyCandidateRow;
  /** null: in the viewer's area, distance hidden. */
  band: DistanceBand | null;
}

export interface WalkResult {
  candidates: WalkCandidate[];
  next: Cursor | null;
}

export class NearbyWalker {
  private readonly groupCells = new Map<string, string[]>();

  constructor(private readonly store: NearbyStore) {}

  async walk(request: WalkRequest): Promise<WalkResult> {
    const { viewerId, viewerCell, order, filters, maxBand, cursor, limit, blocked } = request;
    const lastBand = distanceBands.indexOf(maxBand ?? '50km_plus');
    const viewerCentre = cellCentre(viewerCell);
    // A page's people come from a handful of cells: each distance is worked out once.
    const distances = new Map<string, number>();
    const candidates: WalkCandidate[] = [];
    const segments = [
      { segment: 0, keyFrom: order, keyTo: null },
      { segment: 1, keyFrom: 0, keyTo: order },
    ] as const;
    for (const [groupIndex, group] of queryGroups.entries()) {
      if ((cursor && groupIndex < cursor[0]) || !this.groupWithin(group, lastBand)) continue;
      const cells = this.cellsFor(viewerCell, group, groupIndex);
      for (const { segment, keyFrom, keyTo } of segments) {
        const resumesHere = cursor !== null && cursor[0] === groupIndex;
        if (resumesHere && segment < cursor[1]) continue;
        let after = resumesHere && cursor[1] === segment ? { key: cursor[2], userId: cursor[3] } : null;
        for (;;) {
          const wanted = limit - candidates.length;
          // Coarse covers hold people of other bands too; read ahead so one query usually suffices.
          const batch = group.column === 'cell_r8' ? wanted : Math.max(3 * wanted, 60);
          const rows = await this.store.scan({
            column: group.column,
            cells,
            hideDistance: group.hideDistance,
            keyFrom,
            keyTo,
            after,
            filters,
            limit: batch,
          });
          for (const row of rows) {
            if (!mayList(viewerId, row.user_id, blocked)) continue;
            // Resolution-8 covers are exact (every cell's centre is in the band); coarse covers
            // are generous, so each person's own cell is checked.
            let band = group.band;
            if (row.cell_r8 !== undefined) {
              let km = distances.get(row.cell_r8);
              if (km === undefined) {
                km = distanceKm(viewerCentre, cellCentre(row.cell_r8));
                distances.set(row.cell_r8, km);
              }
              if (!inGroup(group, km)) continue;
              band = group.band === null ? null : bandOfKm(km);
            }
            candidates.push({ row, band });
            if (candidates.length === limit) {
              return { candidates, next: [groupIndex, segment, row.shuffle_key, row.user_id] };
            }
          }
          const last = rows.at(-1);
          if (!last || rows.length < batch) break;
          after = { key: last.shuffle_key, userId: last.user_id };
        }
      }
    }
    return { candidates, next: null };
  }

  private groupWithin(group: QueryGroup, lastBand: number): boolean {
    // People who hide their distance are only known to be within 10 km; a narrower filter would
    // reveal more, so they are listed only when the filter reaches 5–10 km.
    const band = group.band ?? '5to10km';
    return distanceBands.indexOf(band) <= lastBand;
  }

  private cellsFor(viewerCell: string, group: QueryGroup, groupIndex: number): string[] {
    const key = `${viewerCell}:${groupIndex}`;
    let cells = this.groupCells.get(key);
    if (!cells) {
      cells = coveringCells(viewerCell, group);
      if (this.groupCells.size > 10_000) this.groupCells.clear();
      this.groupCells.set(key, cells);
    }
    return cells;
  }
}
