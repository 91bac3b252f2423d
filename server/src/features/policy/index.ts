/**
 * The privacy policy: the public face other features use.
 */
export { PolicyService, loadPolicyDocuments, defaultPolicyContentDir } from './policy.service.js';
export type { PolicyDocument } from './policy.service.js';
export { registerPolicyRoutes } from './policy.routes.js';
