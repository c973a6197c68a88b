/**
 * A rule's metadata is the single source: the registry, the settings schema in package.json and the README's rules
 * table are generated from the rule files (`npm run rules`), and this test fails when a committed file drifts. It also
 * holds the one-file-per-rule shape: every rule has its README section, and no rule id is written as a string
 * anywhere in server/src but its own file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { generatedFiles, readRules } from '../../scripts/rules';

const root = path.resolve(__dirname, '..', '..');

function sourceFiles(folder: string, out: string[] = []): string[] {
  for (const entry of readdirSync(folder)) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (entry.endsWith('.ts')) out.push(full);
  }
  return out;
}

describe('rule metadata', () => {
  test('the registry, package.json and README.md are what `npm run rules` writes', () => {
    for (const file of generatedFiles()) {
      assert.equal(file.actual, file.expected, `${path.relative(root, file.file)} is stale: run \`npm run rules\``);
    }
  });

  test('each rule: a kebab-case id, a plain one-line summary, a README section', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const rules = readRules();
    assert.ok(rules.length >= 16);
    assert.equal(new Set(rules.map((r) => r.rule.id)).size, rules.length, 'ids are unique');
    for (const { rule } of rules) {
      assert.match(rule.id, /^[a-z]+(-[a-z0-9]+)*$/);
      assert.ok(!rule.summary.includes('`') && !rule.summary.includes('\n') && rule.summary.endsWith('.'), `${rule.id}: the summary is one plain sentence`);
      assert.ok(readme.includes(`\n### ${rule.id}\n`), `${rule.id} has no "### ${rule.id}" section in README.md`);
    }
  });

  test('no rule id is written as a string in server/src outside its own rule file', () => {
    const ids = readRules().map((r) => r.rule.id);
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(root, 'server/src'))) {
      // Code only: a comment may name a rule (an example setting, a pointer to another rule).
      const text = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join('\n');
      for (const id of ids) {
        if (path.basename(file) === `${id}.ts`) continue;
        if (text.includes(`'${id}'`) || text.includes(`"${id}"`)) offenders.push(`${path.relative(root, file)}: ${id}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
