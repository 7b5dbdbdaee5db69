import { createContext, useContext } from 'react';

export type ToastTone = 'ok' | 'error' | 'info';

export interface ToastApi {
  /** Shows a short message that fades after a few seconds; `ok` by default. */
  show: (message: string, tone?: ToastTone) => void;
}

export const ToastContext = createContext<ToastApi | null>(null);

/** Success feedback for a finished action: `toast.show(t('…saved'))`. Needs <ToastProvider>. */
export function useToast(): ToastApi {
  const value = useContext(ToastContext);
  if (!value) throw new Error('useToast must be used inside <ToastProvider>');
  return value;
}
