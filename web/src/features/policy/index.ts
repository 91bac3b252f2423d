/** The privacy policy feature: reading the policy, and the pieces other screens use to ask for acceptance. */
export { PolicyDocument } from './PolicyDocument';
export { PolicyPage } from './PolicyPage';
export { PolicySheet } from './PolicySheet';
export { usePolicy } from './usePolicy';
