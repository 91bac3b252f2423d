/**
 * Route guards: pages for signed-in people, and pages (sign-in, sign-up) only for signed-out people.
 * The guards do the redirects after signing in or out, so no screen races them with its own.
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../../components';
import { useAuth } from './AuthProvider';
import { loginPathFor, safeNextPath } from './nextPath';

export function RequireSignedIn({ children }: { children: ReactNode }) {
  const { me, signedOutTo } = useAuth();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me === null) return <Navigate to={signedOutTo ?? loginPathFor(location.pathname + location.search)} replace />;
  return children;
}

/** Once signed in (including just now, on this page), continue to where the person was going. */
export function RequireSignedOut({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) return <Loading />;
  if (me) return <Navigate to={safeNextPath(location.search)} replace />;
  return children;
}
