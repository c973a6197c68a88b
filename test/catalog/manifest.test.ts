/**
 * catalog/update/: the manifest resolver gives exactly the rows of the committed tag tables from the committed
 * manifests (every column the generator reads, for all 3,949 tags of main and nightly, in order), and carrying the
 * tag history forward over the manifest it was made from changes nothing. So `npm run catalog:update` makes from
 * newer manifests what the reference would have held.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readTsv } from '../../catalog/referenceData';
import { carryFixedPatterns, carryFloatingHistory } from '../../catalog/update/history';
import { formatTsv, manifestRows, manifestSchema, resolveVariables, variablesFileSchema, type TagRow } from '../../catalog/update/manifest';
import { referenceDir } from './committedCatalog';

/** The columns catalog/referenceData.ts requires, and two that say where a row came from. */
const COMPARED = [
  'repo', 'tag', 'dotnet_version', 'os', 'variants', 'arch', 'is_shared_tag', 'has_shell', 'platform', 'repo_kind', 'image_ref',
  'product_version', 'version_kind', 'os_in_tag', 'archs_in_manifest_list', 'documented', 'os_version_raw', 'dockerfile',
];

function rowsOf(folder: string, manifests: readonly string[]): TagRow[] {
  return manifests.flatMap((name) => {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(referenceDir, folder, name), 'utf8')));
    let variables: Record<string, string> = {};
    for (const include of manifest.includes ?? []) {
      variables = { ...variables, ...variablesFileSchema.parse(JSON.parse(readFileSync(path.join(referenceDir, folder, include), 'utf8'))).variables };
    }
    return manifestRows(manifest, { ...variables, ...(manifest.variables ?? {}) }, () => undefined);
  });
}

const project = (rows: readonly Readonly<Record<string, string>>[]) => rows.map((row) => COMPARED.map((c) => row[c] ?? '').join('\t'));
const mainRows = rowsOf('dotnet-docker', ['manifest.json', 'manifest.samples.json']);

describe('manifest → tag rows', () => {
  test('main: manifest.json + manifest.samples.json give dotnet-tags.tsv, row for row', () => {
    const committed = readTsv(path.join(referenceDir, 'dotnet-tags.tsv'), COMPARED);
    assert.equal(mainRows.length, committed.length);
    assert.deepEqual(project(mainRows), project(committed));
  });

  test('nightly: its manifest.json gives dotnet-tags.nightly.tsv, row for row', () => {
    const rows = rowsOf('dotnet-docker-nightly', ['manifest.json']);
    const committed = readTsv(path.join(referenceDir, 'dotnet-tags.nightly.tsv'), COMPARED);
    assert.equal(rows.length, committed.length);
    assert.deepEqual(project(rows), project(committed));
  });

  test('variables resolve recursively, and an unknown or looping one is an error', () => {
    assert.equal(resolveVariables('$(a)-x', { a: '$(b).1', b: '10' }), '10.1-x');
    assert.equal(resolveVariables('$(Repo:sdk)', {}), '$(Repo:sdk)');
    assert.throws(() => resolveVariables('$(nope)', {}), /\$\(nope\), which no variables file defines/);
    assert.throws(() => resolveVariables('$(a)', { a: '$(a)' }), /nest more than 10 deep/);
  });

  test('a manifest that is not one is refused with where it is wrong', () => {
    assert.equal(manifestSchema.safeParse({ repos: [{ id: 'sdk', name: 'dotnet/sdk', images: [{ platforms: [{ dockerfile: 'x', os: 'macos', osVersion: 'y', tags: {} }] }] }] }).success, false);
    assert.equal(manifestSchema.safeParse({ includes: ['../../etc/passwd'], repos: [] }).success, false);
  });

  test('TSV cells never hold a tab or a line break', () => {
    assert.throws(() => formatTsv(['a'], [{ a: 'x\ty' }]), /tab or line break/);
    assert.equal(formatTsv(['a', 'b'], [{ a: '1', b: '2' }]), 'a\tb\n1\t2\n');
  });
});

describe('carrying the tag history forward', () => {
  const snapshot = { date: '2026-08-21', commit: '3ed00b611c' };
  const floating = readTsv(path.join(referenceDir, 'dotnet-tags.history-floating.tsv'), []);
  const patterns = readTsv(path.join(referenceDir, 'dotnet-tags.history-fixed-patterns.tsv'), []);

  test('over the manifest the history was made from, nothing changes', () => {
    assert.deepEqual(carryFloatingHistory(floating, mainRows, snapshot), floating);
    assert.deepEqual(carryFixedPatterns(patterns, mainRows, snapshot), patterns);
  });

  test('a later manifest without 8.0 and with a new patch: 8.0 tags are removed on its date, the new ones added', () => {
    const later = { date: '2026-12-09', commit: 'abcdef1234' };
    const next = mainRows
      .filter((r) => r.dotnet_version !== '8.0' || r.repo_kind !== 'core')
      .map((r) => (r.repo === 'aspnet' && r.tag === '10.0.11-noble-chiseled' ? { ...r, tag: '10.0.12-noble-chiseled', product_version: '10.0.12', image_ref: 'mcr.microsoft.com/dotnet/aspnet:10.0.12-noble-chiseled' } : r));
    next.push({ ...mainRows.find((r) => r.repo === 'aspnet' && r.tag === '10.0-noble-chiseled')!, tag: '10.0-questing-chiseled', image_ref: 'mcr.microsoft.com/dotnet/aspnet:10.0-questing-chiseled' });
    const carried = carryFloatingHistory(floating, next, later);
    const row = (tag: string) => carried.find((r) => r.image_repo === 'mcr.microsoft.com/dotnet/aspnet' && r.tag === tag);
    assert.deepEqual([row('8.0-bookworm-slim')?.in_current_manifest, row('8.0-bookworm-slim')?.removed_on, row('8.0-bookworm-slim')?.removed_in_commit], ['false', later.date, later.commit]);
    assert.deepEqual([row('10.0-noble-chiseled')?.in_current_manifest, row('10.0-noble-chiseled')?.last_seen], ['true', later.date]);
    assert.deepEqual([row('10.0-questing-chiseled')?.first_seen, row('10.0-questing-chiseled')?.in_current_manifest], [later.date, 'true']);
    assert.equal(carried.length, floating.length + 1);
    const fixed = carryFixedPatterns(patterns, next, later);
    const pattern = fixed.find((r) => r.image_repo === 'mcr.microsoft.com/dotnet/aspnet' && r.dotnet_version === '10.0' && r.fixed_tag_pattern === '{version}-noble-chiseled')!;
    assert.match(pattern.versions_seen ?? '', / 10\.0\.12$/);
    assert.equal(pattern.last_seen, later.date);
    assert.ok(fixed.filter((r) => r.dotnet_version === '8.0' && r.image_repo === 'mcr.microsoft.com/dotnet/aspnet').every((r) => r.in_current_manifest === 'false'));
  });
});
