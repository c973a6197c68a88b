// extensionTestsPath entry: VS Code calls run() inside the extension host, for both runners (the VS Code server
// via test/editor/run.mjs, and @vscode/test-electron via test/editor/run-test-electron.mjs). esbuild bundles this
// folder to test/editor/.cache/suite/; mocha stays external and is found in the project's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import type MochaType from 'mocha';

/** mocha 12 is an ES module; require() of it gives the constructor or a namespace holding it, by node version. */
function loadMocha(): typeof MochaType {
  const loaded: unknown = require('mocha');
  const candidate = typeof loaded === 'function' ? loaded : (loaded as { default?: unknown }).default;
  if (typeof candidate !== 'function') throw new Error('could not load mocha from node_modules');
  return candidate as typeof MochaType;
}

/** One line per test, also written to results.json beside this file so the runner can print and count them. */
interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  ms: number;
  error?: string;
}

export async function run(): Promise<void> {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', timeout: 90000, color: false, reporter: 'spec' });
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  const results: TestResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', ms: test.duration ?? 0 }));
    runner.on('fail', (test, error: unknown) =>
      results.push({ title: test.fullTitle(), state: 'failed', ms: test.duration ?? 0, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(results, null, 2));
  const passed = results.filter((r) => r.state === 'passed').length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
