/**
 * Who may share a location and look at people nearby. This file alone decides; the service asks.
 */
import type { ErrorCode } from '@airtalk/contracts';

export interface NearbyAccessFacts {
  locationConsent: boolean;
  underReview: boolean;
  showInNearby: boolean;
  hasLocation: boolean;
}

export type NearbyRefusal = Extract<
  ErrorCode,
  'CONSENT_REQUIRED' | 'ACCOUNT_UNDER_REVIEW' | 'NEARBY_HIDDEN' | 'LOCATION_REQUIRED'
>;

/** Sharing a location needs the consent, an account not under review, and being visible. */
export function refusalToShare(facts: Omit<NearbyAccessFacts, 'hasLocation'>): NearbyRefusal | null {
  if (!facts.locationConsent) return 'CONSENT_REQUIRED';
  if (facts.underReview) return 'ACCOUNT_UNDER_REVIEW';
  if (!facts.showInNearby) return 'NEARBY_HIDDEN';
  return null;
}

/**
 * Looking works both ways: only people who can be seen may look, so nobody can watch the list
 * while invisible to it.
 */
export function refusalToLook(facts: NearbyAccessFacts): NearbyRefusal | null {
  return refusalToShare(facts) ?? (facts.hasLocation ? null : 'LOCATION_REQUIRED');
}

/** A person is listed to a viewer only when neither blocked the other; the list holds no one else. */
export function mayList(viewerId: string, candidateId: string, blockedEitherWay: ReadonlySet<string>): boolean {
  return viewerId !== candidateId && !blockedEitherWay.has(candidateId);
}
