/**
 * People nearby as they leave the server: a band, never a distance, a cell or a coordinate.
 */
import type { MyLocationView, NearbyPersonView, NearbySettings, RecommendationView } from '@airtalk/contracts';
import type { NearbySettingsRow } from '../../platform/db/schema.js';
import { ageOf } from '../profiles/index.js';
import type { MyLocation, NearbyPerson, Recommendation } from './nearby.service.js';

export function presentNearbyPerson(person: NearbyPerson, nowMs: number): NearbyPersonView {
  const { profile } = person;
  return {
    userId: profile.userId,
    nickname: profile.nickname,
    age: ageOf(profile.birthDate, nowMs),
    gender: profile.gender,
    avatarUrl: profile.photos[0]?.url ?? null,
    band: person.band,
    sharedInterests: person.sharedInterests,
    online: person.online,
  };
}

export function presentRecommendation(recommendation: Recommendation, nowMs: number): RecommendationView {
  return { ...presentNearbyPerson(recommendation, nowMs), reasons: recommendation.reasons };
}

export function presentMyLocation(location: MyLocation): MyLocationView {
  return {
    shared: location.shared,
    source: location.source,
    cityId: location.cityId,
    updatedAt: location.updatedAtMs === null ? null : new Date(location.updatedAtMs).toISOString(),
  };
}

export function presentNearbySettings(row: NearbySettingsRow): NearbySettings {
  return { showInNearby: row.show_in_nearby === 1, hideDistance: row.hide_distance === 1 };
}
