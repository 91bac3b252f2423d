/**
 * Profiles: editing my own, my public page, viewing someone's (with blocking and reporting), and
 * how interests and languages are named, for other features that show them.
 */
export { EditProfilePage } from './EditProfilePage';
export { languageName } from './languages';
export { ProfileRoute } from './ProfilePage';
export { PublicPageSettingsPage } from './PublicPageSettingsPage';
export { curatedMatch, isCuratedInterest } from './tags';
export { profilePath } from './paths';
export { contactInfoMessage } from './profileChecks';
export { PHOTO_ACCEPT } from './photoChecks';
