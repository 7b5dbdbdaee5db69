import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ToastContext, type ToastApi, type ToastTone } from '../hooks/use-toast.ts';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

// Long enough to read two lines; errors stay until dismissed because they need acting on.
const SHOWN_MS = 6000;

/** Holds the toasts of the whole app in one polite live region, so screen readers announce them. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const show = useCallback(
    (message: string, tone: ToastTone = 'ok') => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-3), { id, message, tone }]);
      if (tone !== 'error') timers.current.set(id, setTimeout(() => dismiss(id), SHOWN_MS));
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  const api = useMemo<ToastApi>(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`} data-testid="toast" data-tone={toast.tone}>
            <span>{toast.message}</span>
            <button type="button" className="button-link" onClick={() => dismiss(toast.id)} aria-label={t('feedback.dismiss')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
