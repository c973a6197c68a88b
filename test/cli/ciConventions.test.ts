/**
 * The CLI in CI: GitHub Actions annotations (`--format github`), the pre-commit framework's hook file, the
 * version with the catalog's date, and the one-line warning about an old catalog (fixed clock through
 * DOTNET_DOCKERFILE_TODAY; `--no-catalog-age-warning` silences it).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/formatGithub';
import { cleanUp, repoRoot, runCli, workspace } from './helpers';
import { realCatalog } from '../helpers/service';

after(cleanUp);

const CHISELED_SHELL_FORM = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD dotnet app.dll\n';
const RECENT = { DOTNET_DOCKERFILE_TODAY: '2026-09-01' };

describe('--format github', () => {
  test('one workflow command per problem, with the rule as title, then the summary', () => {
    const folder = workspace({ 'src/Dockerfile': CHISELED_SHELL_FORM });
    const result = runCli(['lint', '--format', 'github'], folder, RECENT);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    const error = lines.find((l) => l.startsWith('::error '));
    assert.ok(error, result.stdout);
    assert.match(error, /^::error file=src\/Dockerfile,line=2,col=1,endLine=2,endColumn=\d+,title=shell-form-without-shell::\S/);
    assert.doesNotMatch(error.slice(error.indexOf('::', 2) + 2), /[\r\n]/);
    assert.match(lines.at(-1) ?? '', /problems? \(1 error, .*\) in 1 file; 1 Dockerfile checked\./);
  });

  test('information and hints are notices; warnings are warnings', () => {
    const folder = workspace({ Dockerfile: 'FROM mcr.microsoft.com/dotnet/sdk:10.0\nEXPOSE 8080\nENTRYPOINT ["dotnet", "App.dll"]\n' });
    const result = runCli(['lint', '--format', 'github', '--fail-on', 'hint'], folder, RECENT);
    assert.match(result.stdout, /^::warning file=Dockerfile,line=1,.*title=sdk-in-final-stage::/m);
  });

  test('escapes % CR LF in messages and also : , in properties, as @actions/core does', () => {
    assert.equal(escapeData('50% done\r\nnext'), '50%25 done%0D%0Anext');
    assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
    const output = formatGithub({
      files: [{ file: '/w/a,b:c/Dockerfile', displayPath: 'a,b:c/Dockerfile', fixed: false, problems: [{ ruleId: 'eol-version', severity: 'information', message: 'line one\nline two: 100%', line: 3, column: 5, endLine: 3, endColumn: 9 }] }],
      rules: [],
      toolVersion: '0.0.0',
      cwd: '/w',
    });
    assert.equal(output.split('\n')[0], '::notice file=a%2Cb%3Ac/Dockerfile,line=3,col=5,endLine=3,endColumn=9,title=eol-version::line one%0Aline two: 100%25');
  });
});

describe('--version', () => {
  test('prints the version, then the date of the catalog in use', () => {
    const result = runCli(['--version'], repoRoot);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(result.stdout, `${pkg.version}\n.NET image catalog: ${realCatalog().date} (bundled)\n`);
  });
});

describe('an old catalog is said once, on stderr', () => {
  const folder = workspace({ Dockerfile: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nENTRYPOINT ["dotnet", "app.dll"]\n' });
  const warning = /the \.NET image catalog is from 2026-08-21 \((\d+) days old\): run `dotnet-dockerfile catalog refresh`/;

  test('61 days after the catalog: one line, and the report is unchanged', () => {
    const result = runCli(['lint'], folder, { DOTNET_DOCKERFILE_TODAY: '2026-10-21' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr.split('\n').filter((l) => warning.test(l)).length, 1, result.stderr);
    assert.equal(warning.exec(result.stderr)?.[1], '61');
    assert.match(result.stdout, /no problems/);
  });

  test('60 days: nothing', () => {
    assert.equal(runCli(['lint'], folder, { DOTNET_DOCKERFILE_TODAY: '2026-10-20' }).stderr, '');
  });

  test('--no-catalog-age-warning silences it', () => {
    const result = runCli(['lint', '--no-catalog-age-warning'], folder, { DOTNET_DOCKERFILE_TODAY: '2027-03-01' });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
  });
});

describe('the README\'s GitHub code scanning workflow', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const workflow = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).find((block) => block.includes('upload-sarif'));

  test('uploads SARIF with the permission code scanning needs', () => {
    assert.ok(workflow, 'README.md has a ```yaml workflow with upload-sarif');
    assert.match(workflow, /security-events: write/);
    assert.match(workflow, /uses: github\/codeql-action\/upload-sarif@v\d+\n\s+with:\n\s+sarif_file: dotnet-dockerfile\.sarif/);
  });

  test('its lint commands run as written: the SARIF file is made, and the annotations step fails on an error', () => {
    const commands = [...(workflow ?? '').matchAll(/- run: npx --yes dotnet-dockerfile (lint[^#\n|]*?)\s*(\|\||#|$)/gm)].map((m) => m[1]!.trim().split(/\s+/));
    assert.equal(commands.length, 2, JSON.stringify(commands));
    const folder = workspace({ 'src/Dockerfile': CHISELED_SHELL_FORM });
    const sarif = runCli(commands[0]!, folder, RECENT);
    assert.equal(sarif.status, 1, sarif.stderr);
    const log = JSON.parse(readFileSync(path.join(folder, 'dotnet-dockerfile.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0]!.results.some((r) => r.ruleId === 'shell-form-without-shell'));
    const annotations = runCli(commands[1]!, folder, RECENT);
    assert.equal(annotations.status, 1);
    assert.match(annotations.stdout, /^::error file=src\/Dockerfile,/m);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  test('declares the dotnet-dockerfile hook the pre-commit framework needs', () => {
    const text = readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8');
    // A small YAML subset: one list item of `key: value` lines (what pre-commit reads; no YAML library needed).
    assert.match(text, /^- id: dotnet-dockerfile$/m);
    const fields = Object.fromEntries([...text.matchAll(/^\s+(\w+): (.+)$/gm)].map((m) => [m[1], m[2]]));
    assert.equal(fields.name, 'dotnet-dockerfile');
    assert.equal(fields.language, 'node');
    assert.equal(fields.entry, 'dotnet-dockerfile lint');
    const files = new RegExp(JSON.parse(fields.files!) as string);
    for (const name of ['Dockerfile', 'src/Dockerfile', 'Dockerfile.prod', 'app.dockerfile', 'Containerfile', 'sub/Containerfile.dev']) assert.ok(files.test(name), name);
    for (const name of ['README.md', 'Dockerfiles/notes.txt', 'docker-compose.yml']) assert.ok(!files.test(name), name);
    assert.equal(fields.pass_filenames, 'true');
    assert.equal(fields.minimum_pre_commit_version, '3.0.0');
    assert.equal(fields.types, undefined, 'no `types`: Dockerfile.* has no identify tag');
    // the entry runs the bin that package.json publishes
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.ok(pkg.bin['dotnet-dockerfile']);
  });

  test('the hook command lints the files pre-commit passes', () => {
    const folder = workspace({ 'a/Dockerfile': CHISELED_SHELL_FORM, 'b/Dockerfile': 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\n' });
    const result = runCli(['lint', 'a/Dockerfile', 'b/Dockerfile'], folder, RECENT);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /a\/Dockerfile:2:1: error: .*\[shell-form-without-shell\]/);
  });
});
