/** Blocking: the confirmation sheet on a profile, the notice after it, and the list of blocked people. */
export { BlockedNotice } from './BlockedNotice';
export { BlockedPage } from './BlockedPage';
export { BlockSheet, type Person } from './BlockSheet';
