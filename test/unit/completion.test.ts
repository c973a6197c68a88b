/**
 * Completion of .NET images: cursor markers in, whole texts out (the text after accepting an item).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { applyEdits, marked } from '../helpers/markers';
import { realCatalog, testService } from '../helpers/service';
import type { DotnetDockerfileService } from '../../server/src/service';
import type { ProjectFacts } from '../../server/src/service/context';
import { projectFacts } from '../helpers/project';

const service = testService();
const catalog = realCatalog();

function completeAt(source: string, options: { service?: DotnetDockerfileService; project?: ProjectFacts } = {}): { items: CompletionItem[]; text: string } {
  const svc = options.service ?? service;
  const m = marked(source);
  const list = svc.complete(svc.parse(m.document), m.position(), { project: options.project });
  assert.equal(list.isIncomplete, false);
  return { items: list.items, text: m.text };
}

function sorted(items: readonly CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

function labels(items: readonly CompletionItem[]): string[] {
  return sorted(items).map((i) => i.label);
}

function edit(item: CompletionItem): TextEdit {
  assert.ok(item.textEdit && 'range' in item.textEdit, `${item.label} carries a TextEdit`);
  return item.textEdit;
}

/** The whole text after accepting the item labelled `label`. */
function accept(source: string, label: string, options: { project?: ProjectFacts } = {}): string {
  const { items, text } = completeAt(source, options);
  const item = items.find((i) => i.label === label);
  assert.ok(item, `"${label}" is offered; got ${labels(items).join(', ')}`);
  return applyEdits(text, [edit(item)]);
}

/** The tags of a repository whose text starts with `prefix`: the truth the offers are checked against. */
function catalogTags(repository: string, prefix = ''): string[] {
  return catalog.tags(repository).map((t) => t.tag).filter((t) => t.startsWith(prefix));
}

describe('image names', () => {
  test('after FROM the .NET registry path is offered and re-triggers completion', () => {
    const { items } = completeAt('FROM |');
    const registry = items.find((i) => i.label === 'mcr.microsoft.com/dotnet/');
    assert.ok(registry);
    assert.equal(registry.command?.command, 'editor.action.triggerSuggest');
    assert.equal(accept('FROM |', 'mcr.microsoft.com/dotnet/'), 'FROM mcr.microsoft.com/dotnet/');
  });

  test('flags before the image are allowed', () => {
    assert.equal(accept('FROM --platform=$BUILDPLATFORM |', 'mcr.microsoft.com/dotnet/'), 'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/');
  });

  test('a partly typed registry is replaced as a whole', () => {
    assert.equal(accept('FROM mcr.mi|', 'mcr.microsoft.com/dotnet/'), 'FROM mcr.microsoft.com/dotnet/');
  });

  test('the repositories come with one line each and accepting one opens its tags', () => {
    const { items } = completeAt('FROM mcr.microsoft.com/dotnet/|');
    const names = items.map((i) => i.label);
    for (const repository of catalog.repositories()) assert.ok(names.includes(repository.name.slice('dotnet/'.length)), `${repository.name} offered`);
    for (const item of items) assert.ok(item.detail && item.detail.length > 10, `${item.label} has a one-line detail`);
    const aspnet = items.find((i) => i.label === 'aspnet');
    assert.equal(aspnet?.command?.command, 'editor.action.triggerSuggest');
    assert.equal(accept('FROM mcr.microsoft.com/dotnet/|', 'aspnet'), 'FROM mcr.microsoft.com/dotnet/aspnet:');
  });

  test('a repository typed over keeps the tag that follows', () => {
    assert.equal(accept('FROM mcr.microsoft.com/dotnet/|aspnet:10.0', 'runtime'), 'FROM mcr.microsoft.com/dotnet/runtime:10.0');
  });

  test('typing a short name offers the full image', () => {
    assert.equal(accept('FROM aspn|', 'mcr.microsoft.com/dotnet/aspnet'), 'FROM mcr.microsoft.com/dotnet/aspnet:');
  });

  test('a build stage ranks the SDK first', () => {
    const { items } = completeAt('FROM mcr.microsoft.com/dotnet/| AS build\nWORKDIR /src\nRUN dotnet publish -c Release -o /app');
    assert.equal(labels(items)[0], 'sdk');
  });

  test('the final stage ranks the runtime images first, aspnet for a web project and runtime-deps for AOT', () => {
    const source = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\n\nFROM mcr.microsoft.com/dotnet/|\nCOPY --from=build /app .';
    const plain = labels(completeAt(source).items);
    assert.ok(plain.indexOf('aspnet') < plain.indexOf('sdk') && plain.indexOf('runtime') < plain.indexOf('sdk'));
    const project: ProjectFacts = projectFacts({ publishAot: true, invariantGlobalization: true });
    assert.equal(labels(completeAt(source, { project }).items)[0], 'runtime-deps');
  });

  test('an AOT project gets the SDK\'s aot variant first in its build stage', () => {
    const project: ProjectFacts = projectFacts({ publishAot: true, invariantGlobalization: true });
    const source = 'FROM mcr.microsoft.com/dotnet/sdk:10.0-| AS build\nRUN dotnet publish -r linux-x64 -o /app';
    assert.equal(labels(completeAt(source, { project }).items)[0], 'aot');
    assert.notEqual(labels(completeAt(source).items)[0], 'aot');
  });

  test('the Visual Studio `base` stage that the final stage extends counts as final', () => {
    const source = 'FROM mcr.microsoft.com/dotnet/| AS base\nFROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet build\nFROM base AS final\nENTRYPOINT ["dotnet", "app.dll"]';
    assert.equal(labels(completeAt(source).items)[0], 'aspnet');
  });

  test('earlier stages are offered as bases in FROM, never the stage itself or later ones', () => {
    const { items } = completeAt('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM b|\nFROM scratch AS later');
    const names = items.map((i) => i.label);
    assert.ok(names.includes('build'));
    assert.ok(!names.includes('later'));
  });
});

describe('tags, segment by segment', () => {
  const aspnet = 'FROM mcr.microsoft.com/dotnet/aspnet:';

  test('versions come first: supported floating, previews, latest, then fixed; end-of-life last and deprecated', () => {
    const { items } = completeAt(`${aspnet}|`);
    const order = labels(items);
    const at = (label: string): number => {
      const index = order.indexOf(label);
      assert.ok(index >= 0, `${label} offered`);
      return index;
    };
    assert.ok(at('10.0') < at('11.0-preview'));
    assert.ok(at('11.0-preview') < at('latest'));
    const fixed10 = order.find((l) => /^10\.0\.\d+$/.test(l));
    assert.ok(fixed10 && at('latest') < at(fixed10));
    // TODAY is after 2026-11-10: 9.0 and 8.0 are past end of life.
    assert.ok(at(fixed10) < at('9.0') && at('latest') < at('8.0'));
    for (const item of items) {
      const eol = /^(8|9)\./.test(item.label);
      assert.equal(item.deprecated === true, eol, `${item.label} deprecated: ${eol}`);
      assert.equal(item.tags?.includes(CompletionItemTag.Deprecated) === true, eol);
    }
  });

  test('before end of life 9.0 is not deprecated', () => {
    const early = testService({ today: '2026-01-15' });
    const nine = completeAt(`${aspnet}|`, { service: early }).items.find((i) => i.label === '9.0');
    assert.ok(nine && !nine.deprecated);
    assert.match(nine.detail ?? '', /^9\.0 STS/);
  });

  test('the SDK stage version ranks first in the final stage', () => {
    const source = 'FROM mcr.microsoft.com/dotnet/sdk:11.0-preview AS build\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:|\nCOPY --from=build /app .';
    assert.equal(labels(completeAt(source).items)[0], '11.0-preview');
  });

  test('after `10.0-` only the next segments of existing aspnet tags, OSes first', () => {
    const { items } = completeAt(`${aspnet}10.0-|`);
    const expected = new Set(catalogTags('dotnet/aspnet', '10.0-').map((t) => t.slice('10.0-'.length).split('-')[0]!));
    // Multi-word OS segments are one item.
    const offered = new Set(items.map((i) => i.label.split('-')[0]!));
    assert.deepEqual(offered, expected);
    assert.ok(!items.some((i) => ['chiseled', 'composite', 'extra', 'distroless'].includes(i.label)), 'no flavour or variant straight after the version');
    assert.ok(items.some((i) => i.label === 'nanoserver-ltsc2025'), 'Windows OS offered as one segment');
    assert.equal(labels(items)[0], 'noble', 'the default OS of 10.0 first');
  });

  test('never a combination that does not exist', () => {
    const noble = labels(completeAt(`${aspnet}10.0-noble-|`).items);
    assert.ok(noble.includes('chiseled') && !noble.includes('composite') && !noble.includes('extra'));
    const sdk = labels(completeAt('FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-|').items);
    assert.ok(!sdk.includes('chiseled') && sdk.includes('aot'));
    const deps = labels(completeAt('FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-|').items);
    assert.ok(!deps.some((l) => l.startsWith('nanoserver') || l.startsWith('windowsservercore')));
    const chiseled = labels(completeAt(`${aspnet}10.0-noble-chiseled-|`).items);
    assert.ok(chiseled.includes('composite') && chiseled.includes('extra') && chiseled.includes('amd64'));
  });

  test('items after a complete segment continue it, and accepting re-triggers completion', () => {
    const { items } = completeAt(`${aspnet}10.0|`);
    const noble = items.find((i) => i.label === '10.0-noble');
    assert.ok(noble, 'the next segment is offered with the one just typed');
    assert.equal(noble.command?.command, 'editor.action.triggerSuggest');
    assert.equal(accept(`${aspnet}10.0|`, '10.0-noble'), `${aspnet}10.0-noble`);
    assert.equal(labels(items)[0], '10.0', 'the tag as typed stays first');
  });

  test('typing a prefix filters, and accepting replaces exactly the segment being typed', () => {
    const { items } = completeAt(`${aspnet}10.0-al|`);
    assert.ok(items.length > 0 && items.every((i) => i.label.startsWith('alpine')));
    assert.equal(accept(`${aspnet}10.0-al|`, 'alpine3.24'), `${aspnet}10.0-alpine3.24`);
  });

  test('a segment in the middle of a tag is replaced whole, and only alternatives that keep the tag valid are offered', () => {
    assert.equal(accept(`${aspnet}10.0-no|ble-chiseled`, 'noble'), `${aspnet}10.0-noble-chiseled`);
    assert.equal(accept(`${aspnet}|9.0-noble-chiseled-extra`, '10.0'), `${aspnet}10.0-noble-chiseled-extra`);
    const versions = labels(completeAt(`${aspnet}|-resolute-chiseled`).items);
    const truth = new Set(catalogTags('dotnet/aspnet').filter((t) => t.includes('-resolute-chiseled')).map((t) => t.slice(0, t.indexOf('-resolute'))));
    assert.deepEqual(new Set(versions), truth);
    assert.ok(!versions.includes('9.0'));
  });

  test('a multi-word segment under the cursor is replaced whole', () => {
    assert.equal(accept('FROM mcr.microsoft.com/dotnet/sdk:10.0-nano|server-ltsc2022', 'nanoserver-ltsc2025'), 'FROM mcr.microsoft.com/dotnet/sdk:10.0-nanoserver-ltsc2025');
  });

  test('detail and documentation say what the image is; chiseled says no shell', () => {
    const chiseled = completeAt(`${aspnet}10.0-noble-|`).items.find((i) => i.label === 'chiseled');
    assert.ok(chiseled);
    assert.match(chiseled.detail ?? '', /^10\.0 LTS · Ubuntu 24\.04 chiseled · no shell · non-root/);
    const doc = chiseled.documentation;
    assert.ok(doc && typeof doc === 'object' && doc.kind === 'markdown');
    assert.match(doc.value, /no shell/);
    assert.match(doc.value, /1654/);
    assert.match(doc.value, /mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble-chiseled/);
  });

  test('a variable in the FROM is resolved from the global ARG', () => {
    const { items } = completeAt('ARG REPO=mcr.microsoft.com/dotnet\nFROM ${REPO}/aspnet:10.0-noble-|');
    assert.ok(items.some((i) => i.label === 'chiseled'));
  });

  test('non-.NET images and digests get nothing', () => {
    assert.deepEqual(completeAt('FROM ubuntu:|').items, []);
    assert.deepEqual(completeAt('FROM mcr.microsoft.com/dotnet/aspnet:10.0@sha256:|').items, []);
  });
});

describe('other places an image is named', () => {
  test('an ARG default that a FROM uses as its tag', () => {
    const source = 'ARG TAG=10.0-|\nFROM mcr.microsoft.com/dotnet/aspnet:${TAG}';
    assert.ok(completeAt(source).items.some((i) => i.label === 'noble'));
    assert.equal(accept(source, 'noble'), 'ARG TAG=10.0-noble\nFROM mcr.microsoft.com/dotnet/aspnet:${TAG}');
    assert.equal(accept('ARG TAG="10.0-|"\nFROM mcr.microsoft.com/dotnet/aspnet:${TAG}', 'noble'), 'ARG TAG="10.0-noble"\nFROM mcr.microsoft.com/dotnet/aspnet:${TAG}');
  });

  test('an ARG default followed by more tag in the FROM offers only versions that fit', () => {
    const source = 'ARG DOTNET=|\nFROM mcr.microsoft.com/dotnet/aspnet:${DOTNET}-resolute-chiseled';
    const versions = new Set(labels(completeAt(source).items));
    assert.ok(versions.has('10.0') && !versions.has('9.0') && !versions.has('10.0-noble'));
  });

  test('an ARG that holds the whole image', () => {
    assert.equal(accept('ARG BASE=mcr.microsoft.com/dotnet/|\nFROM ${BASE}', 'sdk'), 'ARG BASE=mcr.microsoft.com/dotnet/sdk:\nFROM ${BASE}');
  });

  test('ARGs no FROM uses, and ARGs inside a stage, get nothing', () => {
    assert.deepEqual(completeAt('ARG TAG=10.0-|\nFROM mcr.microsoft.com/dotnet/aspnet:10.0').items, []);
    assert.deepEqual(completeAt('FROM mcr.microsoft.com/dotnet/aspnet:10.0\nARG TAG=10.0-|').items, []);
  });

  test('COPY --from= offers earlier stages first, then images', () => {
    const source = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=| /app .';
    const order = labels(completeAt(source).items);
    assert.equal(order[0], 'build');
    assert.ok(order.includes('mcr.microsoft.com/dotnet/'));
    assert.equal(accept(source, 'build'), 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /app .');
    assert.ok(completeAt('FROM scratch\nCOPY --from=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-| / /').items.some((i) => i.label === 'chiseled'));
  });

  test('RUN --mount=from= offers stages', () => {
    const source = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS deps\nFROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN --mount=type=bind,from=d|,target=/deps ls /deps';
    assert.equal(accept(source, 'deps'), 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS deps\nFROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN --mount=type=bind,from=deps,target=/deps ls /deps');
    assert.deepEqual(completeAt('FROM x AS a\nFROM y\nRUN --mount=type=cache,target=/r|oot ls').items, []);
  });

  test('FROM --platform= offers the BuildKit variables and the platforms of the image', () => {
    const linux = labels(completeAt('FROM --platform=| mcr.microsoft.com/dotnet/sdk:10.0 AS build').items);
    assert.deepEqual(linux.slice(0, 2), ['$BUILDPLATFORM', '$TARGETPLATFORM']);
    assert.ok(linux.includes('linux/amd64') && linux.includes('linux/arm64') && linux.includes('linux/arm/v7'));
    const azure = labels(completeAt('FROM --platform=| mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0').items);
    assert.ok(!azure.includes('linux/arm/v7'), 'Azure Linux has no arm32 images');
    const windows = labels(completeAt('FROM --platform=| mcr.microsoft.com/dotnet/sdk:10.0-nanoserver-ltsc2025').items);
    assert.ok(windows.includes('windows/amd64') && !windows.includes('linux/amd64'));
    assert.equal(accept('FROM --platform=| mcr.microsoft.com/dotnet/sdk:10.0', '$BUILDPLATFORM'), 'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0');
  });
});

describe('where there is nothing to complete', () => {
  // An empty line offers the starter snippets instead (completionSnippets.test.ts).
  test('other instructions, the stage name, comments and blank lines', () => {
    for (const source of ['RUN echo |', 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS |', 'FROM mcr.microsoft.com/dotnet/sdk:10.0 |', '# FROM |', 'FROM|', 'ENV A=|', 'COPY | .']) {
      assert.deepEqual(completeAt(source).items, [], source);
    }
  });

  test('without a catalog, tag completion stays quiet and nothing throws', () => {
    const bare = testService({ catalog: undefined });
    assert.deepEqual(completeAt('FROM mcr.microsoft.com/dotnet/aspnet:|', { service: bare }).items, []);
    assert.deepEqual(completeAt('FROM |', { service: bare }).items, []);
  });
});
