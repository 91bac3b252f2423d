/** Consents: the privacy switches, one per purpose in the consent ledger. */
export { PrivacyPage } from './PrivacyPage';
