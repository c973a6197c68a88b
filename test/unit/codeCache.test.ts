// The server's loader: runs a bundle through V8's code cache, and no state of the cache can stop it.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheFileName, runWithCodeCache, type CodeCacheEvent } from '../../server/src/launch/codeCache';
import { onFirstDiagnosticsSent, signalDiagnosticsSent } from '../../server/src/launch/codeCacheSignal';
import { removeTrees, writeTree } from '../helpers/tempTree';


after(removeTrees);

const BUNDLE = `
const sibling = require('./sibling.js');
module.exports = { file: __filename, dir: __dirname, sibling, sum: [1, 2, 3].reduce((a, b) => a + b, 0) };
`;

interface Run {
  readonly exports: unknown;
  readonly events: CodeCacheEvent[];
  /** Resolves with the write's event (written / write failed), when one was scheduled. */
  readonly written: Promise<CodeCacheEvent>;
}

function run(root: string, options: { key?: string; folder?: string | undefined; file?: string } = {}): Run {
  const events: CodeCacheEvent[] = [];
  let settle: (event: CodeCacheEvent) => void = () => undefined;
  // The loader's write timer does not keep a process alive (a server must be free to exit); this test must wait for it.
  const keepAlive = setTimeout(() => undefined, 10_000);
  const written = new Promise<CodeCacheEvent>((resolve) => (settle = resolve)).finally(() => clearTimeout(keepAlive));
  let exports: unknown;
  try {
    exports = runWithCodeCache({
      file: options.file ?? path.join(root, 'bundle.js'),
      key: options.key ?? 'build1',
      folder: 'folder' in options ? options.folder : path.join(root, 'cache'),
      writeAfterMs: 0,
      report: (event) => {
        events.push(event);
        if (event === 'written' || event.startsWith('write failed')) settle(event);
      },
    });
  } catch (error) {
    clearTimeout(keepAlive);
    throw error;
  }
  if (!events.includes('missing') && !events.includes('rejected')) clearTimeout(keepAlive);
  return { exports, events, written };
}

const loaderModule = path.resolve(__dirname, '..', '..', 'server', 'src', 'launch', 'codeCache.ts');

/**
 * The same, in a new process, as a server starts: this process's V8 already compiled the bundle and would answer
 * from its in-memory compilation cache without looking at the cache file at all.
 */
function runInChild(root: string, key = 'build1'): { exports: unknown; events: CodeCacheEvent[] } {
  const program = `
    const { runWithCodeCache } = require(${JSON.stringify(loaderModule)});
    const events = [];
    const exports = runWithCodeCache({ file: ${JSON.stringify(path.join(root, 'bundle.js'))}, key: ${JSON.stringify(key)},
      folder: ${JSON.stringify(path.join(root, 'cache'))}, writeAfterMs: 0, report: (event) => events.push(event) });
    setTimeout(() => process.stdout.write(JSON.stringify({ exports, events })), 50);`;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', program], { encoding: 'utf8' });
  return JSON.parse(output) as { exports: unknown; events: CodeCacheEvent[] };
}

function bundleTree(): string {
  return writeTree('ddf-code-cache-', { 'bundle.js': BUNDLE, 'sibling.js': 'module.exports = "next door";' });
}

function expectedExports(root: string): unknown {
  return { file: path.join(root, 'bundle.js'), dir: root, sibling: 'next door', sum: 6 };
}

describe('the code cache loader', () => {
  test('without a folder it is a plain require', () => {
    const root = bundleTree();
    const first = run(root, { folder: undefined });
    assert.deepEqual(first.events, ['off']);
    assert.deepEqual(first.exports, expectedExports(root));
  });

  test('the first run writes a cache, the next runs from it, with the module as require would run it', async () => {
    const root = bundleTree();
    const first = run(root);
    assert.deepEqual(first.exports, expectedExports(root));
    assert.equal(await first.written, 'written');
    assert.deepEqual(first.events, ['missing', 'written']);
    assert.deepEqual(readdirSync(path.join(root, 'cache')), [cacheFileName('build1')]);

    const second = runInChild(root);
    assert.deepEqual(second.events, ['accepted']);
    assert.deepEqual(second.exports, expectedExports(root));
  });

  test('a corrupt cache is rejected by V8, the module still runs, and the cache is rewritten', async () => {
    const root = bundleTree();
    await run(root).written;
    const file = path.join(root, 'cache', cacheFileName('build1'));
    writeFileSync(file, Buffer.from('not bytecode at all, just bytes'.repeat(20)));
    const corrupt = runInChild(root);
    assert.deepEqual(corrupt.exports, expectedExports(root));
    assert.deepEqual(corrupt.events, ['rejected', 'written']);
    assert.notEqual(readFileSync(file).toString('latin1').slice(0, 20), 'not bytecode at all,');
    assert.deepEqual(runInChild(root).events, ['accepted']);
  });

  test('a new build gets its own cache and the file of the old build is removed', async () => {
    const root = bundleTree();
    await run(root).written;
    const next = run(root, { key: 'build2' });
    assert.deepEqual(next.events.slice(0, 1), ['missing']);
    await next.written;
    assert.deepEqual(readdirSync(path.join(root, 'cache')), [cacheFileName('build2')]);
  });

  test('a folder that cannot be made only costs the cache: the module runs and the failure is reported', async () => {
    const root = bundleTree();
    writeFileSync(path.join(root, 'blocked'), 'a file where the folder should be');
    const blocked = run(root, { folder: path.join(root, 'blocked', 'cache') });
    assert.deepEqual(blocked.exports, expectedExports(root));
    assert.match(await blocked.written, /^write failed: /);
    assert.equal(existsSync(path.join(root, 'blocked', 'cache')), false);
  });

  test('the server’s first diagnostics write the cache before the timer, once; the timer then writes nothing', async () => {
    const root = bundleTree();
    const events: CodeCacheEvent[] = [];
    const timer = setTimeout(() => undefined, 10_000); // the loader's own timer does not keep this process alive
    try {
      runWithCodeCache({
        file: path.join(root, 'bundle.js'),
        key: 'build1',
        folder: path.join(root, 'cache'),
        writeAfterMs: 200,
        writeSooner: (write) => onFirstDiagnosticsSent(write),
        report: (event) => events.push(event),
      });
      assert.deepEqual(events, ['missing']);
      signalDiagnosticsSent(); // the server sent its first diagnostics
      signalDiagnosticsSent(); // and more: only the first counts
      assert.deepEqual(events, ['missing', 'written']);
      assert.deepEqual(readdirSync(path.join(root, 'cache')), [cacheFileName('build1')]);
      await new Promise((resolve) => setTimeout(resolve, 300)); // past the timer
      assert.deepEqual(events, ['missing', 'written']);
    } finally {
      clearTimeout(timer);
    }
  });

  test('an error thrown by the module reaches the caller, as with require', () => {
    const root = writeTree('ddf-code-cache-', { 'bundle.js': 'throw new Error("broken bundle");' });
    assert.throws(() => run(root), /broken bundle/);
  });
});
