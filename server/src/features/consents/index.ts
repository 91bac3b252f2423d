/**
 * Consents: the public face other features use (requireConsent, onWithdraw).
 */
export { ConsentsService, consentRequired, CONSENT_CHANGED_TOPIC } from './consents.service.js';
export type { Consent, ConsentChangedEvent, ConsentSource, WithdrawalEffect } from './consents.service.js';
export { ConsentsStore } from './consents.store.js';
export { registerConsentRoutes } from './consents.routes.js';
export { registerConsentsPrivacy } from './consents.privacy.js';
