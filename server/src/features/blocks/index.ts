/**
 * Blocking: the public face other features use (canInteract).
 */
export { BlocksService } from './blocks.service.js';
export { BlocksStore } from './blocks.store.js';
export { registerBlockRoutes } from './blocks.routes.js';
export { registerBlocksPrivacy } from './blocks.privacy.js';
