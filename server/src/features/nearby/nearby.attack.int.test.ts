/**
 * The stalker, played as well as we can: the proof that people nearby cannot be used to find
 * where someone is.
 *
 * Five attacker accounts, each behind its own client address (X-Forwarded-For from a trusted
 * proxy), with no quota limits at all (a stronger attacker than the product allows), move through
 * about 200 spoofed positions per victim, always within the 300 km/h rule. They binary-search the
 * edge where the victim passes from "10–50 km" to "50+ km" along many rays: far from the victim,
 * so every probe falls into a different offset area of the attacker's own and their own offsets
 * average out. A circle fitted through the edge points recovers the victim's stored cell, which the
 * attacker then snaps to the H3 grid, as someone who knows the design would.
 *
 * Against a model of snapping alone (no offset) the same attacker finds people to within about
 * 300 m; against the real API the per-person offset keeps them at least several hundred metres off.
 */
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistanceBand } from '@airtalk/contracts';
import { defaultRateLimits, type RateLimits } from '../../config/config.js';
import { newAccount, startTestApp, type TestApp, type TestBrowser } from '../../../test/test-app.js';
import {
  bandOfKm,
  CELL_RESOLUTION,
  cellCentre,
  cellsOf,
  centreDistanceKm,
  destination,
  distanceKm,
  type LatLng,
} from './nearby.geo.js';

const PROXY_ADDRESS = '10.9.9.9';
const ATTACKERS = 5;
const VICTIMS = 5;
const RAYS = 22;
const STEPS_PER_RAY = 9;
/** The band edge the attacker traces: "10–50 km" below, "50+ km" above. */
const EDGE_KM = 50;
const SPEED_LIMIT_KMH = 300;

/** Who answers the attacker's probes: the real API, or a model of the design. */
interface Oracle {
  /** The victim's band as attacker `attacker` sees it while standing at `at`. */
  bandOfVictim(attacker: number, at: LatLng): Promise<DistanceBand | null>;
}

/** A small deterministic generator, so the victims and the attacker's guesses repeat. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Least-squares circle through points (Kåsa's fit) in a local plane around `origin`. */
function fitCircleCentre(points: LatLng[], origin: LatLng): LatLng {
  const kmPerDegreeLat = 111.32;
  const kmPerDegreeLng = 111.32 * Math.cos((origin.lat * Math.PI) / 180);
  const xy = points.map((point) => [
    (point.lng - origin.lng) * kmPerDegreeLng,
    (point.lat - origin.lat) * kmPerDegreeLat,
  ]);
  // Solve [x y 1] · [a b c] = x² + y² for the centre (a/2, b/2).
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const v = [0, 0, 0];
  for (const [x, y] of xy as [number, number][]) {
    const row = [x, y, 1];
    const target = x * x + y * y;
    for (let i = 0; i < 3; i += 1) {
      for (let j = 0; j < 3; j += 1) m[i]![j]! += row[i]! * row[j]!;
      v[i]! += row[i]! * target;
    }
  }
  const [a, b] = solve3(m, v);
  return { lat: origin.lat + b / 2 / kmPerDegreeLat, lng: origin.lng + a / 2 / kmPerDegreeLng };
}

function solve3(matrix: number[][], vector: number[]): [number, number, number] {
  const a = matrix.map((row, index) => [...row, vector[index]!]);
  for (let column = 0; column < 3; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < 3; row += 1) {
      if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
    }
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    for (let row = 0; row < 3; row += 1) {
      if (row === column) continue;
      const factor = a[row]![column]! / a[column]![column]!;
      for (let k = column; k < 4; k += 1) a[row]![k]! -= factor * a[column]![k]!;
    }
  }
  return [a[0]![3]! / a[0]![0]!, a[1]![3]! / a[1]![1]!, a[2]![3]! / a[2]![2]!];
}

/**
 * The attack on one victim, given a rough idea of where they are (`prior`, within a few km).
 * Returns the attacker's estimate and how many positions it used.
 */
async function locate(oracle: Oracle, prior: LatLng): Promise<{ estimate: LatLng; probes: number }> {
  const edgePoints: LatLng[] = [];
  let probes = 0;
  for (let ray = 0; ray < RAYS; ray += 1) {
    const bearing = (2 * Math.PI * ray) / RAYS;
    let insideKm = EDGE_KM - 6;
    let outsideKm = EDGE_KM + 6;
    for (let step = 0; step < STEPS_PER_RAY; step += 1) {
      const middleKm = (insideKm + outsideKm) / 2;
      const band = await oracle.bandOfVictim(probes % ATTACKERS, destination(prior, bearing, middleKm * 1000));
      probes += 1;
      if (band === '50km_plus' || band === null) outsideKm = middleKm;
      else insideKm = middleKm;
    }
    edgePoints.push(destination(prior, bearing, ((insideKm + outsideKm) / 2) * 1000));
  }
  const fitted = fitCircleCentre(edgePoints, prior);
  // The stored cell is an H3 cell: its centre is the best guess at its contents.
  return { estimate: cellCentre(latLngToCell(fitted.lat, fitted.lng, CELL_RESOLUTION)), probes };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Victims in one city, each with the rough area an attacker might know (a few km off). */
function victimsAndPriors(random: () => number): { truth: LatLng; prior: LatLng }[] {
  const city = { lat: 31.2304, lng: 121.4737 };
  return Array.from({ length: VICTIMS }, () => {
    const truth = destination(city, random() * 2 * Math.PI, random() * 15_000);
    return { truth, prior: destination(truth, random() * 2 * Math.PI, 1_000 + random() * 2_000) };
  });
}

describe('the trilateration attacker', () => {
  it('finds people to within about 300 m against snapping alone (a model without the offset)', async () => {
    const random = seededRandom(2014);
    const errorsMetres: number[] = [];
    for (const { truth, prior } of victimsAndPriors(random)) {
      const victimCell = cellsOf(truth).cell_r8;
      const snappingOnly: Oracle = {
        bandOfVictim: (_attacker, at) => Promise.resolve(bandOfKm(centreDistanceKm(cellsOf(at).cell_r8, victimCell))),
      };
      const { estimate } = await locate(snappingOnly, prior);
      errorsMetres.push(Math.round(distanceKm(estimate, truth) * 1000));
    }
    process.stdout.write(`attacker vs snapping alone: errors ${errorsMetres.join(', ')} m\n`);
    expect(median(errorsMetres)).toBeLessThan(450);
  });

  describe('against the API', () => {
    let t: TestApp;
    const unlimited: RateLimits = Object.fromEntries(
      Object.entries(defaultRateLimits).map(([name, rule]) => [name, { ...rule, points: 1_000_000 }]),
    ) as unknown as RateLimits;

    beforeAll(async () => {
      t = await startTestApp({ config: { trustProxy: [PROXY_ADDRESS], rateLimits: unlimited } });
    });
    afterAll(async () => {
      await t.close();
    });

    async function signUp(
      clientAddress: string,
    ): Promise<{ browser: TestBrowser; id: string; headers: Record<string, string> }> {
      const browser = t.browser({ ip: PROXY_ADDRESS });
      const headers = { 'x-forwarded-for': clientAddress };
      const me = (await browser.post('/api/v1/auth/register', newAccount(), headers)).json();
      expect((await browser.put('/api/v1/me/consents/location', { granted: true }, headers)).statusCode).toBe(200);
      return { browser, id: me.id as string, headers };
    }

    it('is kept at least 500 m off in the median and 250 m at best, over five victims', async () => {
      const random = seededRandom(2014);
      const attackers = await Promise.all(
        Array.from({ length: ATTACKERS }, (_, index) => signUp(`203.0.113.${index + 10}`)),
      );
      const lastPosition = new Map<number, LatLng>();

      async function moveTo(attacker: number, at: LatLng): Promise<void> {
        const { browser, headers } = attackers[attacker]!;
        const from = lastPosition.get(attacker);
        if (from) {
          // Wait as long as a real journey takes at the speed limit, plus the slack.
          t.clock.advance(Math.ceil((distanceKm(from, at) / SPEED_LIMIT_KMH) * 3_600_000) + 1_000);
        }
        const response = await browser.put('/api/v1/me/location', at, headers);
        expect(response.statusCode, response.body).toBe(200);
        lastPosition.set(attacker, at);
      }

      async function bandSeenBy(attacker: number, victimId: string): Promise<DistanceBand | null> {
        const { browser, headers } = attackers[attacker]!;
        let cursor: string | null = null;
        do {
          const query: string = cursor ? `?cursor=${cursor}` : '';
          const response = await browser.get(`/api/v1/nearby${query}`, headers);
          expect(response.statusCode, response.body).toBe(200);
          const page = response.json<{
            people: { userId: string; band: DistanceBand | null }[];
            nextCursor: string | null;
          }>();
          const victim = page.people.find((person) => person.userId === victimId);
          if (victim) return victim.band;
          cursor = page.nextCursor;
        } while (cursor);
        return null;
      }

      const errorsMetres: number[] = [];
      let totalProbes = 0;
      for (const [index, { truth, prior }] of victimsAndPriors(random).entries()) {
        const victim = await signUp(`198.51.100.${index + 10}`);
        expect((await victim.browser.put('/api/v1/me/location', truth, victim.headers)).statusCode).toBe(200);
        const api: Oracle = {
          bandOfVictim: async (attacker, at) => {
            await moveTo(attacker, at);
            return bandSeenBy(attacker, victim.id);
          },
        };
        const { estimate, probes } = await locate(api, prior);
        totalProbes += probes;
        errorsMetres.push(Math.round(distanceKm(estimate, truth) * 1000));
        await victim.browser.delete('/api/v1/me/location', victim.headers);
      }
      process.stdout.write(
        `attacker vs the API: ${totalProbes / VICTIMS} positions per victim, errors ${errorsMetres.join(', ')} m, median ${median(errorsMetres)} m\n`,
      );
      expect(median(errorsMetres)).toBeGreaterThanOrEqual(500);
      expect(Math.min(...errorsMetres)).toBeGreaterThanOrEqual(250);
    });
  });
});
