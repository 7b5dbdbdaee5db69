// Type-aware lint with the dependency-direction rules of docs/ARCHITECTURE.md.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
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
  {
    // An import cycle makes load order matter and hides a missing module boundary; types shared by two
    // files move to a third. The rule reads each imported file with the TypeScript parser; packages
    // resolve through node_modules to their sources.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The two classic hook rules: hooks in a stable order, and effects that list what they read.
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
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
