// ESLint with type-aware rules. The import-boundary rule encodes the layering of ../STYLE:
// engine imports nothing outside itself; formats, importers, exporters and store never reach
// into app, cli or server; app never reaches into cli or server; cli and server read and change
// seasons through app only (never the store).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const outward = (dirs) =>
  dirs.map((d) => ({ group: [`**/${d}/*`, `../${d}/*`, `../../${d}/*`], message: `may not import ${d}/` }));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-output/**',
      'bin/**',
      // Plain JavaScript run by node, like bin/ (scripts/bench.mjs).
      'scripts/*.mjs',
      '*.config.*',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto'], message: 'The engine is pure: no node:* imports.' },
            ...outward(['formats', 'importers', 'exporters', 'store', 'app', 'server', 'cli']),
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Time is a parameter in the engine.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The engine is deterministic.' },
      ],
    },
  },
  // formats imports only engine; importers, exporters and store import only engine and formats.
  {
    files: ['src/formats/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: outward(['importers', 'exporters', 'store', 'app', 'server', 'cli']) },
      ],
    },
  },
  {
    files: ['src/importers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: outward(['exporters', 'store', 'app', 'server', 'cli']) }],
    },
  },
  {
    files: ['src/exporters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: outward(['importers', 'store', 'app', 'server', 'cli']) }],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: outward(['importers', 'exporters', 'app', 'server', 'cli']) }],
    },
  },
  // app: the one path by which cli and server read and change seasons.
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: outward(['server', 'cli']) }],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/server/**/*.ts', 'src/server/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/store/*', '../store/*', '../../store/*'], message: 'read and change seasons through app/, not the store' }] },
      ],
    },
  },
  // live follows a timing feed through engine, formats and importers; pages and commands use it.
  {
    files: ['src/live/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: outward(['exporters', 'store', 'server', 'cli']) }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
