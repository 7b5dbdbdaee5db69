import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

/**
 * Warns before leaving a half-filled form: in-app navigation asks with a confirm, closing or
 * reloading the tab gets the browser's own prompt. Pass `dirty` from the form (react-hook-form's
 * `formState.isDirty`, or "any field differs from its start"). Call the returned `allowLeave()` just
 * before a save navigates away, so the saved form does not ask.
 */
export function useUnsavedChanges(dirty: boolean): { allowLeave: (allow?: boolean) => void } {
  const { t } = useTranslation();
  const leaving = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => !leaving.current && dirty && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('feedback.unsavedChanges'))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);

  useEffect(() => {
    if (!dirty) return;
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!leaving.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', handleBeforeUnload);
    return () => window.removeEventListener('beforeunload', handleBeforeUnload);
  }, [dirty]);

  // `false` guards again, for a save that failed and kept the person on the form.
  const allowLeave = useCallback((allow = true) => {
    leaving.current = allow;
  }, []);
  return { allowLeave };
}
