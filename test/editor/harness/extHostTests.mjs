// Runs an extensionTestsPath module inside the real (node) extension host of the VS Code server: the workbench page,
// opened in chromium with ?payload=, loads the extension under development and the tests, and reports the tests'
// exit code through window.codeAutomationExit (the smoke-test driver hook).
import { launchChromium } from './playwright.mjs';

/**
 * @param {{ port: number, folder: string, extensionPath: string, testsPath: string, timeoutMs?: number,
 *           log?: (line: string) => void }} options
 * @returns {Promise<number | 'timeout'>} the exit code the tests reported
 */
export async function runExtensionHostTests({ port, folder, extensionPath, testsPath, timeoutMs = 180000, log = console.log }) {
  const host = `127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${extensionPath}`],
    ['extensionTestsPath', `vscode-remote://${host}${testsPath}`],
  ];
  const url = `http://${host}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await launchChromium();
  try {
    const { page } = browser;
    page.on('requestfailed', (r) => {
      if (!r.url().startsWith('http://127.0.0.1')) log(`[blocked external request] ${r.url().slice(0, 120)}`);
    });
    // the extension host forwards its console to the page; the workbench adds its own noise (404s for web-only
    // resources such as manifest.json), so the caller decides where these lines go
    page.on('console', (m) => log(m.text().replace(/%c/g, '')));
    /** @type {Promise<number>} */
    const exited = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (/** @type {number} */ code) => resolve(code));
    });
    await page.goto(url);
    /** @type {Promise<'timeout'>} */
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    return await Promise.race([exited, timeout]);
  } finally {
    await browser.close();
  }
}
