import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PROTOCOL_PACKAGES = ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver-protocol', 'vscode-languageserver-protocol/*', 'vscode-jsonrpc', 'vscode-jsonrpc/*'];
const IO_MODULES = ['fs', 'fs/*', 'node:fs', 'node:fs/*', 'child_process', 'node:child_process', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'worker_threads', 'node:worker_threads'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '**/*.fixture.*', '**/*.fixture-*', '**/*.fixed.*', '**/*.fixed-*', 'test/e2e/workspace/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: 'error',
    },
  },
  {
    // The analyzer and the rules are a pure engine: text in, findings out. No editor, no protocol, no I/O.
    files: ['server/src/analyzer/**/*.ts', 'server/src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: PROTOCOL_PACKAGES, message: 'The analyzer must not depend on the editor or the protocol; convert in server/src/lsp/.' },
            { group: IO_MODULES, message: 'The analyzer does no I/O; the host (LSP, CLI) reads files and passes text in.' },
            { group: ['**/lsp/*', '**/cli/*', '**/host/*', '**/protocol'], message: 'The analyzer must not import its hosts.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          // Measured: such literals made every analysis's syntax tree outlive it (see CodeContext in analyze.ts).
          selector: 'ObjectExpression > Property[kind=/^(get|set)$/]',
          message: 'No getters or setters in object literals: each one gets a hidden class of its own that pins its closures until a full GC. Use a class.',
        },
      ],
    },
  },
  {
    // The client is thin VS Code glue: it may import the shared contract, nothing else of the server.
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/src/**', '!**/server/src/protocol'], message: 'The client may only import server/src/protocol.ts (the shared contract).' },
            { group: ['vscode-languageserver', 'vscode-languageserver/*'], message: 'That is the server library; the client uses vscode-languageclient.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly' } },
  },
);
