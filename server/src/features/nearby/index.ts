/**
 * People nearby: the public face.
 */
export { NearbyService } from './nearby.service.js';
export type { NearbyServiceDeps } from './nearby.service.js';
export { NearbyStore } from './nearby.store.js';
export { registerNearbyRoutes } from './nearby.routes.js';
export { registerNearbyPrivacy } from './nearby.privacy.js';
