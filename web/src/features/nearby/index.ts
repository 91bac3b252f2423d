/** People nearby: sharing a location (our explanation first), the nearby grid, recommendations and settings. */
export { NearbyPage } from './NearbyPage';
