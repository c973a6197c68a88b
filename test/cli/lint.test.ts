/**
 * `dotnet-dockerfile lint` as a real process: which files it finds, formats (text, JSON, SARIF), exit codes,
 * `--fail-on`, `--fix` (atomic, mode kept, idempotent), `.dotnet-dockerfile.json`, suppressions, project facts.
 * Positions come from `|` markers in the Dockerfile texts.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { marked } from '../helpers/markers';
import { cleanUp, repoRoot, runCli, workspace } from './helpers';

after(cleanUp);

/** A Dockerfile with no problem at any severity. */
const CLEAN = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app\n\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /app\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "App.dll"]\n';
/** Shell-form CMD on a chiseled image (an error; its exec-form rewrite is a safe fix). */
const SHELL_FORM = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /app\n|CMD| dotnet App.dll\n';
// The chiseled aspnet image has ENTRYPOINT ["/usr/bin/dotnet"]: the exec-form fix writes the app's own ENTRYPOINT.
const SHELL_FORM_FIXED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /app\nENTRYPOINT ["dotnet", "App.dll"]\n';
/** Only a warning (a time zone on an image without tzdata). */
const WARNING_ONLY = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nENV |TZ=Europe/Berlin|\nENTRYPOINT ["dotnet", "App.dll"]\n';

const text = (source: string): string => marked(source).text;

interface JsonReport {
  tool: string;
  version: string;
  files: { path: string; fixed: boolean; problems: { ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }[] }[];
  summary: Record<string, number>;
}
const json = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;

/** 1-based line/column of marker `i`, as the CLI reports them. */
function at(source: string, i = 0): { line: number; column: number } {
  const position = marked(source).position(i);
  return { line: position.line + 1, column: position.character + 1 };
}

describe('the command line', () => {
  test('--help and --version', () => {
    const help = runCli(['--help'], repoRoot);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /usage: dotnet-dockerfile <command>/);
    assert.match(help.stdout, /--fail-on <severity>/);
    const version = runCli(['--version'], repoRoot);
    assert.equal(version.status, 0);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.split('\n')[0], pkg.version);
    assert.equal(runCli(['lint', '--help'], repoRoot).status, 0);
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['no command', [], /usage: dotnet-dockerfile/],
    ['an unknown command', ['check'], /unknown command "check"/],
    ['an unknown option, with a suggestion', ['lint', '--formatt', 'json'], /unknown option --formatt \(did you mean --format\?\)/],
    ['a bad format', ['lint', '--format', 'xml'], /--format must be one of text, json, sarif, github, not "xml"/],
    ['a bad --fail-on', ['lint', '--fail-on', 'fatal'], /--fail-on must be one of error, warning, information, hint/],
    ['an option without its value', ['lint', '--config'], /--config needs a value/],
    ['a path that does not exist', ['lint', 'nope/Dockerfile'], /nope\/Dockerfile: no such file or folder/],
    ['a glob that matches nothing', ['lint', '**/*.containerfile'], /no file matches \*\*\/\*\.containerfile/],
    ['a folder without Dockerfiles', ['lint', 'empty'], /no Dockerfile found in empty/],
  ];
  for (const [name, args, message] of usageErrors) {
    test(`${name} is a usage error (exit 2)`, () => {
      const result = runCli(args, workspace({ 'empty/README.md': 'no Dockerfile here' }));
      assert.equal(result.status, 2, result.stdout + result.stderr);
      assert.match(result.stderr, message);
    });
  }
});

describe('finding Dockerfiles', () => {
  test('a folder is walked for Dockerfile, Dockerfile.*, *.dockerfile and Containerfile, skipping node_modules and .git', () => {
    const root = workspace({
      Dockerfile: CLEAN,
      'Dockerfile.prod': CLEAN,
      'api.dockerfile': CLEAN,
      Containerfile: CLEAN,
      'svc/worker/Dockerfile': CLEAN,
      'Dockerfile.dockerignore': 'bin/\n',
      'README.md': '# not a Dockerfile',
      'node_modules/pkg/Dockerfile': text(SHELL_FORM),
      '.git/Dockerfile': text(SHELL_FORM),
    });
    const result = runCli(['lint', '--format', 'json'], root);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(json(result.stdout).files.map((f) => f.path), ['Containerfile', 'Dockerfile', 'Dockerfile.prod', 'api.dockerfile', 'svc/worker/Dockerfile']);
  });

  test('globs with **, * and ?; a file named explicitly is linted whatever its name', () => {
    const root = workspace({ 'a/one.dockerfile': CLEAN, 'a/b/two.dockerfile': CLEAN, 'c/Dockerfile': CLEAN, 'c/Dockerfile.1': CLEAN, 'deploy/image.txt': CLEAN });
    const paths = (args: string[]): string[] => json(runCli(['lint', '--format', 'json', ...args], root).stdout).files.map((f) => f.path);
    assert.deepEqual(paths(['**/*.dockerfile']), ['a/b/two.dockerfile', 'a/one.dockerfile']);
    assert.deepEqual(paths(['a/*.dockerfile']), ['a/one.dockerfile']);
    assert.deepEqual(paths(['c/Dockerfile.?']), ['c/Dockerfile.1']);
    assert.deepEqual(paths(['deploy/image.txt', 'c']), ['c/Dockerfile', 'c/Dockerfile.1', 'deploy/image.txt']);
  });
});

describe('exit codes and --fail-on', () => {
  test('0 without problems, 1 with an error', () => {
    assert.equal(runCli(['lint'], workspace({ Dockerfile: CLEAN })).status, 0);
    assert.equal(runCli(['lint'], workspace({ Dockerfile: text(SHELL_FORM) })).status, 1);
  });

  test('a warning fails only from --fail-on warning down', () => {
    const root = workspace({ Dockerfile: text(WARNING_ONLY) });
    assert.equal(runCli(['lint'], root).status, 0);
    assert.equal(runCli(['lint', '--fail-on', 'error'], root).status, 0);
    assert.equal(runCli(['lint', '--fail-on', 'warning'], root).status, 1);
    assert.equal(runCli(['lint', '--fail-on', 'hint'], root).status, 1);
  });
});

describe('formats', () => {
  test('text: path:line:column: severity: message [rule], then a summary', () => {
    const result = runCli(['lint'], workspace({ Dockerfile: text(SHELL_FORM) }));
    const { line, column } = at(SHELL_FORM);
    assert.match(result.stdout, new RegExp(`^Dockerfile:${line}:${column}: error: .*no shell.* \\[shell-form-without-shell\\]$`, 'm'));
    assert.match(result.stdout, /^1 problem \(1 error, 0 warnings, 0 information, 0 hints\) in 1 file; 1 Dockerfile checked\.$/m);
  });

  test('json: 1-based positions and a summary', () => {
    const report = json(runCli(['lint', '--format', 'json'], workspace({ 'app/Dockerfile': text(WARNING_ONLY) })).stdout);
    assert.equal(report.tool, 'dotnet-dockerfile');
    const problem = report.files[0]!.problems[0]!;
    assert.equal(report.files[0]!.path, 'app/Dockerfile');
    assert.deepEqual(
      { ruleId: problem.ruleId, severity: problem.severity, line: problem.line, column: problem.column, endLine: problem.endLine, endColumn: problem.endColumn },
      { ruleId: 'globalization-without-icu', severity: 'warning', ...at(WARNING_ONLY, 0), endLine: at(WARNING_ONLY, 1).line, endColumn: at(WARNING_ONLY, 1).column },
    );
    assert.deepEqual(report.summary, { files: 1, error: 0, warning: 1, information: 0, hint: 0 });
  });

  test('sarif: 2.1.0 with every rule, help links to the README, and results with 1-based regions', () => {
    const result = runCli(['lint', '--format', 'sarif'], workspace({ 'src/Dockerfile': text(SHELL_FORM), 'Dockerfile': text(WARNING_ONLY) }));
    assert.equal(result.status, 1);
    const log = JSON.parse(result.stdout) as {
      $schema: string;
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
        originalUriBaseIds: Record<string, { uri: string }>;
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[] }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    const run = log.runs[0]!;
    assert.equal(run.tool.driver.name, 'dotnet-dockerfile');
    const ids = run.tool.driver.rules.map((r) => r.id);
    for (const id of ['shell-form-without-shell', 'globalization-without-icu', 'project-version-mismatch', 'wrong-runtime-family']) assert.ok(ids.includes(id), id);
    for (const rule of run.tool.driver.rules) {
      assert.equal(rule.helpUri, `https://github.com/dotnet-dockerfile/dotnet-dockerfile#${rule.id}`);
      assert.ok(rule.shortDescription.text.length > 10);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.match(run.originalUriBaseIds['%SRCROOT%']!.uri, /^file:\/\/.*\/$/);
    const byRule = new Map(run.results.map((r) => [r.ruleId, r]));
    const error = byRule.get('shell-form-without-shell')!;
    assert.equal(error.level, 'error');
    assert.equal(ids[error.ruleIndex], 'shell-form-without-shell');
    assert.deepEqual(error.locations[0]!.physicalLocation.artifactLocation, { uri: 'src/Dockerfile', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(error.locations[0]!.physicalLocation.region, {
      startLine: at(SHELL_FORM, 0).line,
      startColumn: at(SHELL_FORM, 0).column,
      endLine: at(SHELL_FORM, 1).line,
      endColumn: at(SHELL_FORM, 1).column,
    });
    assert.equal(byRule.get('globalization-without-icu')!.level, 'warning');
    assert.ok(error.message.text.length > 0);
  });

  test('--output writes the report to a file', () => {
    const root = workspace({ Dockerfile: text(SHELL_FORM) });
    const result = runCli(['lint', '--format', 'sarif', '--output', 'results.sarif'], root);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal((JSON.parse(readFileSync(path.join(root, 'results.sarif'), 'utf8')) as { version: string }).version, '2.1.0');
  });
});

describe('--fix', () => {
  test('applies the safe fixes in place, keeps the file mode, leaves no temporary file, and is idempotent', () => {
    const root = workspace({ Dockerfile: text(SHELL_FORM) });
    const file = path.join(root, 'Dockerfile');
    chmodSync(file, 0o640);
    const result = runCli(['lint', '--fix', '--format', 'json'], root);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const report = json(result.stdout);
    assert.equal(report.files[0]!.fixed, true);
    assert.deepEqual(report.files[0]!.problems, [], 'the fixed problem is gone and no new one appeared');
    assert.equal(readFileSync(file, 'utf8'), SHELL_FORM_FIXED);
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(root), ['Dockerfile']);
    const again = runCli(['lint', '--fix', '--format', 'json'], root);
    assert.equal(json(again.stdout).files[0]!.fixed, false);
    assert.equal(readFileSync(file, 'utf8'), SHELL_FORM_FIXED);
  });

  test('a file that cannot be written stays as it was, and the run fails with exit 2', () => {
    // A name so long that the temporary file beside it cannot be created: the write fails before the rename.
    const name = `${'x'.repeat(240)}.dockerfile`;
    const root = workspace({ [name]: text(SHELL_FORM) });
    const result = runCli(['lint', '--fix'], root);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot write the fixes .*the file is unchanged/);
    assert.equal(readFileSync(path.join(root, name), 'utf8'), text(SHELL_FORM));
    assert.deepEqual(readdirSync(root), [name]);
    assert.match(result.stdout, /\[shell-form-without-shell\]/, 'the problems of the file on disk are still reported');
  });
});

describe('.dotnet-dockerfile.json', () => {
  test('the nearest config sets severities; "off" silences a rule', () => {
    const root = workspace({
      '.dotnet-dockerfile.json': JSON.stringify({ rules: { 'shell-form-without-shell': 'warning' } }),
      'a/Dockerfile': text(SHELL_FORM),
      'b/.dotnet-dockerfile.json': JSON.stringify({ rules: { 'shell-form-without-shell': 'off' } }),
      'b/Dockerfile': text(SHELL_FORM),
    });
    const result = runCli(['lint', '--format', 'json'], root);
    assert.equal(result.status, 0);
    const files = json(result.stdout).files;
    assert.deepEqual(files.map((f) => [f.path, f.problems.map((p) => `${p.ruleId}:${p.severity}`)]), [
      ['a/Dockerfile', ['shell-form-without-shell:warning']],
      ['b/Dockerfile', []],
    ]);
  });

  test('--config applies one config to every file', () => {
    const root = workspace({ 'ci/strict.json': JSON.stringify({ rules: { 'globalization-without-icu': 'error' } }), Dockerfile: text(WARNING_ONLY) });
    const result = runCli(['lint', '--config', 'ci/strict.json'], root);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /error: .*\[globalization-without-icu\]/);
  });

  test('ignore globs, relative to the config file, drop files found by walking', () => {
    const root = workspace({ '.dotnet-dockerfile.json': JSON.stringify({ ignore: ['samples/**'] }), Dockerfile: CLEAN, 'samples/x/Dockerfile': text(SHELL_FORM) });
    const result = runCli(['lint', '--format', 'json'], root);
    assert.equal(result.status, 0);
    assert.deepEqual(json(result.stdout).files.map((f) => f.path), ['Dockerfile']);
  });

  const badConfigs: [string, string, RegExp][] = [
    ['invalid JSON', '{\n  "rules": {\n    "unknown-tag": "error",\n  }\n}', /\.dotnet-dockerfile\.json: not valid JSON: .* at line 4, column 3/],
    ['an unknown key', JSON.stringify({ rule: {} }), /\.dotnet-dockerfile\.json: \(top level\): unknown key "rule" \(allowed: "rules", "ignore", "\$schema"\)/],
    ['an unknown rule id', JSON.stringify({ rules: { 'shell-form': 'off' } }), /rules: unknown rule id "shell-form" \(known: .*shell-form-without-shell/],
    ['a bad severity', JSON.stringify({ rules: { 'unknown-tag': 'warn' } }), /rules\.unknown-tag: expected one of error, warning, information, hint, off/],
    ['ignore that is not a list', JSON.stringify({ ignore: 'samples' }), /ignore: /],
  ];
  for (const [name, content, message] of badConfigs) {
    test(`a config with ${name} is an error (exit 2) that names the file and the problem`, () => {
      const root = workspace({ '.dotnet-dockerfile.json': content, Dockerfile: CLEAN });
      const result = runCli(['lint'], root);
      assert.equal(result.status, 2);
      assert.match(result.stderr, new RegExp(path.join(root, '.dotnet-dockerfile.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
      assert.match(result.stderr, message);
    });
  }
});

describe('the Dockerfile and its project', () => {
  test('inline suppressions are honoured', () => {
    const source = text(SHELL_FORM).replace('CMD', '# dotnet-dockerfile ignore=shell-form-without-shell\nCMD');
    assert.equal(runCli(['lint'], workspace({ Dockerfile: source })).status, 0);
  });

  test('the .csproj next to the Dockerfile is read: a net8.0 project on a 10.0 image is reported', () => {
    const dockerfile = 'FROM mcr.microsoft.com/dotnet/aspnet:|10.0|-noble-chiseled\nCOPY bin/publish /app\nENTRYPOINT ["dotnet", "/app/Api.dll"]\n';
    const root = workspace({
      'Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>',
      'Api/Dockerfile': text(dockerfile),
    });
    const problems = json(runCli(['lint', '--format', 'json'], root).stdout).files[0]!.problems;
    const mismatch = problems.find((p) => p.ruleId === 'project-version-mismatch');
    assert.ok(mismatch, JSON.stringify(problems));
    assert.deepEqual({ line: mismatch.line, column: mismatch.column }, at(dockerfile));
    assert.match(mismatch.message, /Api\.csproj targets \.NET 8\.0/);
  });

  test('a web project on the runtime image is reported as the wrong family', () => {
    const root = workspace({
      'Web.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>',
      Dockerfile: 'FROM mcr.microsoft.com/dotnet/runtime:10.0\nCOPY app /app\nENTRYPOINT ["dotnet", "/app/Web.dll"]\n',
    });
    const problems = json(runCli(['lint', '--format', 'json'], root).stdout).files[0]!.problems;
    assert.deepEqual(problems.map((p) => p.ruleId), ['wrong-runtime-family']);
  });
});

describe('several arguments', () => {
  test('a file named twice (directly and through its folder) is linted once', () => {
    const root = workspace({ 'a/Dockerfile': CLEAN });
    const result = runCli(['lint', '--format', 'json', 'a', 'a/Dockerfile', path.join(root, 'a')], root);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(json(result.stdout).files.map((f) => f.path), ['a/Dockerfile']);
  });
});
