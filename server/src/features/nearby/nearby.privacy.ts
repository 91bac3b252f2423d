/**
 * People nearby in the privacy registry. The stored location is a cell of an already displaced
 * point; it is still personal data, exported and erased like the rest. The offset secret is
 * erased with everything else but not exported: it is a key, not something the person told us.
 */
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';

export function registerNearbyPrivacy(registry: PrivacyRegistry): void {
  registry.register({
    feature: 'nearby',
    table: 'nearby_settings',
    userColumn: 'user_id',
    description:
      'Whether a person is shown in nearby and hides their distance; the secret their location offset comes from.',
    exportRows: (db, userId) =>
      db
        .selectFrom('nearby_settings')
        .select(['show_in_nearby', 'hide_distance', 'updated_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('nearby_settings').where('user_id', '=', userId).execute();
    },
  });
  registry.register({
    feature: 'nearby',
    table: 'nearby_locations',
    userColumn: 'user_id',
    description:
      'The shared location as H3 cells (about 1 km across) of a randomly displaced point, its source and time, and copies of the profile fields the nearby filters read.',
    exportRows: (db, userId) =>
      db
        .selectFrom('nearby_locations')
        .select(['cell_r8', 'source', 'city_id', 'hide_distance', 'updated_at', 'last_active_at'])
        .where('user_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db.deleteFrom('nearby_locations').where('user_id', '=', userId).execute();
    },
  });
}
