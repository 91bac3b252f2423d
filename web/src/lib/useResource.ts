/**
 * Loads data for a screen and keeps it: loading and error states, reloads that keep the old data
 * on screen, and local updates after a change. A new `key` means new data (for example a new language).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

type Settled<T> = { key: string; revision: number } & ({ ok: true; data: T } | { ok: false; error: unknown });

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer for the current key arrives. */
  loading: boolean;
  reload: () => void;
  /** Changes the data on screen without a request, after the server confirmed a change. */
  update: (change: (data: T) => T) => void;
}

export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const [revision, setRevision] = useState(0);
  const loadRef = useRef(load);

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ key, revision, ok: true, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled({ key, revision, ok: false, error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [key, revision]);

  const reload = useCallback(() => {
    setRevision((current) => current + 1);
  }, []);
  const update = useCallback((change: (data: T) => T) => {
    setSettled((current) => (current?.ok ? { ...current, data: change(current.data) } : current));
  }, []);

  const current = settled?.key === key ? settled : null;
  return {
    data: current?.ok ? current.data : undefined,
    error: current && !current.ok ? current.error : undefined,
    loading: current === null,
    reload,
    update,
  };
}
