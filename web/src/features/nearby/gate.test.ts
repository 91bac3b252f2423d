import { describe, expect, it } from 'vitest';
import { gateOf, statusAfter, type NearbyStatus } from './gate';

const ready: NearbyStatus = {
  consentGranted: true,
  location: { shared: true, source: 'city', cityId: 'shanghai', updatedAt: '2026-01-01T00:00:00.000Z' },
  settings: { showInNearby: true, hideDistance: false },
};
const noLocation = { shared: false, source: null, cityId: null, updatedAt: null };

describe('gateOf', () => {
  it('shows the list once everything is in place', () => {
    expect(gateOf(ready)).toBe('ready');
  });

  it('respects hiding before anything else', () => {
    expect(
      gateOf({ consentGranted: false, location: noLocation, settings: { showInNearby: false, hideDistance: true } }),
    ).toBe('hidden');
  });

  it('asks for the consent before the location, and the location last', () => {
    expect(gateOf({ ...ready, consentGranted: false, location: noLocation })).toBe('consent');
    expect(gateOf({ ...ready, consentGranted: false })).toBe('consent');
    expect(gateOf({ ...ready, location: noLocation })).toBe('location');
  });
});

describe('statusAfter', () => {
  it('believes the list when it refuses', () => {
    expect(gateOf(statusAfter(ready, 'NEARBY_HIDDEN'))).toBe('hidden');
    expect(gateOf(statusAfter(ready, 'CONSENT_REQUIRED'))).toBe('consent');
    expect(gateOf(statusAfter(ready, 'LOCATION_REQUIRED'))).toBe('location');
    expect(statusAfter(ready, 'LOCATION_REQUIRED').location).toEqual(noLocation);
  });
});
