import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'apps/**/*.test.ts', 'apps/**/*.test.tsx', 'test/hostile/**/*.test.ts', 'test/multi-node/**/*.test.ts'],
    // Shared case suites only ever run through an engine's own test file.
    exclude: ['**/node_modules/**', '**/*.case.test.ts', 'e2e/**'],
    setupFiles: ['./test/setup.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // Two files at a time even on two cores: most suites spend much of their time waiting on a
    // database server or a child process, so one worker per spare core leaves the machine half idle.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
