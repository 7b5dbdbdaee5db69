import { defineConfig } from 'vitest/config';

// Browser tests against the real server: one server for the run, one spec file at a time, since
// they share its database and a real Chromium is slow to start.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.spec.ts'],
    globalSetup: ['e2e/setup/server.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A flaky browser step should be fixed, not retried into passing.
    retry: 0,
  },
});
