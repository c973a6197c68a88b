// `npm start`: see the product work, in this order so something useful shows at once.
//   1. build, and print the language server's answers on samples/ (scripts/demo.mjs)
//   2. package dist/dotnet-dockerfile.vsix; install it into a local `code` command when there is one
//   3. open a copy of samples/ (test/editor/.cache/playground, see playground.mjs) in a real VS Code in the browser
//      (code-server on 127.0.0.1, no auth) with the VSIX installed; first run installs node 24 + code-server into
//      test/editor/.cache (one time, ~4 min). Runs until Ctrl+C.
// If the editor cannot be installed here, step 1's output is the demo and we say why the editor is missing.
//
// Options: --no-editor        stop after steps 1-2
//          --check            everything, then check the editor answers with our extension installed and exit:
//                             exit 0 only when every step worked (CI runs this on a fresh clone)
//          --exit-when-ready  the same as --check (its older name)
//          --port=N, --port N port for the editor (default 8080, or a free one when 8080 is taken)
//          --fresh            start the playground over from samples/
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, ensureCodeServer, ensureDebianPackages, ensureNode24, log, root, versions } from './editor-env.mjs';
import { packageVsix } from './package.mjs';
import { preparePlayground } from './playground.mjs';
import { createProfile, freePort, installVsix, profileEnv, startCodeServer, waitForHttp } from '../test/editor/harness/codeServer.mjs';

const args = process.argv.slice(2);
const wantEditor = !args.includes('--no-editor');
const exitWhenReady = args.includes('--exit-when-ready') || args.includes('--check');
const check = args.includes('--check');
const portArg = args.find((a) => a.startsWith('--port='))?.slice('--port='.length) ?? (args.includes('--port') ? args[args.indexOf('--port') + 1] : undefined);
const requestedPort = Number(portArg ?? 8080);
if (!Number.isInteger(requestedPort) || requestedPort < 1 || requestedPort > 65535) {
  console.error(`--port must be a port number (1-65535), not "${portArg}"`);
  process.exit(2);
}

function step(title) {
  console.log(`\n=== ${title}`);
}

function node(script, scriptArgs = []) {
  return spawnSync(process.execPath, [path.join(root, script), ...scriptArgs], { cwd: root, stdio: 'inherit' }).status === 0;
}

/** A copy of samples/ to try things in; the editor saves as you type and must never change the tracked files. */
function folderToOpen() {
  const { folder, created } = preparePlayground({ fresh: args.includes('--fresh') });
  console.log(created ? `copied samples/ to ${path.relative(root, folder)} (edit freely; --fresh starts over)` : `opening ${path.relative(root, folder)}, your copy of samples/ (--fresh starts over)`);
  return folder;
}

function installIntoLocalCode(vsix) {
  const probe = spawnSync('code', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (probe.status !== 0) {
    console.log('no `code` command here; to use the extension in your own VS Code: code --install-extension dist/dotnet-dockerfile.vsix');
    return;
  }
  const r = spawnSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit', shell: process.platform === 'win32' });
  console.log(r.status === 0 ? 'installed into your VS Code (`code`): reload its window to use it' : '`code --install-extension` failed (see above)');
}

async function startEditor(vsix) {
  const firstRun = !fs.existsSync(path.join(cacheDir, 'code-server', `.installed-${versions.codeServer}`));
  if (firstRun) {
    console.log('first run: installing the editor (VS Code server inside the code-server npm package, and node 24) into');
    console.log('test/editor/.cache/ — a one-time install of about 4 minutes and 800 MB; later starts take seconds.');
  }
  ensureDebianPackages({ chromium: false });
  const node24 = ensureNode24();
  const { codeServer } = ensureCodeServer(node24);
  // keep the editor's state between starts: it is a place to try things, not a test
  const profile = createProfile(path.join(cacheDir, 'start', 'profile'), {}, { fresh: false });
  installVsix(profile, node24, codeServer, vsix);
  log('extension installed into the editor');
  const folder = folderToOpen();
  const port = await freePort(requestedPort);
  const server = startCodeServer({ profile, node24, codeServer, port, folder });
  const stop = () => server.stop();
  process.on('exit', stop);
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60000);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}; log: ${server.logFile}`, { cause: error });
  }
  console.log(`\n  VS Code with the extension, ${path.relative(root, folder) || '.'} open:\n\n    ${server.url}\n`);
  if (exitWhenReady) {
    const listed = spawnSync(node24.node, [codeServer, '--config', profile.config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--list-extensions'], {
      env: profileEnv(profile, node24),
      encoding: 'utf8',
    }).stdout;
    const ok = /dotnet-dockerfile\.dotnet-dockerfile/.test(listed);
    console.log(ok ? 'editor ready with dotnet-dockerfile.dotnet-dockerfile installed' : `extension missing; installed: ${listed}`);
    stop();
    return ok;
  }
  console.log('  Press Ctrl+C to stop.');
  await new Promise((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
    server.child.on('exit', (code) => {
      console.log(`code-server stopped (exit ${code}); log: ${server.logFile}`);
      resolve(undefined);
    });
  });
  stop();
  return true;
}

async function main() {
  step('build');
  if (!node('scripts/build.mjs')) return 1;

  step('the language server on samples/');
  const demoShown = fs.existsSync(path.join(root, 'scripts/demo.mjs')) && node('scripts/demo.mjs');
  if (!demoShown) console.log('(scripts/demo.mjs is missing or failed)');
  if (!demoShown && check) return 1;

  step('package');
  const { vsix, bytes } = packageVsix({ quiet: true });
  console.log(`${path.relative(root, vsix)} (${(bytes / 1024).toFixed(0)} KB)`);
  installIntoLocalCode(vsix);
  if (!wantEditor) return 0;

  step('VS Code in your browser');
  try {
    return (await startEditor(vsix)) ? 0 : 1;
  } catch (error) {
    console.log(`\nThe editor could not be started on this machine: ${error instanceof Error ? error.message : error}`);
    if (check) return 1; // --check proves every step, the editor included
    console.log(demoShown
      ? 'The language server\'s answers above are the product working; the VSIX is in dist/ for any VS Code.'
      : 'Run `node scripts/demo.mjs` to see the language server\'s answers; the VSIX is in dist/ for any VS Code.');
    return demoShown ? 0 : 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
