// Values the test run's global setup (test/global-setup.ts) provides to every test file.
import type {} from 'vitest';
declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server for tests, or '' when none is available (reason in pgSkipReason). */
    pgAdminUrl: string;
    pgSkipReason: string;
  }
}
export {};
