/** Consents: the privacy switches, one per purpose in the consent ledger, and the ledger's API for other features. */
export { listConsents, setConsent } from './api';
export { PrivacyPage } from './PrivacyPage';
