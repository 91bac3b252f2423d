/** Settings: the menu that leads to security, privacy and the policy. */
export { SettingsLinks } from './SettingsLinks';
export { SettingsPage } from './SettingsPage';
