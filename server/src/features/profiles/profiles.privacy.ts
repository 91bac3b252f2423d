/**
 * Profiles and contact-info attempts in the privacy registry.
 */
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';

export function registerProfilesPrivacy(registry: PrivacyRegistry): void {
  registry.register({
    feature: 'profiles',
    table: 'profiles',
    userColumn: 'user_id',
    description: 'Bio, gender, interests, languages and city the user wrote.',
    exportRows: (db, userId) =>
      db
        .selectFrom('profiles')
        .select(['bio', 'gender', 'interests', 'languages', 'city', 'updated_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('profiles').where('user_id', '=', userId).execute();
    },
  });
  registry.register({
    feature: 'profiles',
    table: 'contact_info_attempts',
    userColumn: 'user_id',
    description: 'When and in which field the user tried to publish contact details (not the text itself).',
    exportRows: (db, userId) =>
      db
        .selectFrom('contact_info_attempts')
        .select(['field', 'kind', 'created_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('contact_info_attempts').where('user_id', '=', userId).execute();
    },
  });
  registry.register({
    feature: 'profiles',
    table: 'publications',
    userColumn: 'user_id',
    description: 'The public page: its handle, whether it is published, and which fields it shows.',
    exportRows: (db, userId) =>
      db
        .selectFrom('publications')
        .select(['handle', 'published', 'fields', 'updated_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('publications').where('user_id', '=', userId).execute();
    },
  });
}
