/** Home: the landing page for visitors and the signed-in home screen. */
export { HomeRoute } from './HomeRoute';
