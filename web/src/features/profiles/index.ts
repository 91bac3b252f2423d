/** Profiles: editing my own, my public page, and viewing someone's (with blocking and reporting). */
export { EditProfilePage } from './EditProfilePage';
export { ProfileRoute } from './ProfilePage';
export { PublicPageSettingsPage } from './PublicPageSettingsPage';
