/**
 * Health checks: the public face.
 */
export { registerHealthRoutes } from './health.routes.js';
