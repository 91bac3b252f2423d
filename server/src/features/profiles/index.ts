/**
 * Profiles: the public face.
 */
export { ProfilesService } from './profiles.service.js';
export type { Profile } from './profiles.service.js';
export { ProfilesStore } from './profiles.store.js';
export { registerProfileRoutes } from './profiles.routes.js';
export { registerProfilesPrivacy } from './profiles.privacy.js';
export { PublicationService } from './publication.service.js';
export { registerPublicationRoutes } from './publication.routes.js';
export { ageOf } from './profiles.presenter.js';
