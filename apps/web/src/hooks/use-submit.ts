import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useToast } from './use-toast.ts';

export interface SubmitOptions {
  /** Shown as a toast once the write succeeded. */
  success?: string;
  /** Query keys (prefixes) whose data the write changed; they refetch afterwards. */
  invalidate?: readonly QueryKey[];
}

export interface Submit {
  busy: boolean;
  /** The last failure (an ApiError from the client); show it at the field it names, else beside the button. */
  error: unknown;
  /** Runs one write; resolves true when it succeeded. Never throws. */
  run: (work: () => Promise<unknown>, options?: SubmitOptions) => Promise<boolean>;
  clear: () => void;
}

/**
 * Busy and error state around one write for small forms and single buttons, with the success toast
 * and the cache invalidation every write needs. Large forms use react-hook-form (see api/README.md).
 */
export function useSubmit(): Submit {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (work: () => Promise<unknown>, options: SubmitOptions = {}) => {
      setBusy(true);
      setError(null);
      try {
        await work();
        await Promise.all((options.invalidate ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        if (options.success) toast.show(options.success);
        return true;
      } catch (err: unknown) {
        setError(err);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [queryClient, toast],
  );
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}
