/**
 * What the nearby page shows first, decided from what the server says about me: hidden by my own
 * choice, no location consent yet, no location yet, or the list itself.
 */
import type { MyLocationView, NearbySettings } from '@airtalk/contracts';

export interface NearbyStatus {
  consentGranted: boolean;
  location: MyLocationView;
  settings: NearbySettings;
}

export type NearbyGate = 'hidden' | 'consent' | 'location' | 'ready';

/** An error code from the list that sends the page back to one of the gates. */
export type GateErrorCode = 'NEARBY_HIDDEN' | 'CONSENT_REQUIRED' | 'LOCATION_REQUIRED';

/**
 * Hiding comes first: it is a choice the person made, and it works both ways (while hidden they
 * see no one). Then the consent, asked with our own explanation, then the location itself.
 */
export function gateOf(status: NearbyStatus): NearbyGate {
  if (!status.settings.showInNearby) return 'hidden';
  if (!status.consentGranted) return 'consent';
  if (!status.location.shared) return 'location';
  return 'ready';
}

/** The status as the list's refusal shows it to be, when the list knows better than the status loaded earlier. */
export function statusAfter(status: NearbyStatus, code: GateErrorCode): NearbyStatus {
  switch (code) {
    case 'NEARBY_HIDDEN':
      return { ...status, settings: { ...status.settings, showInNearby: false } };
    case 'CONSENT_REQUIRED':
      return { ...status, consentGranted: false };
    case 'LOCATION_REQUIRED':
      return { ...status, location: { shared: false, source: null, cityId: null, updatedAt: null } };
  }
}
