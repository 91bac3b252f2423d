/** "/": the landing page for visitors, the home screen once signed in. */
import { Loading } from '../../components';
import { useAuth } from '../accounts';
import { HomePage } from './HomePage';
import { LandingPage } from './LandingPage';

export function HomeRoute() {
  const { me } = useAuth();
  if (me === undefined) return <Loading />;
  return me ? <HomePage /> : <LandingPage />;
}
