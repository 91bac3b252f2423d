/** Keeps the screen awake while `active` (in a live room), where the browser can. */
import { useEffect } from 'react';
import { createWakeLock } from './wakeLock';

export function useWakeLock(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const lock = createWakeLock();
    void lock.acquire();
    return () => {
      lock.release();
    };
  }, [active]);
}
