/**
 * Keeps the screen awake while in a room, through the Screen Wake Lock API where the browser has
 * it. The browser lets go of the lock whenever the page is hidden, so it is taken again each time
 * the page comes back. Where the API is missing or refuses (no user gesture yet, low battery),
 * nothing breaks: the room simply works as any page does.
 */

interface SentinelLike {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener?: (type: 'release', listener: () => void) => void;
}

export interface WakeLockNavigator {
  wakeLock?: { request(type: 'screen'): Promise<SentinelLike> };
}

export interface WakeLockDocument {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export type WakeLockStatus = 'unsupported' | 'idle' | 'held' | 'refused';

export interface ScreenWakeLock {
  readonly supported: boolean;
  status(): WakeLockStatus;
  /** Asks for the lock now and whenever the page becomes visible again, until release(). */
  acquire(): Promise<WakeLockStatus>;
  release(): void;
}

export function createWakeLock(nav: WakeLockNavigator = navigator, doc: WakeLockDocument = document): ScreenWakeLock {
  const api = nav.wakeLock;
  let wanted = false;
  /** Moves on every release, so a request answered after it is let go at once. */
  let generation = 0;
  let sentinel: SentinelLike | null = null;
  let current: WakeLockStatus = api ? 'idle' : 'unsupported';

  const request = async (): Promise<WakeLockStatus> => {
    if (!api) return 'unsupported';
    if (!wanted || doc.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return current;
    const asked = generation;
    try {
      const taken = await api.request('screen');
      if (asked !== generation) {
        // Released while the request was on its way.
        void taken.release().catch(() => undefined);
        return current;
      }
      sentinel = taken;
      current = 'held';
      taken.addEventListener?.('release', () => {
        if (sentinel === taken) current = wanted ? 'idle' : current;
      });
    } catch {
      current = 'refused';
    }
    return current;
  };

  const onVisibility = () => {
    if (doc.visibilityState === 'visible') void request();
  };

  return {
    supported: api !== undefined,
    status: () => current,
    acquire: () => {
      if (!api) return Promise.resolve<WakeLockStatus>('unsupported');
      if (!wanted) {
        wanted = true;
        doc.addEventListener('visibilitychange', onVisibility);
      }
      return request();
    },
    release: () => {
      if (!wanted) return;
      wanted = false;
      generation += 1;
      doc.removeEventListener('visibilitychange', onVisibility);
      const held = sentinel;
      sentinel = null;
      if (api) current = 'idle';
      if (held && !held.released) void held.release().catch(() => undefined);
    },
  };
}
