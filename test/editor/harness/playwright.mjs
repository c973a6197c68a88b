// playwright-core comes from the project's node_modules when it is a devDependency, else from the editor cache
// (scripts/editor-env.mjs installs it there), so the harness runs before and after it is added to package.json.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** node_modules folder of the cached tools (playwright-core). */
export const cachedToolsModules = path.resolve(here, '../.cache/tools/node_modules');
/** Executable and flags for Debian's chromium (shared with the TypeScript UI suite). */
export const chromiumOptions = JSON.parse(fs.readFileSync(path.join(here, 'chromium.json'), 'utf8'));

/** @returns {typeof import('playwright-core')} */
export function loadPlaywright() {
  const require = createRequire(import.meta.url);
  try {
    return require('playwright-core');
  } catch {
    return require(path.join(cachedToolsModules, 'playwright-core'));
  }
}

/**
 * Headless chromium with a throwaway profile; close() also deletes the profile.
 * @param {{ viewport?: { width: number, height: number } }} [options]
 */
export async function launchChromium(options = {}) {
  const { chromium } = loadPlaywright();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddf-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumOptions.executablePath,
    args: chromiumOptions.args,
    headless: true,
    viewport: options.viewport ?? { width: 1400, height: 900 },
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, page: context.pages()[0] ?? (await context.newPage()), close };
}
