// Shows the product working in the terminal: starts the built language server over stdio (as any editor
// would), opens the Dockerfiles under samples/, and prints its diagnostics, a hover, tag completions and quick fixes.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samples = path.join(root, 'samples');
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const severity = ['', 'error', 'warning', 'info', 'hint'];

function dockerfiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...dockerfiles(full));
    else if (/^(Dockerfile|Containerfile)(\..*)?$|\.dockerfile$/.test(entry)) out.push(full);
  }
  return out;
}

const child = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const diagnostics = new Map();
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  const resolve = waiting.get(p.uri);
  if (resolve) resolve(p.diagnostics);
  else diagnostics.set(p.uri, p.diagnostics);
});
connection.onNotification('window/logMessage', (p) => console.log(dim(`  server: ${p.message}`)));
connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
connection.listen();
await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(samples).href,
  capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] }, completion: { completionItem: { documentationFormat: ['plaintext'] } } }, workspace: { configuration: true } },
});
await connection.sendNotification('initialized', {});

const waitDiagnostics = (uri) =>
  diagnostics.has(uri) ? Promise.resolve(diagnostics.get(uri)) : new Promise((resolve) => waiting.set(uri, resolve));

for (const file of dockerfiles(samples)) {
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  console.log(`\n${bold(path.relative(root, file))}`);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  const found = await waitDiagnostics(uri);
  if (found.length === 0) console.log('  no problems found');
  for (const d of found) {
    console.log(`  ${d.range.start.line + 1}:${d.range.start.character + 1} ${severity[d.severity] ?? ''} [${d.code}] ${d.message}`);
    const actions = await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    for (const a of actions ?? []) console.log(dim(`      fix: ${a.title}${a.isPreferred ? ' (preferred)' : ''}`));
  }
  const lastFrom = lines.map((l, i) => [l, i]).filter(([l]) => /^FROM\s/i.test(l)).pop();
  if (lastFrom) {
    const [line, index] = lastFrom;
    const colon = line.indexOf(':', line.indexOf('/dotnet/'));
    if (colon > 0) {
      const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: index, character: colon + 2 } });
      const value = hover ? (typeof hover.contents === 'string' ? hover.contents : (hover.contents.value ?? '')) : '';
      if (value) console.log(`  hover on the final image:\n${value.split('\n').slice(0, 8).map((l) => `    ${l}`).join('\n')}`);
    }
  }
}

// Completion: what a user sees typing a tag.
const uri = pathToFileURL(path.join(samples, 'demo-completion.Dockerfile')).href;
const typed = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-';
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: typed } });
const completion = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: typed.length } });
const items = Array.isArray(completion) ? completion : (completion?.items ?? []);
console.log(`\n${bold(`Completion after "${typed}"`)}`);
for (const item of items.slice(0, 12)) console.log(`  ${item.label.padEnd(28)} ${dim(item.detail ?? '')}`);
if (items.length > 12) console.log(dim(`  … ${items.length - 12} more`));

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
child.kill();
