/** Settings: the menu that leads to the profile, security, privacy, blocked people and the policy. */
export { SettingsLinks } from './SettingsLinks';
export { SettingsPage } from './SettingsPage';
