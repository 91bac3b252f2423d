/**
 * People nearby: my shared location, my nearby settings, the nearby list and recommendations.
 * Nothing here ever carries where someone else is, only distance bands.
 */
import {
  MyLocationViewSchema,
  NearbyPageViewSchema,
  NearbySettingsSchema,
  RecommendationListViewSchema,
  type MyLocationView,
  type NearbyPageView,
  type NearbySettings,
  type PutLocationInput,
  type RecommendationView,
} from '@airtalk/contracts';
import { requestJson, requestVoid } from '../../lib';
import { listConsents, setConsent } from '../consents';
import { nearbyQueryString, type NearbyFilters } from './filters';
import type { NearbyStatus } from './gate';

/** People per page: divides evenly into rows of two, three and four cards. */
export const NEARBY_LIST_PAGE = 24;

export function fetchMyLocation(signal?: AbortSignal): Promise<MyLocationView> {
  return requestJson('/api/v1/me/location', MyLocationViewSchema, signal ? { signal } : {});
}

/**
 * 403 CONSENT_REQUIRED without the location consent, 422 IMPOSSIBLE_MOVE when the last update was
 * too far away too recently, 403 ACCOUNT_UNDER_REVIEW, 429 with Retry-After, 422 VALIDATION_FAILED.
 */
export function putMyLocation(input: PutLocationInput): Promise<MyLocationView> {
  return requestJson('/api/v1/me/location', MyLocationViewSchema, { method: 'PUT', body: input });
}

/** Stops sharing: the stored location is deleted and I leave everyone's list at once. */
export function deleteMyLocation(): Promise<void> {
  return requestVoid('/api/v1/me/location', { method: 'DELETE' });
}

export function fetchNearbySettings(signal?: AbortSignal): Promise<NearbySettings> {
  return requestJson('/api/v1/me/nearby-settings', NearbySettingsSchema, signal ? { signal } : {});
}

/** Turning showInNearby off also deletes the stored location. */
export function putNearbySettings(settings: NearbySettings): Promise<NearbySettings> {
  return requestJson('/api/v1/me/nearby-settings', NearbySettingsSchema, { method: 'PUT', body: settings });
}

/** 403 CONSENT_REQUIRED, 409 LOCATION_REQUIRED, 409 NEARBY_HIDDEN, 429. */
export function fetchNearby(
  filters: NearbyFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<NearbyPageView> {
  const query = nearbyQueryString(filters, { limit: NEARBY_LIST_PAGE, cursor });
  return requestJson(`/api/v1/nearby?${query}`, NearbyPageViewSchema, signal ? { signal } : {});
}

export async function fetchRecommendations(signal?: AbortSignal): Promise<RecommendationView[]> {
  const list = await requestJson('/api/v1/recommendations', RecommendationListViewSchema, signal ? { signal } : {});
  return list.recommendations;
}

/** What the page needs to decide what to show: the location consent, my location and my settings. */
export async function loadNearbyStatus(signal?: AbortSignal): Promise<NearbyStatus> {
  const [consents, location, settings] = await Promise.all([
    listConsents(signal),
    fetchMyLocation(signal),
    fetchNearbySettings(signal),
  ]);
  const consentGranted = consents.some((consent) => consent.purpose === 'location' && consent.granted);
  return { consentGranted, location, settings };
}

/** The consent for location, given only after the person said yes to our own explanation. */
export async function grantLocationConsent(): Promise<void> {
  await setConsent('location', true);
}
