/** Profiles: editing my own, and viewing someone's (with blocking and reporting). */
export { EditProfilePage } from './EditProfilePage';
export { ProfileRoute } from './ProfilePage';
