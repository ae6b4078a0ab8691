import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-check',
      'dist-bench',
      'sample-app/dist',
      'coverage',
      '.ab',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // TypeScript checks undefined names itself (typescript-eslint's advice), with Node's globals.
      'no-undef': 'off',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Nest resolves constructor parameters from emitted metadata: a type-only
    // import would erase the class the injector needs.
    files: [
      '**/*.module.ts',
      '**/*.service.ts',
      '**/*.health.ts',
      '**/*.registrar.ts',
      '**/*.controller.ts',
      'test/e2e/**',
      'sample-app/**',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
