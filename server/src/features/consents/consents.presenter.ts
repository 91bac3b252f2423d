/**
 * Consents as their owner sees them.
 */
import type { ConsentView } from '@airtalk/contracts';
import type { Consent } from './consents.service.js';

export function presentConsent(consent: Consent): ConsentView {
  return {
    purpose: consent.purpose,
    granted: consent.granted,
    updatedAt: consent.updatedAtMs === null ? null : new Date(consent.updatedAtMs).toISOString(),
    policyVersion: consent.policyVersion,
  };
}
