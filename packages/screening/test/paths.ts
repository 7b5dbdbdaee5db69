import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where tests find their inputs; reading them stays in the test files (the package does no I/O). */
export const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const repoRoot = resolve(fixturesDir, '../../../..');
export const sharedListsDir = resolve(repoRoot, '../shared/data/lists');
