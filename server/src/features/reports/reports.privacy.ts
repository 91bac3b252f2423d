/**
 * Reports in the privacy registry. A reporter's export lists the reports they filed. Erasing an
 * account unlinks it from reports in both roles and removes the reporter's own words, but keeps
 * what was reported and why: moderators need that record (docs/adr/0007-reports.md).
 */
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';

export function registerReportsPrivacy(registry: PrivacyRegistry): void {
  registry.register({
    feature: 'reports',
    table: 'reports',
    userColumn: 'reporter_id',
    description: 'Reports a user filed: what, why, their words, when. Also names the reported person.',
    exportRows: (db, userId) =>
      db
        .selectFrom('reports')
        .select(['id', 'target_kind', 'target_id', 'reason', 'details', 'status', 'created_at'])
        .where('reporter_id', '=', userId)
        .execute(),
    erase: async (db, userId) => {
      await db
        .updateTable('reports')
        .set({ reporter_id: null, details: null })
        .where('reporter_id', '=', userId)
        .execute();
      await db.updateTable('reports').set({ target_user_id: null }).where('target_user_id', '=', userId).execute();
    },
  });
}
