import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { fenceConfigs, ZOD_SYNTAX } from './eslint.fences.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/cdk.out/**',
      '**/dist/**',
      '.data/**',
      '**/.swc/**',
      'tests/e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // `import { z }` keeps all of zod (454 KiB) in every Lambda; the namespace import lets
      // esbuild tree-shake it (about 100 KiB).
      'no-restricted-syntax': ['error', ZOD_SYNTAX],
    },
  },
  // The backend's layers (docs/architecture.md, "Layers and fences").
  ...fenceConfigs(),
  {
    // The mini-program: React in the WeCom mini-program runtime and in the browser (H5).
    files: ['miniapp/src/**/*.{ts,tsx}', 'miniapp/types/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@factory/shared',
              message:
                'Types only: its runtime (zod, contracts) does not belong in the mini-program.',
              allowTypeImports: true,
            },
            {
              name: '@tarojs/taro',
              message: 'WeCom and platform calls go through miniapp/src/platform/.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'miniapp/src/platform/**/*.ts',
      'miniapp/src/app.config.ts',
      'miniapp/src/**/*.config.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@factory/shared',
              message:
                'Types only: its runtime (zod, contracts) does not belong in the mini-program.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Taro's build configuration and babel config run in Node (CommonJS for babel).
    files: ['miniapp/babel.config.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
);
