/**
 * The README's editor configurations are the files in editors/, verbatim: editors/neovim.lua is the one the Neovim
 * test runs (test/editor/neovim), and the Helix and Emacs ones start the same command.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const read = (file: string): string => readFileSync(path.join(root, 'editors', file), 'utf8');

/** The fenced blocks of the README in a language. */
function fences(language: string): string[] {
  return [...readme.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);
}

describe('editor configurations in the README', () => {
  for (const [file, language] of [
    ['neovim.lua', 'lua'],
    ['helix-languages.toml', 'toml'],
    ['eglot.el', 'elisp'],
  ] as const) {
    test(`${file} is in the README verbatim, in a \`\`\`${language} block`, () => {
      assert.ok(fences(language).includes(read(file)), `copy editors/${file} into README.md ("Other editors") unchanged`);
    });
  }

  test('all three start `dotnet-dockerfile-ls --stdio`, as the tested Neovim one does', () => {
    assert.match(read('neovim.lua'), /cmd = \{ 'dotnet-dockerfile-ls', '--stdio' \}/);
    assert.match(read('helix-languages.toml'), /^command = "dotnet-dockerfile-ls"\nargs = \["--stdio"\]$/m);
    assert.match(read('eglot.el'), /\("dotnet-dockerfile-ls" "--stdio"\)/);
  });

  test('they configure the settings section the server reads (dotnetDockerfile)', () => {
    assert.match(read('neovim.lua'), /settings = \{ dotnetDockerfile = /);
    assert.match(read('helix-languages.toml'), /^\[language-server\.dotnet-dockerfile\.config\.dotnetDockerfile\]$/m);
  });
});
