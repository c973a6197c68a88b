// Runs the tests that need no editor with Node's built-in test runner (TypeScript through tsx).
// Usage: node scripts/test.mjs [folder-or-file ...]   (default: test/unit test/catalog test/lsp test/corpus test/cli test/registry test/hostile, the vsix check)
// test/hostile runs a short version here (1 generated case per shape, up to 256 KB); `npm run test:hostile` the long one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const defaults = ['test/unit', 'test/catalog', 'test/lsp', 'test/corpus', 'test/cli', 'test/registry', 'test/package', 'test/hostile', 'test/editor/vsix.test.mjs', 'test/editor/editorConfigs.test.ts'];
const targets = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passthrough = process.argv.slice(2).filter((a) => a.startsWith('--'));

function collect(target, out) {
  if (!existsSync(target)) return;
  if (statSync(target).isFile()) {
    out.push(target);
    return;
  }
  for (const entry of readdirSync(target).sort()) {
    // Hidden folders are caches (test/build/.cache holds image file systems), never tests.
    if (entry.startsWith('.')) continue;
    const full = path.join(target, entry);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (/\.test\.(ts|mjs|js)$/.test(entry)) out.push(full);
  }
}

const files = [];
for (const t of targets.length ? targets : defaults) collect(t, files);
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...passthrough, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
