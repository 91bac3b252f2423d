/**
 * Who is signed in. Loads the account once, keeps it current after sign-in, sign-out and changes,
 * and notices when the server ends the session (revoked elsewhere, expired) or the policy changes.
 */
import type { MeView } from '@airtalk/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useToast } from '../../components';
import { isApiError, onApiError } from '../../lib';
import { fetchMe, logout } from './api';

export interface Auth {
  /** undefined while the first check is running; null when signed out. */
  me: MeView | null | undefined;
  /**
   * Where a signed-in-only page sends the person after they signed out on purpose; null when the
   * session ended by itself, and the page sends them to sign in and come back.
   */
  signedOutTo: string | null;
  /** Stores the account the server just returned (after sign-in, sign-up, accepting the policy). */
  setMe: (me: MeView) => void;
  /** Asks the server again, for example after the email was verified. */
  refresh: () => Promise<void>;
  /** Ends this session on the server and here. */
  signOut: (to?: string) => Promise<void>;
  /** Records that the server already ended this session at the person's request (all devices, new password). */
  endSession: (to: string) => void;
}

const AuthContext = createContext<Auth | null>(null);

/** Answers where a 401 is expected and says nothing about the session ending under the user. */
const QUIET_401_PATHS = new Set(['/api/v1/me', '/api/v1/auth/logout', '/api/v1/auth/login']);

async function loadMe(signal?: AbortSignal): Promise<MeView | null> {
  try {
    return await fetchMe(signal);
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

interface AuthState {
  me: MeView | null | undefined;
  signedOutTo: string | null;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [state, setState] = useState<AuthState>({ me: undefined, signedOutTo: null });

  const setMe = useCallback((me: MeView | null) => {
    setState({ me, signedOutTo: null });
  }, []);

  const endSession = useCallback((to: string) => {
    setState({ me: null, signedOutTo: to });
  }, []);

  const refresh = useCallback(async () => {
    setMe(await loadMe());
  }, [setMe]);

  useEffect(() => {
    const controller = new AbortController();
    // A failed first check (network, server busy) leaves the app usable as signed out.
    loadMe(controller.signal).then(setMe, () => {
      if (!controller.signal.aborted) setMe(null);
    });
    return () => {
      controller.abort();
    };
  }, [setMe]);

  const signedIn = Boolean(state.me);
  useEffect(
    () =>
      onApiError((error, path) => {
        if (error.code === 'UNAUTHENTICATED' && signedIn && !QUIET_401_PATHS.has(path)) {
          toast(t('errors.sessionEnded'), 'info');
          setMe(null);
        }
        if (error.code === 'POLICY_VERSION_OUTDATED' && signedIn) void refresh().catch(() => undefined);
      }),
    [refresh, setMe, signedIn, t, toast],
  );

  const signOut = useCallback(
    async (to = '/') => {
      try {
        await logout();
      } finally {
        // Even if the request failed, this device should not look signed in any more.
        endSession(to);
      }
    },
    [endSession],
  );

  const value = useMemo<Auth>(
    () => ({ ...state, setMe, refresh, signOut, endSession }),
    [state, setMe, refresh, signOut, endSession],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an AuthProvider above it.');
  return auth;
}

/** The signed-in account, for screens that are only reachable when signed in. */
export function useMe(): MeView {
  const { me } = useAuth();
  if (!me) throw new Error('useMe is only for signed-in screens.');
  return me;
}
