// Lint: TypeScript rules, React hooks, and the import direction of docs/PRINCIPLES.md
// (shared <- sync <- renderer; electron -> shared only; nothing imports renderer; node-shared/,
// Node-only helpers, imports only shared/ and is imported only by electron/ and sync/'s Node side).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** A `no-restricted-imports` rule forbidding relative imports into the named top-level folders. */
const forbidFolders = (folders, why) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: folders.map((folder) => ({
        regex: `^(\\.\\.?/)+(\\.\\./)*${folder}(/|$)`,
        message: why,
      })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbidFolders(
      ['sync', 'renderer', 'electron', 'tests', 'scripts', 'node-shared'],
      'shared/ is the domain core: it imports nothing from the other folders.',
    ),
  },
  {
    files: ['node-shared/**/*.ts'],
    rules: forbidFolders(
      ['sync', 'renderer', 'electron', 'tests', 'scripts'],
      'node-shared/ holds Node-only helpers for electron/ and sync/: it imports only shared/.',
    ),
  },
  {
    files: ['sync/client/**/*.ts'],
    rules: forbidFolders(
      ['renderer', 'electron', 'tests', 'scripts', 'node-shared'],
      'sync/client/ runs in the renderer too: no Node-only imports.',
    ),
  },
  {
    files: ['sync/**/*.ts'],
    rules: forbidFolders(
      ['renderer', 'electron', 'tests', 'scripts'],
      'sync/ may import only shared/.',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    rules: forbidFolders(
      ['renderer', 'sync', 'tests', 'scripts'],
      'electron/ may import only shared/ and node-shared/: it holds no business rules.',
    ),
  },
  {
    // Every window is opened by one factory, which gives it the security baseline of docs/PRINCIPLES.md §2.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['electron/window-factory.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "NewExpression[callee.name='BrowserWindow'], NewExpression[callee.property.name='BrowserWindow']",
          message:
            'Open windows with windowFactory (electron/window-factory.ts): it enforces the security baseline.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbidFolders(
        ['electron', 'tests', 'scripts', 'node-shared'],
        'renderer/ may import shared/ and sync/ only.',
      ),
    },
  },
);
