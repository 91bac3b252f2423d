/**
 * Focus that would be lost when what had it goes away (a removed filter chip, a finished form, a
 * sheet whose opener is gone) is put on a chosen element instead, after React has drawn the change.
 * The request lapses if focus is never lost, so it cannot jump later out of the blue.
 */
import { useCallback, useEffect, useRef } from 'react';

const LAPSE_MS = 2000;

export function useRefocus(): (id: string) => void {
  const pending = useRef<{ id: string; until: number } | null>(null);

  // After every render: the change that removed the focused element may come a render or two later.
  useEffect(() => {
    const target = pending.current;
    if (!target) return;
    if (Date.now() > target.until) {
      pending.current = null;
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body) return;
    const element = document.getElementById(target.id);
    if (!element) return;
    element.focus();
    pending.current = null;
  });

  return useCallback((id: string) => {
    pending.current = { id, until: Date.now() + LAPSE_MS };
  }, []);
}
