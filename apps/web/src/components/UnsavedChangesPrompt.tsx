import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router';
import { hasUnsavedChanges } from '../hooks/use-unsaved-changes.ts';

// Moving within one page (a query string, a hash) keeps the form, so only a new path asks.
const shouldBlock: BlockerFunction = ({ currentLocation, nextLocation }) => hasUnsavedChanges() && currentLocation.pathname !== nextLocation.pathname;

/** The one navigation blocker of the app: asks before in-app navigation leaves a form with unsaved changes. */
export function UnsavedChangesPrompt() {
  const { t } = useTranslation();
  const blocker = useBlocker(shouldBlock);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('feedback.unsavedChanges'))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);
  return null;
}
