// Type-aware lint with the dependency-direction rules of docs/ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const fromApps = {
  group: ['@qiao/server', '@qiao/server/*', '@qiao/web', '@qiao/web/*', '@qiao/cli', '@qiao/cli/*', '**/apps/**'],
  message: 'Packages never import apps: move the shared piece into a package (types and schemas go to @qiao/contracts).',
};
const webToServer = {
  group: ['@qiao/server', '@qiao/server/*', '**/server/src/**'],
  message: 'The web never imports the server: share schemas and types through @qiao/contracts.',
};
const pureNode = {
  group: ['node:fs', 'node:fs/*', 'node:http', 'node:https', 'node:net', 'pg', 'drizzle-orm', 'drizzle-orm/*', '@electric-sql/*', 'fastify'],
  message: 'Packages stay pure: take data in and return values; the server and CLI do I/O.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.qiao/**', '**/drizzle/**', 'apps/web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Plain JavaScript entry points run on Node.
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  {
    files: ['packages/**/*.ts'],
    ignores: ['packages/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [fromApps, pureNode] }] },
  },
  { files: ['packages/**/*.test.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [fromApps] }] } },
  { files: ['apps/web/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [webToServer] }] } },
  { files: ['apps/server/src/**/*.ts'], ignores: ['**/*.test.ts'], rules: { 'no-console': 'error' } },
);
