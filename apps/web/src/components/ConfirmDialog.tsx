import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmDialogProps {
  title: string;
  /** What will happen; the dialog adds "This cannot be undone." when `irreversible`. */
  children?: ReactNode;
  confirmLabel: string;
  irreversible?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal that asks once more before a step that cannot be taken back (publish, lock, reject, delete). */
export function ConfirmDialog({ title, children, confirmLabel, irreversible = true, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    // showModal traps focus and makes the page behind inert; Escape fires `cancel`.
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={`${id}-title`} onCancel={onCancel} data-testid="confirm-dialog">
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      {irreversible && <p className="muted">{t('feedback.irreversible')}</p>}
      <div className="button-bar">
        <button type="button" className="button button-primary" disabled={busy} onClick={onConfirm} data-testid="confirm-yes">
          {confirmLabel}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel} data-testid="confirm-no">
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}

interface ConfirmButtonProps extends Omit<ConfirmDialogProps, 'onCancel' | 'title'> {
  /** The button's own text; the dialog's title defaults to it. */
  label: string;
  title?: string;
  className?: string;
  testId?: string;
  disabled?: boolean;
}

/** A button that opens a ConfirmDialog and runs `onConfirm` only after the second click. */
export function ConfirmButton({ label, title, className, testId, disabled, onConfirm, ...dialog }: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className ?? 'button button-secondary'} data-testid={testId} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </button>
      {open && (
        <ConfirmDialog
          {...dialog}
          title={title ?? label}
          onCancel={() => setOpen(false)}
          onConfirm={() => {
            setOpen(false);
            onConfirm();
          }}
        />
      )}
    </>
  );
}
