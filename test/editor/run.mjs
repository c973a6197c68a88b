// `npm run test:editor`: the extension installed in a real VS Code, tested two ways.
//   (a) extension-host suite (test/editor/suite, mocha, real `vscode` API) in the VS Code server bundled in
//       code-server, loaded through ?payload= with the smoke-test driver; the extension under test is the
//       unpacked VSIX, i.e. exactly what ships.
//   (b) UI suite (test/editor/ui, node:test + playwright-core + Debian chromium) against code-server with the
//       VSIX installed the way a user installs it.
// First run installs chromium, node 24, code-server and playwright-core into test/editor/.cache (~4 min);
// later runs take well under a minute. Exits non-zero on any failure.
//
// Options: --only=ext|ui     run one suite
// Env:     NEGATIVE_CONTROL=1 run without our extension (the suites must then fail; see negative-control.sh)
//          DDF_VERBOSE=1      echo the workbench console of the extension-host run
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, ensureDebianPackages, ensureNode24, ensurePlaywright, log, root } from '../../scripts/editor-env.mjs';
import { extractZip, packageVsix } from '../../scripts/package.mjs';
import { buildSuite, suiteOutDir } from './harness/buildSuite.mjs';
import { createProfile, freePort, installVsix, startCodeServer, startTestServer, waitForHttp } from './harness/codeServer.mjs';
import { runExtensionHostTests } from './harness/extHostTests.mjs';
import { cachedToolsModules } from './harness/playwright.mjs';

const editorDir = path.dirname(fileURLToPath(import.meta.url));
const runDir = path.join(editorDir, '.cache', 'run');
const artifactsDir = path.join(editorDir, 'artifacts');
const negative = process.env.NEGATIVE_CONTROL === '1';
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

// The extension's "today" for its old-catalog notice (client/src/catalogAgeNotice.ts): long after any catalog we
// ship, so the UI suite sees the notice and answers it, whatever the machine's clock says.
process.env.DOTNET_DOCKERFILE_TODAY ??= '2030-01-01';

/** Servers to stop however we leave (their process groups include the extension host and our language server). */
const running = [];
const stopAll = () => running.splice(0).forEach((s) => s.stop());
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/** @type {{ suite: string, passed: number, failed: number }[]} */
const tally = [];

function copyWorkspace(name) {
  // a copy per run: a test edit must never reach the committed fixture (the folder name shows in screenshots)
  const dir = path.join(runDir, name, 'MyWebApp');
  fs.cpSync(path.join(editorDir, 'fixtures', 'workspace'), dir, { recursive: true });
  return dir;
}

async function extensionHostSuite({ node24, serverMain, vsix }) {
  const testsPath = await buildSuite();
  let extensionPath = path.join(editorDir, 'fixtures', 'no-extension');
  if (!negative) {
    extractZip(vsix, path.join(runDir, 'vsix'));
    extensionPath = path.join(runDir, 'vsix', 'extension');
  }
  const profile = createProfile(path.join(runDir, 'ext-host-profile'));
  const port = await freePort();
  const server = startTestServer({ profile, node24, serverMain, port });
  running.push(server);
  await waitForHttp(`http://127.0.0.1:${port}/`);
  log(`(a) extension-host suite: VS Code server on :${port}, extension ${path.relative(root, extensionPath)}`);
  const consoleLog = path.join(runDir, 'ext-host-console.log');
  const code = await runExtensionHostTests({
    port,
    folder: copyWorkspace('ws-ext'),
    extensionPath,
    testsPath,
    log: (line) => {
      fs.appendFileSync(consoleLog, line + '\n');
      if (process.env.DDF_VERBOSE === '1') console.log(`    ${line}`);
    },
  });
  server.stop();
  const resultsFile = path.join(suiteOutDir, 'results.json');
  /** @type {{ title: string, state: string, ms: number, error?: string }[]} */
  const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : [];
  for (const r of results) console.log(`    ${r.state === 'passed' ? 'ok  ' : 'FAIL'} ${r.title} (${r.ms} ms)${r.error ? `\n         ${r.error}` : ''}`);
  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.length - passed || (code === 0 ? 0 : 1);
  if (results.length === 0 || code !== 0) printLogs(profile, [consoleLog, server.logFile]);
  tally.push({ suite: 'extension host', passed, failed });
  log(`(a) exit code ${code}: ${passed} passed, ${failed} failed`);
}

async function uiSuite({ node24, codeServer, vsix }) {
  const profile = createProfile(path.join(runDir, 'ui-profile'), {
    // suggestions only on Ctrl+Space, so the test reads the widget it opened, not one a trigger character opened
    'editor.suggestOnTriggerCharacters': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    // only our extension's suggestions, not words from the file
    'editor.wordBasedSuggestions': 'off',
    'editor.hover.delay': 150,
    // the FROM signature help would cover the suggest widget in the completion screenshot
    'editor.parameterHints.enabled': false,
  });
  if (!negative) installVsix(profile, node24, codeServer, vsix);
  const port = await freePort();
  const folder = copyWorkspace('ws-ui');
  const server = startCodeServer({ profile, node24, codeServer, port, folder });
  running.push(server);
  await waitForHttp(`http://127.0.0.1:${port}/healthz`);
  log(`(b) UI suite: code-server on :${port}${negative ? ' WITHOUT our extension' : ' with the VSIX installed'}`);
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });
  const env = {
    ...process.env,
    DDF_UI_URL: server.url,
    DDF_UI_WORKSPACE: folder,
    DDF_ARTIFACTS: artifactsDir,
    // playwright-core from the cache until it is a devDependency (tsx runs the suite as CommonJS, which reads NODE_PATH)
    NODE_PATH: [cachedToolsModules, process.env.NODE_PATH].filter(Boolean).join(path.delimiter),
  };
  const output = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', path.join(editorDir, 'ui', 'editor.test.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      process.stdout.write(String(chunk).replace(/^/gm, '    '));
    });
    child.on('close', (exitCode) => resolve({ text, exitCode }));
  });
  server.stop();
  if (output.exitCode !== 0) printLogs(profile, [server.logFile]);
  const count = (label) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output.text)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') || (output.exitCode === 0 ? 0 : 1);
  tally.push({ suite: 'UI', passed, failed });
  log(`(b) ${passed} passed, ${failed} failed; screenshots in ${path.relative(root, artifactsDir)}/`);
  if (failed === 0 && !negative) publishScreenshots();
}

/** Where to look when a suite fails: the runner's logs and our language server's output channel. */
function printLogs(profile, files) {
  const channels = [];
  const walk = (dir) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (full.includes(`${path.sep}dotnet-dockerfile.dotnet-dockerfile${path.sep}`)) channels.push(full);
    }
  };
  walk(path.join(profile.userData, 'logs'));
  for (const f of [...files, ...channels]) console.log(`    log: ${path.relative(root, f)}`);
}

/** The README shows the last four steps; refresh them only from a fully green run. */
function publishScreenshots() {
  const docsImages = path.join(root, 'client', 'images');
  fs.mkdirSync(docsImages, { recursive: true });
  for (const name of ['completion', 'hover', 'problems', 'fix', 'create-dockerfile']) {
    fs.copyFileSync(path.join(artifactsDir, `${name}.png`), path.join(docsImages, `${name}.png`));
  }
  log(`copied completion/hover/problems/fix/create-dockerfile screenshots to client/images/`);
}

async function main() {
  log(negative ? 'NEGATIVE CONTROL: running the suites without our extension; they must fail' : 'editor tests');
  ensureDebianPackages(); // both suites drive a workbench page in chromium
  const node24 = ensureNode24();
  const { codeServer, serverMain } = ensureCodeServer(node24);
  ensurePlaywright();
  log('tools ready');

  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const { vsix, bytes } = packageVsix({ quiet: true });
  log(`packaged ${path.relative(root, vsix)} (${(bytes / 1024).toFixed(0)} KB)`);

  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  if (only !== 'ui') await extensionHostSuite({ node24, serverMain, vsix });
  if (only !== 'ext') await uiSuite({ node24, codeServer, vsix });

  const passed = tally.reduce((n, t) => n + t.passed, 0);
  const failed = tally.reduce((n, t) => n + t.failed, 0);
  log(`done: ${tally.map((t) => `${t.suite} ${t.passed}/${t.passed + t.failed}`).join(', ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  },
);
