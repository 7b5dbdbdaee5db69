import { useCallback, useEffect, useState, type DependencyList } from 'react';

export type Resource<T> =
  | { status: 'loading'; reload: () => void }
  | { status: 'error'; error: unknown; reload: () => void }
  | { status: 'ready'; data: T; reload: () => void };

/**
 * Load data for a page and reload it on demand. Small on purpose: pages read a few lists, and a
 * cache library would be one more thing to learn before the modules need one.
 */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): Resource<T> {
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T }
  >({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    load().then(
      (data) => {
        if (!cancelled) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
    // `load` is recreated every render; the caller's deps say when its result changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
