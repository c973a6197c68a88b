/**
 * The rules that compare the Dockerfile with its project: project-version-mismatch and wrong-runtime-family,
 * plus globalization-without-icu from the project's InvariantGlobalization. The expected span is marked with
 * `|...|`; fixes are applied and the whole text compared, then re-validated.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ProjectFacts } from '../../server/src/service';
import { applyEdits, marked } from '../helpers/markers';
import { testService } from '../helpers/service';
import { projectFacts } from '../helpers/project';

const service = testService();

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

function project(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return projectFacts({ isWeb: true, ...overrides });
}

function diagnosticsOf(text: string, facts: ProjectFacts | undefined, rule: string): { diagnostics: Diagnostic[]; m: ReturnType<typeof marked> } {
  const m = marked(text);
  const diagnostics = service.validate(service.parse(m.document), { project: facts }).filter((d) => d.code === rule);
  return { diagnostics, m };
}

/** Asserts exactly one finding of `rule`, on the marked range; returns it. */
function expectOne(text: string, facts: ProjectFacts | undefined, rule: string): Diagnostic {
  const { diagnostics, m } = diagnosticsOf(text, facts, rule);
  assert.equal(diagnostics.length, 1, `expected one ${rule}, got ${JSON.stringify(diagnostics.map(messageOf))}`);
  assert.deepEqual(diagnostics[0]!.range, m.range(0));
  return diagnostics[0]!;
}

function expectNone(text: string, facts: ProjectFacts | undefined, rule: string): void {
  const { diagnostics } = diagnosticsOf(text, facts, rule);
  assert.deepEqual(diagnostics.map(messageOf), []);
}

/** Applies the preferred quick fix of the diagnostic and returns the new text. */
function applyPreferredFix(text: string, facts: ProjectFacts, diagnostic: Diagnostic): string {
  const document = marked(text).document;
  const model = service.parse(document);
  const actions = service.codeActions(model, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }, { project: facts });
  const preferred = actions.find((a) => a.isPreferred) ?? actions[0];
  assert.ok(preferred?.edit?.changes, `no quick fix for ${String(diagnostic.code)}`);
  return applyEdits(document.getText(), preferred.edit.changes[document.uri] ?? []);
}

describe('project-version-mismatch', () => {
  test('an SDK older than the target framework cannot build the project', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:|8.0| AS build\nRUN dotnet publish -o /app\n\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /app .\n';
    const d = expectOne(text, project({ targetVersion: '10.0' }), 'project-version-mismatch');
    assert.match(messageOf(d), /App\.csproj targets \.NET 10\.0, which the \.NET 8\.0 SDK cannot build/);
  });

  test('a newer SDK building an older target is fine', () => {
    expectNone('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\n', project({ targetVersion: '8.0' }), 'project-version-mismatch');
  });

  test('a final image of another major, without an SDK stage, is reported and fixed to the target version', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/aspnet:|8.0|-noble-chiseled\nCOPY bin/publish /app\nENTRYPOINT ["dotnet", "/app/App.dll"]\n';
    const facts = project({ targetVersion: '10.0' });
    const d = expectOne(text, facts, 'project-version-mismatch');
    assert.match(messageOf(d), /runs \.NET 8\.0, but App\.csproj targets \.NET 10\.0/);
    const fixed = applyPreferredFix(marked(text).text, facts, d);
    assert.equal(fixed, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCOPY bin/publish /app\nENTRYPOINT ["dotnet", "/app/App.dll"]\n');
    expectNone(fixed, facts, 'project-version-mismatch');
  });

  test('with an SDK stage, the final image is left to version-mismatch (one report, not two)', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\n\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY --from=build /app .\n';
    const facts = project({ targetVersion: '10.0' });
    expectNone(text, facts, 'project-version-mismatch');
    assert.equal(diagnosticsOf(text, facts, 'version-mismatch').diagnostics.length, 1);
  });

  test('quiet without project facts or without a known target framework', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\n';
    expectNone(text, undefined, 'project-version-mismatch');
    expectNone(text, project({ targetVersion: undefined }), 'project-version-mismatch');
  });

  test('the same major with another minor is no mismatch', () => {
    expectNone('FROM mcr.microsoft.com/dotnet/runtime:10.0\n', project({ targetVersion: '10.0', isWeb: false }), 'project-version-mismatch');
  });
});

describe('wrong-runtime-family', () => {
  test('an ASP.NET Core app on runtime fails at start; the fix moves it to aspnet', () => {
    const text = 'FROM |mcr.microsoft.com/dotnet/runtime|:10.0-noble-chiseled\nCOPY app /app\n';
    const facts = project();
    const d = expectOne(text, facts, 'wrong-runtime-family');
    assert.match(messageOf(d), /ASP\.NET Core app, but the runtime image has no ASP\.NET Core shared framework/);
    const fixed = applyPreferredFix(marked(text).text, facts, d);
    assert.equal(fixed, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCOPY app /app\n');
    expectNone(fixed, facts, 'wrong-runtime-family');
  });

  test('a framework-dependent console app on runtime-deps has no runtime', () => {
    const text = 'FROM |mcr.microsoft.com/dotnet/runtime-deps|:10.0\n';
    const d = expectOne(text, project({ isWeb: false }), 'wrong-runtime-family');
    assert.match(messageOf(d), /framework-dependent, but runtime-deps has no \.NET runtime/);
    assert.match(messageOf(d), /Use mcr\.microsoft\.com\/dotnet\/runtime\.$/);
  });

  test('a native AOT app on aspnet carries its own runtime; the fix moves it to runtime-deps', () => {
    const text = 'FROM |mcr.microsoft.com/dotnet/aspnet|:10.0-noble-chiseled-extra\nCOPY app /app\nENTRYPOINT ["/app/App"]\n';
    const facts = project({ publishAot: true, selfContained: true });
    const d = expectOne(text, facts, 'wrong-runtime-family');
    assert.match(messageOf(d), /Native AOT app/);
    const fixed = applyPreferredFix(marked(text).text, facts, d);
    assert.equal(fixed, 'FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra\nCOPY app /app\nENTRYPOINT ["/app/App"]\n');
    expectNone(fixed, facts, 'wrong-runtime-family');
  });

  test('the right family for each kind of app is quiet', () => {
    expectNone('FROM mcr.microsoft.com/dotnet/aspnet:10.0\n', project(), 'wrong-runtime-family');
    expectNone('FROM mcr.microsoft.com/dotnet/runtime:10.0\n', project({ isWeb: false }), 'wrong-runtime-family');
    expectNone('FROM mcr.microsoft.com/dotnet/runtime-deps:10.0\n', project({ publishAot: true, selfContained: true }), 'wrong-runtime-family');
    // A console app on aspnet works (aspnet includes the runtime): bigger, not wrong.
    expectNone('FROM mcr.microsoft.com/dotnet/aspnet:10.0\n', project({ isWeb: false }), 'wrong-runtime-family');
  });

  test('a Dockerfile that publishes self-contained makes runtime-deps right even if the project does not say so', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -c Release -r linux-x64 --self-contained -o /app\n\nFROM mcr.microsoft.com/dotnet/runtime-deps:10.0\nCOPY --from=build /app .\n';
    expectNone(text, project({ isWeb: false }), 'wrong-runtime-family');
  });

  test('quiet without project facts', () => {
    expectNone('FROM mcr.microsoft.com/dotnet/runtime-deps:10.0\n', undefined, 'wrong-runtime-family');
  });
});

describe('globalization-without-icu from the project', () => {
  test('InvariantGlobalization=false on a chiseled image without -extra', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-|chiseled|\n';
    const d = expectOne(text, project({ invariantGlobalization: false }), 'globalization-without-icu');
    assert.match(messageOf(d), /App\.csproj sets InvariantGlobalization to false/);
  });

  test('quiet when the project leaves it unset (the image runs invariant) or uses -extra', () => {
    expectNone('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\n', project(), 'globalization-without-icu');
    expectNone('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra\n', project({ invariantGlobalization: false }), 'globalization-without-icu');
  });
});
