import { useCallback, useEffect, useRef, useState } from 'react';

// Forms with changes not yet saved, app-wide. A router keeps one navigation blocker only, so the forms
// register here and one <UnsavedChangesPrompt> (mounted once in App.tsx) asks for all of them; a page
// with several open forms (agenda item, positions, minutes) is guarded by any one of them.
const dirtyForms = new Set<symbol>();

/** True while any mounted form holds changes that are not saved. */
export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

/**
 * Warns before leaving a half-filled form: in-app navigation asks with a confirm, closing or
 * reloading the tab gets the browser's own prompt. Pass `dirty` from the form (react-hook-form's
 * `formState.isDirty`, or "any field differs from its start"). Call the returned `allowLeave()` just
 * before a save navigates away, so the saved form does not ask.
 */
export function useUnsavedChanges(dirty: boolean): { allowLeave: (allow?: boolean) => void } {
  const [token] = useState(() => Symbol('form'));
  const leaving = useRef(false);
  const dirtyNow = useRef(dirty);

  useEffect(() => {
    dirtyNow.current = dirty;
    if (dirty && !leaving.current) dirtyForms.add(token);
    else dirtyForms.delete(token);
  }, [dirty, token]);
  useEffect(() => () => void dirtyForms.delete(token), [token]);

  useEffect(() => {
    if (!dirty) return;
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!leaving.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', handleBeforeUnload);
    return () => window.removeEventListener('beforeunload', handleBeforeUnload);
  }, [dirty]);

  // `false` guards again, for a save that failed and kept the person on the form.
  const allowLeave = useCallback(
    (allow = true) => {
      leaving.current = allow;
      if (!allow && dirtyNow.current) dirtyForms.add(token);
      else dirtyForms.delete(token);
    },
    [token],
  );
  return { allowLeave };
}
