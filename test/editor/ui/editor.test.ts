// Drives code-server (with our VSIX installed) in Debian's chromium the way a person would: open the Dockerfile,
// hover the chiseled tag, read the Problems panel, apply the exec-form fix from Ctrl+., type a FROM line and read
// the suggestions. Started by test/editor/run.mjs, which passes the server URL and a per-run workspace copy.
// Each step saves a screenshot in test/editor/artifacts/ (run.mjs copies four of them to client/images/).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import chromiumOptions from '../harness/chromium.json';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the UI suite through test/editor/run.mjs`);
  return value;
}
const url = required('DDF_UI_URL');
const workspace = required('DDF_UI_WORKSPACE');
const artifacts = required('DDF_ARTIFACTS');
// a negative control only has to show the failure, not wait the full time for it; only waits for our
// extension's answers are shortened (`ours`), never the editor's own, so the workbench steps still pass there
const patience = process.env.NEGATIVE_CONTROL === '1' ? 0.25 : 1;
const ours = (ms: number) => ms * patience;

const dockerfile = path.join(workspace, 'Dockerfile');
const shellForm = 'CMD dotnet app.dll';
// The chiseled aspnet image has ENTRYPOINT ["/usr/bin/dotnet"]: the exec-form fix writes the app's own ENTRYPOINT.
const execForm = 'ENTRYPOINT ["dotnet", "app.dll"]';
const rule = 'shell-form-without-shell';

let context: BrowserContext;
let page: Page;
let profileDir: string;

/** Monaco draws spaces as non-breaking spaces; compare what a person reads. */
const readable = (text: string) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });
const editorLines = () => page.locator('.monaco-editor .view-lines').first();

/** Browser-side finder of text on screen (a plain JS function expression: the project compiles without DOM types). */
const textBoxSource = fs.readFileSync(path.join(__dirname, 'textBox.browser.js'), 'utf8').replace(/^\/\/.*\n/gm, '').trim();

/**
 * Screen position of `needle` in the editor's rendered text (found through a DOM Range, so no column is counted).
 * `at` is where inside the needle (0..1) to point.
 */
async function pointAt(needle: string, at = 0.5): Promise<{ x: number; y: number }> {
  const box: unknown = await page.evaluate(`(${textBoxSource})(${JSON.stringify(needle)})`);
  assert.ok(isBox(box), `"${needle}" is not on screen in the editor`);
  return { x: box.left + box.width * at, y: box.top + box.height / 2 };
}

function isBox(value: unknown): value is { left: number; top: number; width: number; height: number } {
  return typeof value === 'object' && value !== null && ['left', 'top', 'width', 'height'].every((k) => typeof (value as Record<string, unknown>)[k] === 'number');
}

/** Waits for a row of the suggest widget, markers panel or action list whose text matches. */
async function rowWith(container: string, text: string | RegExp, timeout: number): Promise<Locator> {
  const row = page.locator(`${container} .monaco-list-row`, { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout });
  return row;
}

describe('dotnet-dockerfile in code-server', { timeout: 240000 }, () => {
  before(async () => {
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddf-ui-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumOptions.executablePath,
      args: chromiumOptions.args,
      headless: true,
      viewport: { width: 1400, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  });

  // the screen after every step, pass or fail: what a person would have seen
  afterEach(async (t) => {
    await shot(`after-${t.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
  });

  after(async () => {
    await context?.close();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  test('opens the workspace and the Dockerfile', async () => {
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    // the explorer lists the Dockerfile once the remote file system is connected
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor({ timeout: 60000 });
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill('Dockerfile');
    await rowWith('.quick-input-list', 'Dockerfile', 10000);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'noble-chiseled' }).first().waitFor({ timeout: 15000 });
    const mode = readable(await page.locator('#status\\.editor\\.mode').innerText());
    await shot('01-open');
    // VS Code's own name for the dockerfile language
    assert.equal(mode, 'Docker');
  });

  test('says once that the catalog is old: Refresh now, Refresh weekly, Not now', async () => {
    // run.mjs fixes the extension's "today" (DOTNET_DOCKERFILE_TODAY) months after the shipped catalog's date
    const toast = page.locator('.notification-toast', { hasText: 'image catalog is from' }).first();
    await toast.waitFor({ state: 'visible', timeout: ours(30000) });
    const message = readable(await toast.locator('.notification-list-item-message').innerText());
    const buttons = (await toast.locator('.monaco-button').allInnerTexts()).map(readable).filter(Boolean);
    await shot('old-catalog');
    assert.match(message, /The \.NET image catalog is from \d{4}-\d{2}-\d{2} \(\d+ days old\)/);
    assert.deepEqual(buttons, ['Refresh now', 'Refresh weekly', 'Not now']);
    await toast.locator('.monaco-button', { hasText: 'Not now' }).click();
    await toast.waitFor({ state: 'detached', timeout: 10000 });
  });

  test('hover on the chiseled tag says it has no shell', async () => {
    const target = await pointAt('noble-chiseled');
    const hover = page.locator('.monaco-hover', { hasText: /shell/i }).first();
    // A mouse hover depends on timers that a loaded machine can miss; put the caret on the tag and ask for the
    // hover with the keyboard (Ctrl+K Ctrl+I, "Show Hover"), as a keyboard user does, and try again if needed.
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.mouse.click(target.x, target.y);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      try {
        await hover.waitFor({ state: 'visible', timeout: ours(8000) });
        break;
      } catch (error) {
        if (attempt === 2) throw error;
        await page.keyboard.press('Escape');
      }
    }
    const text = readable(await hover.innerText());
    await shot('hover');
    assert.match(text, /chiseled/i);
  });

  test(`the Problems panel shows ${rule}`, async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const row = await rowWith('.markers-panel', rule, ours(30000));
    const text = readable(await row.innerText());
    await shot('problems');
    assert.match(text, /shell/i);
  });

  test('Ctrl+. applies the exec-form fix', async () => {
    const original = fs.readFileSync(dockerfile, 'utf8');
    // the fix must answer our error (a refactoring offering the same rewrite must not pass this on its own)
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: ours(30000) });
    // put the cursor inside the error like a person would: click on it
    const error = await pointAt('dotnet app.dll', 0.3);
    await page.mouse.click(error.x, error.y);
    await page.keyboard.press('Control+.');
    const item = await rowWith('.action-widget', /exec form/i, ours(15000));
    await item.hover();
    await shot('fix');
    await item.click();
    // monaco renders spaces as non-breaking spaces: match the fixed line with any whitespace
    await page.locator('.monaco-editor .view-line', { hasText: /ENTRYPOINT\s\["dotnet",\s"app\.dll"\]/ }).first().waitFor({ timeout: 10000 });
    await page.locator('.markers-panel .monaco-list-row', { hasText: rule }).first().waitFor({ state: 'detached', timeout: 15000 });
    await page.keyboard.press('Control+S');
    const expected = original.replace(shellForm, execForm);
    // saving is asynchronous: wait for the file on disk, then compare all of it
    const deadline = Date.now() + 10000;
    while (fs.readFileSync(dockerfile, 'utf8') !== expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await shot('fix-applied');
    assert.equal(fs.readFileSync(dockerfile, 'utf8'), expected);
  });

  test('"Create a Dockerfile for this project" writes and opens Api/Dockerfile; the Problems panel stays empty', async () => {
    const written = path.join(workspace, 'Api', 'Dockerfile');
    assert.equal(fs.existsSync(written), false, 'the fixture has no Api/Dockerfile yet');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill('>Create a Dockerfile for this project');
    await rowWith('.quick-input-list', 'Create a Dockerfile for this project', ours(15000));
    await page.keyboard.press('Enter');
    // the command opens what it wrote (the workspace has one project, so nothing to pick)
    await page.locator('.monaco-editor .view-lines', { hasText: 'BUILDPLATFORM' }).first().waitFor({ timeout: ours(30000) });
    const deadline = Date.now() + 10000;
    while (!fs.existsSync(written) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.match(fs.readFileSync(written, 'utf8'), /FROM mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble-chiseled-composite-extra AS final/);
    assert.ok(fs.existsSync(path.join(workspace, 'Api', '.dockerignore')));
    // the server validates the new file after its debounce; give it that time, then read the panel
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').first().waitFor({ state: 'visible', timeout: 10000 });
    await new Promise((r) => setTimeout(r, ours(4000)));
    const rows = (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map(readable);
    await shot('create-dockerfile');
    assert.deepEqual(rows, [], `the Problems panel lists: ${rows.join(' | ')}`);
    // back to the workspace's own Dockerfile for the next step
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill('Dockerfile');
    const root = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dockerfile' }).filter({ hasNotText: 'Api' }).first();
    await root.waitFor({ state: 'visible', timeout: 10000 });
    await root.click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'noble-chiseled' }).first().waitFor({ timeout: 15000 });
  });

  test('completion after aspnet:10.0- offers OS variants', async () => {
    await page.mouse.move(5, 5);
    await editorLines().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('FROM mcr.microsoft.com/dotnet/aspnet:10.0-');
    await page.keyboard.press('Control+Space');
    await rowWith('.suggest-widget', 'noble', ours(20000));
    const rows = (await page.locator('.suggest-widget .monaco-list-row').allInnerTexts()).map(readable);
    await shot('completion');
    await page.keyboard.press('Escape');
    assert.ok(rows.some((r) => r.includes('noble')), `suggestions: ${rows.join(' | ')}`);
  });
});
