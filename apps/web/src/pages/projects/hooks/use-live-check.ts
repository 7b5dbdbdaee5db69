import { useEffect, useRef, useState } from 'react';

export type LiveCheck<T> =
  | { status: 'idle' }
  | { status: 'checking'; last: T | null }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: unknown; last: T | null };

/** Long enough that typing a word sends one request, short enough to feel live. */
export const LIVE_CHECK_DELAY_MS = 400;

/**
 * Runs a policy check a moment after its input stops changing. `key` identifies the input (the
 * text, or the dataset as JSON); an empty key means nothing to check. Answers to older inputs are
 * dropped, so a slow reply never overwrites the verdict for what is on screen now.
 */
export function useLiveCheck<T>(key: string, run: () => Promise<T>, delay = LIVE_CHECK_DELAY_MS): LiveCheck<T> {
  const [state, setState] = useState<LiveCheck<T>>({ status: 'idle' });
  // `run` is recreated every render; the effect reads the latest one and `key` says when to run it.
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });

  useEffect(() => {
    if (!key) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState((prev) => ({ status: 'checking', last: lastOf(prev) }));
    const timer = setTimeout(() => {
      runRef.current().then(
        (data) => {
          if (current) setState({ status: 'ready', data });
        },
        (error: unknown) => {
          if (current) setState((prev) => ({ status: 'error', error, last: lastOf(prev) }));
        },
      );
    }, delay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, delay]);

  return state;
}

function lastOf<T>(state: LiveCheck<T>): T | null {
  if (state.status === 'ready') return state.data;
  if (state.status === 'checking' || state.status === 'error') return state.last;
  return null;
}
