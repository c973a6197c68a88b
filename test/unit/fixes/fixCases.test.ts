/**
 * The fix cases of test/fixes/cases (the ones `npm run test:build` proves with buildah), fast: each fix applied
 * through the public service API (validate → codeActions → edits) gives the recorded whole text, removes its
 * diagnostic and brings no new error. Also: every image the cases name has a stand-in, and the README lists them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { fixCases } from '../../fixes/cases';
import { applyFix } from '../../fixes/cases/applyFix';
import { imagesOfCases } from '../../fixes/cases/caseImages';
import { starterSnippetCases } from '../../fixes/cases/starterSnippets';
import { README, provenFixesSection, withSection } from '../../fixes/cases/readme';
import { imageReferences, shellSibling, standInFor, withShellImages } from '../../build/standins/references';

/** What an action inserts: each edit's new text; a snippet's with its placeholders taken out and its escapes read. */
function insertedTexts(action: CodeAction): string[] {
  const texts: string[] = [];
  for (const edits of Object.values(action.edit?.changes ?? {})) for (const edit of edits) texts.push(edit.newText);
  for (const change of action.edit?.documentChanges ?? []) {
    if (!('edits' in change)) continue;
    for (const edit of change.edits) {
      if ('newText' in edit) texts.push(edit.newText);
      else if ('snippet' in edit) texts.push(edit.snippet.value.replace(/\$\{\d+(:(\\.|[^\\}])*)?\}|\$\d+/g, ' ').replace(/\\([$}\\])/g, '$1'));
    }
  }
  return texts;
}

/** The words of a text that name files: paths (not image references or URLs), and names with an extension (App.dll). */
function pathTokens(text: string): string[] {
  return text
    .split(/[\s"',[\]]+/)
    .map((token) => token.replace(/^--[a-z]+=/, ''))
    .filter((token) => token !== '' && !token.includes(':') && !token.startsWith('mcr.microsoft.com/') && (token.includes('/') || /^[A-Za-z][\w.-]*\.[A-Za-z]{2,7}$/.test(token)) && !/^--/.test(token));
}

/** A path the file before names, or one inside (or around) an absolute path it names; a name it spells. */
function knownPath(token: string, before: string): boolean {
  if (before.includes(token)) return true;
  if (!token.startsWith('/')) return false;
  const named = before.match(/\/[\w.@%+-]+(\/[\w.@%+-]+)*/g) ?? [];
  return named.some((path) => token.startsWith(`${path}/`) || path.startsWith(`${token}/`));
}

const countOf = (list: readonly Diagnostic[], keep: (d: Diagnostic) => boolean): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const d of list.filter(keep)) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  return counts;
};

describe('fix cases: the whole text after each fix', () => {
  for (const fixCase of fixCases) {
    test(`${fixCase.family}: ${fixCase.name}`, () => {
      const applied = applyFix(fixCase);
      assert.equal(applied.action.kind, 'quickfix');
      assert.equal(applied.after, fixCase.after);

      const rule = (d: Diagnostic): boolean => d.code === fixCase.rule;
      assert.ok(applied.diagnosticsAfter.filter(rule).length < applied.diagnosticsBefore.filter(rule).length, `${fixCase.rule} is still reported after the fix`);
      const errorsBefore = countOf(applied.diagnosticsBefore, (d) => d.severity === DiagnosticSeverity.Error);
      for (const [code, n] of countOf(applied.diagnosticsAfter, (d) => d.severity === DiagnosticSeverity.Error)) {
        assert.ok(n <= (errorsBefore.get(code) ?? 0), `the fix brings a new ${code} error`);
      }
    });
  }
});

describe('fix cases: the data is sound', () => {
  test('names are unique, and every case says what the builder must see', () => {
    const names = fixCases.map((c) => c.name);
    assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
    for (const c of fixCases) {
      if (c.beforeOutcome === 'image-missing' || c.referenceFails) assert.ok(c.expectedArgv?.start, `${c.name}: nothing ran before the fix, so the case must name the argv to expect`);
      assert.ok(!(c.expectBroken && c.builderLimit), `${c.name}: either the fix is broken or the builder cannot build it, not both`);
    }
  });

  test('no fix inserts a path it does not know (/path/to/..., a made-up file name), unless it is a snippet placeholder', () => {
    let checked = 0;
    for (const c of fixCases) {
      const applied = applyFix(c);
      for (const text of insertedTexts(applied.action)) {
        assert.ok(!/\/path\/(to|in)\b/.test(text), `${c.name}: inserts a placeholder path outside a snippet placeholder: ${text}`);
        for (const token of pathTokens(text)) {
          checked++;
          assert.ok(knownPath(token, applied.before), `${c.name}: inserts ${token}, which the file before never names: ${text}`);
        }
      }
    }
    assert.ok(checked > 50, `${checked} inserted paths checked`);
  });

  test('the path check catches a made-up path or file name', () => {
    const before = 'FROM x\nWORKDIR /app\nCOPY . .\nENTRYPOINT ["dotnet", "App.dll"]\n';
    assert.ok(!pathTokens('COPY --from=build /path/to/output /path/to/output').every((t) => knownPath(t, before)));
    assert.ok(!pathTokens('HEALTHCHECK CMD ["dotnet", "app.dll", "--health"]').every((t) => knownPath(t, before)));
    assert.ok(pathTokens('COPY --from=build /app/publish /app/publish\nENTRYPOINT ["dotnet", "App.dll"]').every((t) => knownPath(t, before)));
  });

  test('every image the cases and the starter snippets name has a stand-in, and shell-less ones a sibling with a shell', () => {
    const images = imagesOfCases(fixCases, starterSnippetCases());
    for (const reference of images) {
      const standIn = standInFor(reference);
      assert.ok(!('unsupported' in standIn), 'unsupported' in standIn ? standIn.unsupported : '');
      if (standIn.shellless) assert.ok(images.includes(shellSibling(reference)!), `${reference}: its sibling is not among the images`);
    }
    // The unknown tag of the unknown-tag case stays missing, so its `before` fails as it should.
    assert.ok(!images.includes('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chisled'));
  });

  test('the README lists the cases as the generator writes them', () => {
    const readme = readFileSync(README, 'utf8');
    assert.equal(withSection(readme), readme, 'README.md is out of date: run `npx tsx test/fixes/cases/readme.ts --write`');
    assert.ok(readme.includes(provenFixesSection()));
  });
});

describe('the starter snippets as oracle cases', () => {
  test('each expands to a Dockerfile with its project, and names what its ENTRYPOINT prints', () => {
    const cases = starterSnippetCases();
    assert.deepEqual(cases.map((c) => c.prefix).sort(), ['dotnet-aot', 'dotnet-aspnet-alpine', 'dotnet-aspnet-chiseled', 'dotnet-aspnet-composite', 'dotnet-console-distroless']);
    for (const c of cases) {
      assert.ok(!c.text.includes('${'), `${c.prefix}: no placeholder left`);
      assert.ok(Object.keys(c.context).includes('MyApp.csproj'), c.prefix);
    }
    assert.deepEqual(cases.find((c) => c.prefix === 'dotnet-aot')!.expectedStart, []);
    assert.deepEqual(cases.find((c) => c.prefix === 'dotnet-aspnet-chiseled')!.expectedStart, ['MyApp.dll']);
  });
});

describe('stand-in references', () => {
  test('the sibling with a shell keeps version, OS and arch', () => {
    assert.equal(shellSibling('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled'), 'mcr.microsoft.com/dotnet/aspnet:10.0-noble');
    assert.equal(shellSibling('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra-amd64'), 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-amd64');
    assert.equal(shellSibling('mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless-extra-amd64'), 'mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-amd64');
    assert.equal(shellSibling('mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled-composite'), 'mcr.microsoft.com/dotnet/aspnet:8.0-jammy');
    assert.equal(shellSibling('mcr.microsoft.com/dotnet/aspnet:10.0-noble'), undefined);
  });

  test('kinds: shell-less or not, globalization, package manager; Windows and other repositories have none', () => {
    assert.deepEqual(standInFor('mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled'), {
      reference: 'mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled', family: 'runtime-deps', shellless: true, version: '10.0', globalization: false, packageManager: 'apt-get',
    });
    assert.equal((standInFor('mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0') as { packageManager: string }).packageManager, 'tdnf');
    assert.equal((standInFor('mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra') as { globalization: boolean }).globalization, true);
    assert.ok('unsupported' in standInFor('mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-ltsc2022'));
    assert.ok('unsupported' in standInFor('mcr.microsoft.com/dotnet/monitor:9'));
  });

  test('references are found in FROM and COPY --from, untagged ones as :latest, never one built from an ARG', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet\nCOPY --from=mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled /x /x\nFROM mcr.microsoft.com/dotnet/aspnet:$TAG\nFROM mcr.microsoft.com/dotnet/core/aspnet:3.1\n';
    assert.deepEqual(imageReferences(text), ['mcr.microsoft.com/dotnet/sdk:10.0', 'mcr.microsoft.com/dotnet/aspnet:latest', 'mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled']);
    assert.equal(withShellImages(text), text.replace('10.0-noble-chiseled', '10.0-noble'));
  });
});
