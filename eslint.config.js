// Lint rules for every workspace: type-aware, and features may only meet through their index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// A path that reaches into another feature's folder past its index.
const intoFeature = {
  regex: '(^|/)features/[^/]+/(?!index(\\.(js|ts|tsx))?$)',
  message: 'Import another feature only through its index.ts.',
};
// Inside a feature, `../other/x` reaches into a sibling feature.
const intoSiblingFeature = {
  regex: '^\\.\\./[^./][^/]*/(?!index(\\.(js|ts|tsx))?$)',
  message: 'Import another feature only through its index.ts.',
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', '**/*.config.js', '**/*.config.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { patterns: [intoFeature] }],
    },
  },
  {
    // Inside one feature, its own files import each other directly.
    files: ['server/src/features/**/*.ts', 'web/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [intoFeature, intoSiblingFeature] }],
    },
  },
  {
    // Benchmarks measure a feature's inner parts on purpose (the store and the walk the API runs),
    // without its routes and their plugins.
    files: ['bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests read untyped JSON answers on purpose: they check what the server really sent.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
