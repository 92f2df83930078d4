// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', 'examples/**', '.cache/**', '.vscode-test/**', '.scratch*/**', 'test-results/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The panel handles whatever a file or a report holds: 200,000 weights, 10,000 layers.
    // `f(...list)` passes each element as an argument and overflows the stack for long lists,
    // so the webview never spreads into a call (loops, fragments or reduce instead).
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression > SpreadElement', message: 'No spread arguments in webview/: a long list overflows the call stack. Loop, reduce, or use dom.ts appendAll/replaceChildrenWith.' },
        { selector: 'NewExpression > SpreadElement', message: 'No spread arguments in webview/: a long list overflows the call stack.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
