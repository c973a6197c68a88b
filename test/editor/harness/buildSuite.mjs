// Bundles the extension-host suite (test/editor/suite/*.ts) to CommonJS for VS Code to load as extensionTestsPath.
// `vscode` is provided by the extension host; mocha is resolved from the project's node_modules at run time
// (the output folder is inside the project, so require() walks up to it).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const editorDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the bundled suite goes; its index.js is the extensionTestsPath. */
export const suiteOutDir = path.join(editorDir, '.cache', 'suite');

/** @returns {Promise<string>} path of the bundled index.js */
export async function buildSuite() {
  const srcDir = path.join(editorDir, 'suite');
  fs.rmSync(suiteOutDir, { recursive: true, force: true });
  const entryPoints = fs.readdirSync(srcDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => path.join(srcDir, f));
  await esbuild.build({
    entryPoints,
    outdir: suiteOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(suiteOutDir, 'index.js');
}
