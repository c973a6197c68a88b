// Lint: typescript-eslint's recommended rules, plus the wall that keeps the language service pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbiddenInService = [
  { name: 'vscode', message: 'The service is editor-agnostic: the client owns vscode.' },
  { name: 'vscode-languageserver', message: 'The service never talks to the connection: the server adapter does.' },
  { name: 'vscode-languageserver/node', message: 'The service never talks to the connection: the server adapter does.' },
  ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net', 'child_process', 'node:child_process', 'dgram', 'node:dgram', 'tls', 'node:tls'].map(
    (name) => ({ name, message: 'The service does no I/O: the server reads files and the network and passes facts in.' }),
  ),
];

/** `import { z } from 'zod'` bundles all of zod, every locale (450 KB, 20-40 ms of the server's start); a namespace import lets esbuild drop the unused. */
const zodNamespaceOnly = {
  selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z']",
  message: "Write `import * as z from 'zod'`: the named `z` drags all of zod into the bundle.",
};

const noWeakMapMemos = {
  selector: "NewExpression[callee.name='WeakMap']",
  message:
    'A WeakMap keyed by a per-parse object (model, syntax, stage, reference) keeps its values alive through every young-generation GC: keep per-parse memos on the model (server/src/service/document/modelMemo.ts). Keys that live as long as the catalog are fine: disable this line with that reason.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test/editor/.cache/**', 'test/editor/artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', exports: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      'no-restricted-syntax': ['error', zodNamespaceOnly],
    },
  },
  {
    // vscode-languageserver's values come through server/src/lsp/lspLibrary.ts (one ES module view of the library).
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/lsp/lspLibrary.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode-languageserver', 'vscode-languageserver/node'].map((name) => ({ name, allowTypeImports: true, message: 'Import its values from server/src/lsp/lspLibrary.ts: each importer of this CommonJS library costs a copy of its exports at start.' })) }],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: forbiddenInService, patterns: [{ group: ['vscode-languageserver/*', '!vscode-languageserver-types', '!vscode-languageserver-textdocument'], message: 'Only the LSP types and TextDocument are allowed in the service.' }] }],
      'no-restricted-syntax': ['error', zodNamespaceOnly, noWeakMapMemos],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
