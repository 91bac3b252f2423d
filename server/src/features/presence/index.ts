/**
 * Presence: who is online and when people were last seen, across nodes.
 */
export { PresenceService, presenceTopic, NODE_DEAD_AFTER_MS } from './presence.service.js';
export type { PresenceView } from './presence.service.js';
export { PresenceStore } from './presence.store.js';
export { registerPresencePrivacy } from './presence.privacy.js';
