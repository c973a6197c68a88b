// `npm run test:vscode`: the same extension-host suite (test/editor/suite) in desktop VS Code, through
// @vscode/test-electron. It downloads VS Code, so it only works where that download host is reachable (not on our
// machines or CI: there `npm run test:editor` runs the suite in the VS Code server instead).
// Env: VSCODE_VERSION (default 1.139.1, the version inside our pinned code-server; "stable" for the newest)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { extractZip, packageVsix } from '../../scripts/package.mjs';
import { buildSuite, suiteOutDir } from './harness/buildSuite.mjs';

const editorDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(editorDir, '../..');
const runDir = path.join(editorDir, '.cache', 'run-electron');

async function main() {
  if (spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' }).status !== 0) return 1;
  const { vsix } = packageVsix({ quiet: true });
  fs.rmSync(runDir, { recursive: true, force: true });
  // test what ships: the unpacked VSIX is the extension under development
  extractZip(vsix, path.join(runDir, 'vsix'));
  const workspace = path.join(runDir, 'MyWebApp');
  fs.cpSync(path.join(editorDir, 'fixtures', 'workspace'), workspace, { recursive: true });
  const extensionTestsPath = await buildSuite();
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.139.1',
      extensionDevelopmentPath: path.join(runDir, 'vsix', 'extension'),
      extensionTestsPath,
      // other installed extensions off; a private profile (test-electron adds sandbox, update and trust flags itself)
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(runDir, 'user-data')}`],
    });
  } catch (error) {
    console.error(`extension-host tests failed: ${error instanceof Error ? error.message : error}`);
    return 1;
  } finally {
    const results = path.join(suiteOutDir, 'results.json');
    if (fs.existsSync(results)) console.log(`results: ${path.relative(root, results)}`);
  }
  return 0;
}

main().then((code) => process.exit(code));
