/**
 * People nearby: sharing a location (displaced, snapped, never stored as coordinates), the
 * settings, the banded and shuffled list, and chat-friend recommendations. ADR 0009 explains the
 * defence against trilateration; nearby.geo.ts holds the geometry.
 */
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import {
  cities,
  NEARBY_PAGE_SIZE,
  type DistanceBand,
  type NearbyQuery,
  type NearbySettings,
  type PutLocationInput,
} from '@airtalk/contracts';
import type { RateLimits } from '../../config/config.js';
import type { Clock } from '../../platform/clock.js';
import type { NearbyLocationRow, NearbySettingsRow } from '../../platform/db/schema.js';
import { AppError, validationFailed } from '../../platform/http/errors.js';
import { ipLimitKey, type Limiter, type LimiterFactory } from '../../platform/security/rate-limiter.js';
import type { AccountsService } from '../accounts/index.js';
import type { BlocksService } from '../blocks/index.js';
import { consentRequired, type ConsentsService } from '../consents/index.js';
import type { Profile, ProfilesService } from '../profiles/index.js';
import type { ReportsService } from '../reports/index.js';
import { centreDistanceKm, storedCellsFor } from './nearby.geo.js';
import { refusalToLook, refusalToShare, type NearbyRefusal } from './nearby.policy.js';
import type { NearbyFilters, NearbyStore } from './nearby.store.js';
import {
  CursorSchema,
  NearbyWalker,
  SHUFFLE_KEY_SPACE,
  type Cursor,
  type WalkCandidate,
  type WalkResult,
} from './nearby.walk.js';

export const MAX_SPEED_KMH = 300;
/**
 * Two honest updates can differ by more than the distance travelled: each is snapped to a cell
 * (up to about 0.6 km each) and the offset changes when a person crosses into another area
 * (up to about 2.1 km). Within this slack a move is never refused.
 */
export const MOVE_TOLERANCE_KM = 3.5;
export const ONLINE_WINDOW_MS = 10 * 60 * 1000;
const NEW_ACCOUNT_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_INTERVAL_MS = 60 * 1000;
const RECOMMENDATION_POOL = 150;
const RECOMMENDATION_COUNT = 20;
/** Nearer is better; "in your area" (distance hidden) scores like 5–10 km. */
const bandScores: Record<DistanceBand, number> = {
  lt1km: 40,
  '1to5km': 30,
  '5to10km': 20,
  '10to50km': 10,
  '50km_plus': 0,
};

export interface NearbyPerson {
  profile: Profile;
  /** null: the person hides their distance and is in the viewer's area. */
  band: DistanceBand | null;
  online: boolean;
  lastActiveAtMs: number;
  /** The viewer's interests this person shares, in this person's words. */
  sharedInterests: string[];
}

export interface NearbyPage {
  people: NearbyPerson[];
  nextCursor: string | null;
}

export type Reason =
  | { kind: 'sharedInterests'; count: number; interests: string[] }
  | { kind: 'sharedLanguages'; count: number; languages: string[] }
  | { kind: 'distance'; band: DistanceBand }
  | { kind: 'inYourArea' }
  | { kind: 'recentlyActive' };

export interface Recommendation extends NearbyPerson {
  reasons: Reason[];
  score: number;
}

export interface MyLocation {
  shared: boolean;
  source: 'device' | 'city' | null;
  cityId: string | null;
  updatedAtMs: number | null;
}

export interface NearbyServiceDeps {
  store: NearbyStore;
  consents: ConsentsService;
  accounts: AccountsService;
  profiles: ProfilesService;
  blocks: BlocksService;
  reports: ReportsService;
  clock: Clock;
  limiterFactory: LimiterFactory;
  rateLimits: RateLimits;
  /** The people a user already has a conversation with; chat provides it. */
  talkedWith: (userId: string) => Promise<ReadonlySet<string>>;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw validationFailed({ cursor: 'field.invalid' });
  }
}

function refusal(code: NearbyRefusal): AppError {
  switch (code) {
    case 'CONSENT_REQUIRED':
      return consentRequired('location');
    case 'ACCOUNT_UNDER_REVIEW':
      return new AppError(code, 403, 'People nearby is paused while your account is under review.');
    case 'NEARBY_HIDDEN':
      return new AppError(code, 409, 'Turn on "Show me in nearby" first: people nearby works both ways.');
    case 'LOCATION_REQUIRED':
      return new AppError(code, 409, 'Share your location or pick a city first.');
  }
}

/** A date `years` before `today` (YYYY-MM-DD), for age filters on birth dates. */
function yearsBefore(today: string, years: number): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year - years, month - 1, day));
  return shifted.toISOString().slice(0, 10);
}

function lowerTags(tags: readonly string[]): string[] {
  return tags.map((tag) => tag.toLowerCase());
}

function profileCopy(profile: Profile): Pick<NearbyLocationRow, 'birth_date' | 'gender' | 'interests'> {
  return {
    birth_date: profile.birthDate,
    gender: profile.gender,
    interests: JSON.stringify(lowerTags(profile.interests)),
  };
}

export class NearbyService {
  private readonly limits: Record<
    'updatesPerUser' | 'updatesPerNewUser' | 'updatesPerIp' | 'queriesPerUser' | 'queriesPerNewUser' | 'queriesPerIp',
    Limiter
  >;
  private readonly walker: NearbyWalker;

  constructor(private readonly deps: NearbyServiceDeps) {
    this.walker = new NearbyWalker(deps.store);
    const { limiterFactory, rateLimits } = deps;
    this.limits = {
      updatesPerUser: limiterFactory('location-user', rateLimits.locationUpdatesPerUser),
      updatesPerNewUser: limiterFactory('location-new-user', rateLimits.locationUpdatesPerNewUser),
      updatesPerIp: limiterFactory('location-ip', rateLimits.locationUpdatesPerIp),
      queriesPerUser: limiterFactory('nearby-user', rateLimits.nearbyQueriesPerUser),
      queriesPerNewUser: limiterFactory('nearby-new-user', rateLimits.nearbyQueriesPerNewUser),
      queriesPerIp: limiterFactory('nearby-ip', rateLimits.nearbyQueriesPerIp),
    };
  }

  /** What a withdrawal of the location consent, hiding, or a review does: the location is gone. */
  async forgetLocation(userId: string): Promise<void> {
    await this.deps.store.deleteLocation(userId);
  }

  /** Keeps the filter copies in step when someone edits their profile. */
  async profileChanged(profile: Profile): Promise<void> {
    await this.deps.store.updateProfileCopy(profile.userId, profileCopy(profile));
  }

  async settings(userId: string): Promise<NearbySettingsRow> {
    const existing = await this.deps.store.findSettings(userId);
    if (existing) return existing;
    return this.deps.store.ensureSettings({
      user_id: userId,
      show_in_nearby: 1,
      hide_distance: 0,
      offset_secret: randomBytes(32).toString('base64'),
      shuffle_key: randomInt(0, SHUFFLE_KEY_SPACE),
      updated_at: this.deps.clock.nowMs(),
    });
  }

  async updateSettings(userId: string, input: NearbySettings): Promise<NearbySettingsRow> {
    await this.settings(userId);
    await this.deps.store.updateSettings(userId, input.showInNearby, input.hideDistance, this.deps.clock.nowMs());
    if (!input.showInNearby) await this.forgetLocation(userId);
    return this.settings(userId);
  }

  async myLocation(userId: string): Promise<MyLocation> {
    const row = await this.deps.store.findLocation(userId);
    return {
      shared: row !== undefined,
      source: row?.source ?? null,
      cityId: row?.city_id ?? null,
      updatedAtMs: row?.updated_at ?? null,
    };
  }

  async putLocation(userId: string, input: PutLocationInput, ip: string): Promise<MyLocation> {
    const settings = await this.settings(userId);
    const denied = refusalToShare({
      locationConsent: await this.deps.consents.isGranted(userId, 'location'),
      underReview: await this.deps.reports.isUnderReview(userId),
      showInNearby: settings.show_in_nearby === 1,
    });
    if (denied) throw refusal(denied);
    await this.consume(userId, ip, 'updates');

    const point = 'cityId' in input ? cities[input.cityId] : input;
    const cells = storedCellsFor(point, Buffer.from(settings.offset_secret, 'base64'));
    const nowMs = this.deps.clock.nowMs();
    const previous = await this.deps.store.findLocation(userId);
    if (previous) {
      const hours = Math.max(0, nowMs - previous.updated_at) / 3_600_000;
      const movedKm = centreDistanceKm(previous.cell_r8, cells.cell_r8);
      if (movedKm > MAX_SPEED_KMH * hours + MOVE_TOLERANCE_KM) {
        throw new AppError(
          'IMPOSSIBLE_MOVE',
          422,
          'That is further than anyone can travel since your last update. Try again later.',
        );
      }
    }
    const profile = await this.deps.profiles.getOwn(userId);
    await this.deps.store.saveLocation({
      user_id: userId,
      ...cells,
      source: 'cityId' in input ? 'city' : 'device',
      city_id: 'cityId' in input ? input.cityId : null,
      shuffle_key: settings.shuffle_key,
      hide_distance: settings.hide_distance,
      ...profileCopy(profile),
      updated_at: nowMs,
      last_active_at: nowMs,
    });
    return this.myLocation(userId);
  }

  async nearby(userId: string, query: NearbyQuery, ip: string): Promise<NearbyPage> {
    const own = await this.lookingFrom(userId, ip);
    const limit = query.limit ?? NEARBY_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const found = await this.walk(userId, own, this.filtersFor(query), query.maxBand, cursor, limit);
    return {
      people: (await this.withProfiles(userId, found.candidates)).people,
      nextCursor: found.next ? encodeCursor(found.next) : null,
    };
  }

  async recommendations(userId: string, ip: string): Promise<Recommendation[]> {
    const own = await this.lookingFrom(userId, ip);
    const found = await this.walk(userId, own, {}, '10to50km', null, RECOMMENDATION_POOL);
    const talked = await this.deps.talkedWith(userId);
    const fresh = found.candidates.filter((candidate) => !talked.has(candidate.row.user_id));
    const { viewer: me, people } = await this.withProfiles(userId, fresh);
    const nowMs = this.deps.clock.nowMs();
    const order = new Map(fresh.map((candidate, index) => [candidate.row.user_id, index]));
    return people
      .map((person) => this.recommend(person, me, nowMs))
      .sort((a, b) => b.score - a.score || (order.get(a.profile.userId) ?? 0) - (order.get(b.profile.userId) ?? 0))
      .slice(0, RECOMMENDATION_COUNT);
  }

  private recommend(person: NearbyPerson, me: Profile | undefined, nowMs: number): Recommendation {
    const interests = person.sharedInterests;
    const myLanguages = new Set(me?.languages ?? []);
    const languages = person.profile.languages.filter((language) => myLanguages.has(language));
    const idleMs = nowMs - person.lastActiveAtMs;
    const recentlyActive = idleMs < 24 * 60 * 60 * 1000;
    const bandScore = person.band === null ? 20 : bandScores[person.band];
    const recencyScore = idleMs < 60 * 60 * 1000 ? 15 : recentlyActive ? 8 : idleMs < 7 * 86_400_000 ? 3 : 0;
    const reasons: Reason[] = [];
    if (interests.length > 0) reasons.push({ kind: 'sharedInterests', count: interests.length, interests });
    if (languages.length > 0) reasons.push({ kind: 'sharedLanguages', count: languages.length, languages });
    reasons.push(person.band === null ? { kind: 'inYourArea' } : { kind: 'distance', band: person.band });
    if (recentlyActive) reasons.push({ kind: 'recentlyActive' });
    return {
      ...person,
      reasons,
      score: bandScore + 12 * interests.length + 8 * languages.length + recencyScore,
    };
  }

  /** The checks before looking, and the viewer's own stored location. */
  private async lookingFrom(userId: string, ip: string): Promise<NearbyLocationRow & { order: number }> {
    const settings = await this.settings(userId);
    const own = await this.deps.store.findLocation(userId);
    const denied = refusalToLook({
      locationConsent: await this.deps.consents.isGranted(userId, 'location'),
      underReview: await this.deps.reports.isUnderReview(userId),
      showInNearby: settings.show_in_nearby === 1,
      hasLocation: own !== undefined,
    });
    if (denied || !own) throw refusal(denied ?? 'LOCATION_REQUIRED');
    await this.consume(userId, ip, 'queries');
    const nowMs = this.deps.clock.nowMs();
    if (nowMs - own.last_active_at > TOUCH_INTERVAL_MS) await this.deps.store.touch(userId, nowMs);
    // Where this viewer's walk through the shared random order starts: fixed for the viewer.
    const digest = createHmac('sha256', Buffer.from(settings.offset_secret, 'base64')).update('order').digest();
    return { ...own, order: digest.readUInt32BE(0) % SHUFFLE_KEY_SPACE };
  }

  private async consume(userId: string, ip: string, kind: 'updates' | 'queries'): Promise<void> {
    const user = await this.deps.accounts.getUser(userId);
    const isNew = this.deps.clock.nowMs() - user.created_at < NEW_ACCOUNT_MS;
    await this.limits[`${kind}PerIp`].consume(ipLimitKey(ip));
    await this.limits[`${kind}PerUser`].consume(userId);
    if (isNew) await this.limits[`${kind}PerNewUser`].consume(userId);
  }

  private filtersFor(query: NearbyQuery): NearbyFilters {
    const today = new Date(this.deps.clock.nowMs()).toISOString().slice(0, 10);
    const filters: NearbyFilters = {};
    if (query.ageMin !== undefined) filters.bornOnOrBefore = yearsBefore(today, query.ageMin);
    if (query.ageMax !== undefined) filters.bornAfter = yearsBefore(today, query.ageMax + 1);
    if (query.gender) filters.gender = query.gender;
    if (query.interest) filters.interest = query.interest.toLowerCase();
    if (query.onlineOnly) filters.activeSinceMs = this.deps.clock.nowMs() - ONLINE_WINDOW_MS;
    return filters;
  }

  private async walk(
    viewerId: string,
    own: NearbyLocationRow & { order: number },
    filters: NearbyFilters,
    maxBand: DistanceBand | undefined,
    cursor: Cursor | null,
    limit: number,
  ): Promise<WalkResult> {
    return this.walker.walk({
      viewerId,
      viewerCell: own.cell_r8,
      order: own.order,
      filters,
      maxBand,
      cursor,
      limit,
      blocked: await this.deps.blocks.blockedEitherWay(viewerId),
    });
  }

  /** The candidates with their profiles, and the viewer's own profile, read together. */
  private async withProfiles(
    viewerId: string,
    candidates: WalkCandidate[],
  ): Promise<{ viewer: Profile | undefined; people: NearbyPerson[] }> {
    const profiles = await this.deps.profiles.getMany([
      viewerId,
      ...candidates.map((candidate) => candidate.row.user_id),
    ]);
    const byId = new Map(profiles.map((profile) => [profile.userId, profile]));
    const viewer = byId.get(viewerId);
    const mine = new Set(lowerTags(viewer?.interests ?? []));
    const nowMs = this.deps.clock.nowMs();
    const people = candidates.flatMap((candidate) => {
      const profile = byId.get(candidate.row.user_id);
      if (!profile) return [];
      return [
        {
          profile,
          band: candidate.band,
          online: nowMs - candidate.row.last_active_at < ONLINE_WINDOW_MS,
          lastActiveAtMs: candidate.row.last_active_at,
          sharedInterests: profile.interests.filter((tag) => mine.has(tag.toLowerCase())),
        },
      ];
    });
    return { viewer, people };
  }
}
