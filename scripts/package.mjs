// Packages the built extension (dist/ must exist: `npm run package` builds first) into
// dist/dotnet-dockerfile-<version>.vsix and a version-less copy dist/dotnet-dockerfile.vsix, with @vscode/vsce.
// .vscodeignore is an allowlist; this script then checks the VSIX really holds only what runs, and is < 2 MB.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The Marketplace accepts more, but a bundled language server has no reason to weigh this much. */
export const maxVsixBytes = 2 * 1024 * 1024;

/** Files that must be in every VSIX: without them the extension cannot start or answer. */
export const requiredEntries = [
  'extension/package.json',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/images/icon.png',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/dist/server-main.js',
  'extension/dist/general-worker.js',
  'extension/dist/dotnet-images.catalog',
];

/**
 * Entries of a zip file (a VSIX is one), read from its central directory.
 * @param {Buffer} buf
 * @returns {{ name: string, method: number, compressedSize: number, localOffset: number }[]}
 */
function zipDirectory(buf) {
  // End-of-central-directory record: signature 0x06054b50, within the last 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`corrupt central directory entry ${i}`);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    entries.push({
      name: buf.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: buf.readUInt16LE(offset + 10),
      compressedSize: buf.readUInt32LE(offset + 20),
      localOffset: buf.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Names of the entries of a zip file.
 * @param {string} file
 * @returns {string[]}
 */
export function listZipEntries(file) {
  return zipDirectory(fs.readFileSync(file)).map((e) => e.name);
}

/**
 * Unpacks a zip (stored or deflated entries, as vsce writes them) into `dir`, e.g. a VSIX so the editor tests can
 * load exactly what ships (its `extension/` folder) as the extension under development.
 * @param {string} file
 * @param {string} dir
 */
export function extractZip(file, dir) {
  const buf = fs.readFileSync(file);
  for (const entry of zipDirectory(buf)) {
    const target = path.resolve(dir, entry.name);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`${file}: entry escapes the target folder: ${entry.name}`);
    if (entry.name.endsWith('/')) continue;
    // the local header repeats name and extra field, with its own lengths
    const dataStart = entry.localOffset + 30 + buf.readUInt16LE(entry.localOffset + 26) + buf.readUInt16LE(entry.localOffset + 28);
    const data = buf.subarray(dataStart, dataStart + entry.compressedSize);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (entry.method === 0) fs.writeFileSync(target, data);
    else if (entry.method === 8) fs.writeFileSync(target, zlib.inflateRawSync(data));
    else throw new Error(`${file}: ${entry.name} uses zip method ${entry.method}, which this reader does not know`);
  }
}

/**
 * Why an entry list is not a VSIX we want to ship, or [] when it is fine.
 * @param {string[]} entries
 * @returns {string[]}
 */
export function vsixProblems(entries) {
  const problems = requiredEntries.filter((e) => !entries.includes(e)).map((e) => `missing ${e}`);
  for (const e of entries) {
    if (/(^|\/)node_modules\//.test(e)) problems.push(`node_modules must be bundled, not shipped: ${e}`);
    if (/^extension\/(client|server|test|scripts|samples)\//.test(e) && !/^extension\/client\/images\/[^/]+\.png$/.test(e)) problems.push(`sources/tests must not ship: ${e}`);
    if (/\.(ts|map)$/.test(e)) problems.push(`not needed at run time: ${e}`);
  }
  return problems;
}

/** Top-level folders that never ship and are big: vsce would walk (and pattern-match) every file in them. */
const neverShipped = new Set(['node_modules', '.git', 'test', 'samples', '.ci', '.vscode-test']);

/**
 * A copy of the repository without `neverShipped` and without dist's leftovers, for vsce to package from. vsce
 * globs the whole folder before applying .vscodeignore, and the editor-test cache alone (test/editor/.cache) holds
 * 12,000+ files: packaging in place took 40 s instead of 1 s. .vscodeignore stays the one list of what ships.
 * @returns {string} the staging folder (the caller removes it)
 */
function stageForVsce() {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ddf-vsix-'));
  fs.cpSync(root, stage, {
    recursive: true,
    filter: (source) => {
      const rel = path.relative(root, source);
      if (rel === '') return true;
      const [top, ...rest] = rel.split(path.sep);
      if (neverShipped.has(top)) return false;
      // only the bundles from dist/, not older VSIXs or anything nested
      if (top === 'dist' && rest.length > 0) return rest.length === 1 && !source.endsWith('.vsix') && fs.statSync(source).isFile();
      return true;
    },
  });
  // package.json's `files` is npm's allowlist (the CLI and server package); vsce refuses it beside .vscodeignore,
  // the VSIX's allowlist. The staged copy drops it; everything else in the VSIX's package.json is the same.
  const manifest = JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8'));
  delete manifest.files;
  // The workspaces (test/bench/peers) are the repository's, not the extension's, and test/ is not staged.
  delete manifest.workspaces;
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return stage;
}

/**
 * Packages the extension. Throws with the reason when vsce fails or warns, or the VSIX is too big or holds the
 * wrong files. Callers may still pass `{ quiet: true }` (from when warnings were printed): it changes nothing.
 * @returns {{ vsix: string, stable: string, bytes: number, entries: string[], vsceOutput: string }}
 */
export function packageVsix() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/server-main.js', 'dist/general-worker.js']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  const vsix = path.join(root, 'dist', `${pkg.name}-${pkg.version}.vsix`);
  const stable = path.join(root, 'dist', `${pkg.name}.vsix`);
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  if (!fs.existsSync(vsce)) throw new Error('@vscode/vsce is not installed: run `npm install`');
  const args = [
    vsce, 'package', '--out', vsix,
    // everything is bundled into dist/, so vsce need not ask npm for the dependency tree
    '--no-dependencies',
    // README images are shipped in the VSIX (client/images): relative links resolve inside the installed extension,
    // and the Marketplace page shows the same files rather than whatever the repository's default branch holds now
    '--no-rewrite-relative-links',
  ];
  const stage = stageForVsce();
  let r;
  try {
    r = spawnSync(process.execPath, args, { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  // vsce's warnings (missing repository, license, icon, …) are problems: the Marketplace wants none of them
  const warnings = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /WARNING|WARN\b/.test(l));
  fs.copyFileSync(vsix, stable);
  const bytes = fs.statSync(vsix).size;
  const entries = listZipEntries(vsix);
  const problems = vsixProblems(entries);
  if (bytes >= maxVsixBytes) problems.push(`${(bytes / 1048576).toFixed(2)} MB is not under the 2 MB budget`);
  for (const warning of warnings) problems.push(`vsce warns: ${warning.trim()}`);
  if (problems.length) throw new Error(`${path.relative(root, vsix)} is not fit to ship:\n  ${problems.join('\n  ')}`);
  return { vsix, stable, bytes, entries, vsceOutput: `${r.stdout}${r.stderr}` };
}

/** gzip size of a file, to show what a download costs. */
const gzipBytes = (file) => zlib.gzipSync(fs.readFileSync(file)).length;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { vsix, stable, bytes, entries } = packageVsix();
    const files = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
    console.log(`packaged ${path.relative(root, vsix)} (${(bytes / 1024).toFixed(0)} KB, ${files.length} files; budget 2048 KB)`);
    for (const f of files) {
      const full = path.join(root, f);
      if (fs.existsSync(full)) console.log(`  ${f}  ${(fs.statSync(full).size / 1024).toFixed(1)} KB (gzip ${(gzipBytes(full) / 1024).toFixed(1)} KB)`);
    }
    console.log(`copied to ${path.relative(root, stable)}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
