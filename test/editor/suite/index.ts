// extensionTestsPath entry: VS Code calls run() inside the extension host, for both runners (the VS Code server
// via test/editor/run.mjs, and @vscode/test-electron via test/editor/run-test-electron.mjs). esbuild bundles this
// folder to test/editor/.cache/suite/; mocha stays external and is found in the project's node_modules.
import fs from 'node:fs';
import path from 'node:path';
import type MochaType from 'mocha';

/**
 * mocha 12 is an ES module. Depending on the runtime (node 24 in the VS Code server, Electron's node in desktop
 * VS Code) and esbuild's interop, loading it gives the constructor or one or two namespaces wrapped around it.
 */
async function loadMocha(): Promise<typeof MochaType> {
  let candidate: unknown = await import('mocha');
  for (let depth = 0; depth < 3 && typeof candidate !== 'function'; depth++) {
    candidate = typeof candidate === 'object' && candidate !== null ? (candidate as { default?: unknown }).default : undefined;
  }
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
  const Mocha = await loadMocha();
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
