// Lint rules: type-aware TypeScript rules as errors, plus the layering rules (engine below its
// transports, shared standing alone, the panel talking only to the contract; see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectron = {
  name: 'electron',
  message: 'The engine and the shared contract stay Electron-free (see docs/architecture.md).',
};
const noRawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Only src/main/desktop/ipc.ts and src/preload bind IPC.',
};

const engineStaysBelowTransports = {
  group: ['**/desktop/**', '**/desktop', '**/server/**', '**/server'],
  message:
    'The engine does not know its transports: desktop/ and server/ wrap it, not the reverse.',
};
const sharedStandsAlone = {
  group: ['**/main/**', '**/renderer/**', '**/preload/**'],
  message: 'src/shared is the contract: it imports nothing from the processes that use it.',
};
const rendererTalksOnlyToContract = {
  group: ['**/main/**', '**/preload/**'],
  message: 'The panel talks only to the contract (src/shared), never to main/ or preload/ code.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'tests/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Handlers are async by contract even when the work is synchronous.
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': ['error', { paths: [noRawIpc] }],
    },
  },
  {
    files: ['src/main/engine/**', 'src/shared/**', 'src/main/server/**', 'src/main/host/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['src/main/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [engineStaysBelowTransports] },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [sharedStandsAlone] }],
    },
  },
  {
    files: ['src/main/desktop/ipc.ts', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [rendererTalksOnlyToContract] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Runs on any old Node to say it is too old: CommonJS and ES5 on purpose.
    files: ['scripts/check-node.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { 'no-var': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
