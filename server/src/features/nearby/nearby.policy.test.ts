/**
 * Who may share and look, as a table of every combination of facts.
 */
import { describe, expect, it } from 'vitest';
import { mayList, refusalToLook, refusalToShare } from './nearby.policy.js';

describe('nearby policy', () => {
  const flags = [true, false];
  const cases = flags.flatMap((locationConsent) =>
    flags.flatMap((underReview) =>
      flags.flatMap((showInNearby) =>
        flags.map((hasLocation) => ({ locationConsent, underReview, showInNearby, hasLocation })),
      ),
    ),
  );

  it.each(cases)('decides %o', (facts) => {
    const expectedShare = !facts.locationConsent
      ? 'CONSENT_REQUIRED'
      : facts.underReview
        ? 'ACCOUNT_UNDER_REVIEW'
        : !facts.showInNearby
          ? 'NEARBY_HIDDEN'
          : null;
    expect(refusalToShare(facts)).toBe(expectedShare);
    expect(refusalToLook(facts)).toBe(expectedShare ?? (facts.hasLocation ? null : 'LOCATION_REQUIRED'));
  });

  it('lists nobody to themselves and nobody across a block', () => {
    const blocked = new Set(['b']);
    expect(mayList('a', 'a', blocked)).toBe(false);
    expect(mayList('a', 'b', blocked)).toBe(false);
    expect(mayList('a', 'c', blocked)).toBe(true);
  });
});
