/**
 * Reports: the public face.
 */
export { ReportsService } from './reports.service.js';
export { ReportsStore } from './reports.store.js';
export { registerReportRoutes } from './reports.routes.js';
export { registerReportsPrivacy } from './reports.privacy.js';
