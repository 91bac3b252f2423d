/**
 * Short confirmations that float above the page and fade away. Live regions are always in the
 * page, so screen readers announce each toast: politely for news, at once for failures.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import './Toast.css';

export type ToastTone = 'success' | 'info' | 'error';

interface ToastEntry {
  id: number;
  message: string;
  tone: ToastTone;
}

type ShowToast = (message: string, tone?: ToastTone) => void;

const ToastContext = createContext<ShowToast | null>(null);

const VISIBLE_MS = 5000;
const MAX_VISIBLE = 3;

export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<ToastEntry[]>([]);
  const nextId = useRef(0);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
    window.clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const show = useCallback<ShowToast>(
    (message, tone = 'success') => {
      nextId.current += 1;
      const id = nextId.current;
      setToasts((current) => [...current, { id, message, tone }].slice(-MAX_VISIBLE));
      timers.current.set(
        id,
        window.setTimeout(() => {
          dismiss(id);
        }, VISIBLE_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) window.clearTimeout(timer);
    };
  }, []);

  const renderToasts = (tones: readonly ToastTone[]) =>
    toasts
      .filter((toast) => tones.includes(toast.tone))
      .map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.tone}`}>
          <Icon name={toast.tone === 'error' ? 'alert' : 'check'} />
          <p className="toast__message">{toast.message}</p>
          <button
            type="button"
            className="toast__dismiss"
            onClick={() => {
              dismiss(toast.id);
            }}
          >
            <Icon name="close" size={16} />
            <span className="visually-hidden">{t('common.dismiss')}</span>
          </button>
        </div>
      ));

  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts">
        <div role="status" aria-live="polite" className="toasts__region">
          {renderToasts(['success', 'info'])}
        </div>
        <div role="alert" aria-live="assertive" className="toasts__region">
          {renderToasts(['error'])}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

/** Shows a toast: `toast('Saved.')`, `toast('Could not save.', 'error')`. */
export function useToast(): ShowToast {
  const show = useContext(ToastContext);
  if (!show) throw new Error('useToast needs a ToastProvider above it.');
  return show;
}
