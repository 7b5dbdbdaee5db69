import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './errors.ts';

/**
 * One cache for the app. A 4xx answer will not change on retry (forbidden, not found, bad input), so
 * only network failures and 5xx are retried, twice. Data counts as fresh for 30 s, so moving between
 * tabs does not refetch what was just read; writes invalidate what they change.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
