/**
 * The contact-info guard's public API; everything else in this folder is internal.
 */
export { contactInfoKinds, detectContactInfo, type ContactInfoFinding, type ContactInfoKind } from './detect.js';
