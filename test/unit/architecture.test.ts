/**
 * The boundaries ARCHITECTURE.md names, held by a test so code review need not: the service imports nothing outside
 * itself but the shared protocol file (no repo root, no host, no LSP), only server/src/lsp/ knows the LSP library,
 * and server/src has no import cycles.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const src = path.join(root, 'server', 'src');

function sourceFiles(folder: string, out: string[] = []): string[] {
  for (const entry of readdirSync(folder)) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (entry.endsWith('.ts')) out.push(full);
  }
  return out;
}

interface Import {
  readonly specifier: string;
  /** `import type` / `export type`: erased at build time. */
  readonly typeOnly: boolean;
}

const IMPORT = /^(import|export)\s+(type\s+)?[^;'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gms;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(IMPORT)) found.push({ specifier: match[3] ?? match[4]!, typeOnly: !!match[2] });
  return found;
}

function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const files = sourceFiles(src);
const service = path.join(src, 'service') + path.sep;

describe('architecture', () => {
  test('the service imports only itself, the protocol file and pure packages', () => {
    const allowedPackages = new Set(['vscode-languageserver-types', 'vscode-languageserver-textdocument', 'zod']);
    const offenders: string[] = [];
    for (const file of files.filter((f) => f.startsWith(service))) {
      for (const { specifier } of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const target = resolve(file, specifier) ?? path.resolve(path.dirname(file), specifier);
          if (!target.startsWith(service) && target !== path.join(src, 'protocol.ts')) offenders.push(`${path.relative(root, file)} → ${specifier}`);
        } else if (!allowedPackages.has(specifier)) offenders.push(`${path.relative(root, file)} → ${specifier}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  test('only server/src/lsp/ knows the LSP library', () => {
    const lsp = path.join(src, 'lsp') + path.sep;
    const offenders = files
      .filter((file) => !file.startsWith(lsp))
      .flatMap((file) => importsOf(file).filter((i) => /^vscode-languageserver(\/|$)/.test(i.specifier)).map((i) => `${path.relative(root, file)} → ${i.specifier}`));
    assert.deepEqual(offenders, []);
  });

  test('no import cycles in server/src (value imports)', () => {
    const graph = new Map<string, string[]>();
    for (const file of files) {
      graph.set(
        file,
        importsOf(file)
          .filter((i) => !i.typeOnly && i.specifier.startsWith('.'))
          .map((i) => resolve(file, i.specifier))
          .filter((target): target is string => target !== undefined && target.endsWith('.ts')),
      );
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'visiting') cycles.push([...trail.slice(trail.indexOf(next)), next].map((f) => path.relative(src, f)).join(' → '));
        else if (!state.has(next)) visit(next, [...trail, next]);
      }
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file, [file]);
    assert.deepEqual(cycles, []);
  });
});
