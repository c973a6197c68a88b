/**
 * Hover on .NET images, ARGs and stages. Markers: one `|` is the hover position; three are
 * `start|position|end` of the range the hover must cover.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { marked } from '../helpers/markers';
import { testService } from '../helpers/service';
import type { DotnetDockerfileService } from '../../server/src/service';
import { toPlainText } from '../../server/src/service/texts/texts';
import { projectFacts } from '../helpers/project';

const service = testService();

function hoverAt(source: string, svc: DotnetDockerfileService = service): { hover: Hover | null; text: string } {
  const m = marked(source);
  const position = m.offsets.length === 3 ? m.position(1) : m.position(0);
  const hover = svc.hover(svc.parse(m.document), position);
  if (hover && m.offsets.length === 3) {
    assert.deepEqual(hover.range, { start: m.position(0), end: m.position(2) }, 'the hover covers exactly the marked part');
  }
  const contents = hover?.contents;
  const text = contents && typeof contents === 'object' && 'kind' in contents ? contents.value : '';
  if (hover) assert.ok(contents && typeof contents === 'object' && 'kind' in contents && contents.kind === 'markdown');
  return { hover, text };
}

const ASPNET = 'FROM mcr.microsoft.com/dotnet/aspnet:';

describe('hover on the parts of a .NET image', () => {
  test('a chiseled segment: no shell, no package manager, app user 1654, and a summary of the image', () => {
    const { text } = hoverAt(`${ASPNET}10.0-noble-|chi|seled|`);
    assert.match(text, /no shell/i);
    assert.match(text, /no package manager/i);
    assert.match(text, /UID 1654/);
    assert.match(text, /Ubuntu 24\.04/);
    assert.match(text, /mcr\.microsoft\.com\/artifact\/mar\/dotnet\/aspnet\/about/);
  });

  test('the version segment: support phase and end-of-life date measured against today', () => {
    assert.match(hoverAt(`${ASPNET}|10|.0|-noble`).text, /supported\*\* until 2028-11-14/);
    const nine = hoverAt(`${ASPNET}|9|.0|`).text;
    assert.match(nine, /end of life on 2026-11-10/);
    assert.match(nine, /Move to \.NET 10\.0/);
    const before = hoverAt(`${ASPNET}9|.0`, testService({ today: '2025-12-01' })).text;
    assert.doesNotMatch(before, /end of life on/);
    assert.match(before, /until \*\*2026-11-10\*\*|until 2026-11-10/);
  });

  test('floating and fixed tags say so', () => {
    assert.match(hoverAt(`${ASPNET}1|0.0-noble`).text, /Floating tag/);
    assert.match(hoverAt(`${ASPNET}1|0.0.11-noble`).text, /Fixed tag/);
    assert.match(hoverAt(`${ASPNET}la|test`).text, /next major/);
  });

  test('the repository: what the family is for and what not to ship', () => {
    const { text } = hoverAt('FROM mcr.microsoft.com/|dot|net/sdk|:10.0 AS build');
    assert.match(text, /Do not ship it/);
    const nightly = hoverAt('FROM mcr.microsoft.com/dotnet/nightly/as|pnet:10.0').text;
    assert.match(nightly, /nightly/i);
  });

  test('the registry', () => {
    assert.match(hoverAt('FROM |mcr.micro|soft.com|/dotnet/runtime:10.0').text, /Microsoft Artifact Registry/);
  });

  test('OS segments: Alpine floats, Windows needs a matching host', () => {
    const alpine = hoverAt(`${ASPNET}10.0-|alp|ine|`).text;
    assert.match(alpine, /musl/);
    assert.match(alpine, /floats/);
    assert.doesNotMatch(hoverAt(`${ASPNET}10.0-alpine3.2|4`).text, /floats\*\* to the newest/);
    assert.match(hoverAt(`FROM mcr.microsoft.com/dotnet/sdk:10.0-|nanoserver-l|tsc2025|`).text, /Windows Nano Server LTSC 2025/);
  });

  test('variants: extra, composite, aot', () => {
    assert.match(hoverAt(`${ASPNET}10.0-noble-chiseled-|ex|tra|`).text, /ICU.*tzdata/);
    assert.match(hoverAt(`${ASPNET}10.0-noble-chiseled-comp|osite`).text, /locked/);
    const aot = hoverAt('FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-a|ot AS build').text;
    assert.match(aot, /Native AOT/);
    assert.match(aot, /runtime-deps/);
  });

  test('the architecture', () => {
    assert.match(hoverAt(`${ASPNET}10.0-noble-|arm6|4v8|`).text, /linux\/arm64/);
    assert.match(hoverAt(`${ASPNET}10.0-no|ble`).text, /Multi-platform: `linux\/amd64`/);
  });

  test('in the catalog, only well-formed, or not a known tag', () => {
    assert.match(hoverAt(`${ASPNET}10.0-no|ble`).text, /Listed in the image catalog/);
    assert.match(hoverAt(`${ASPNET}10.0.99-no|ble`).text, /newer patch/);
    assert.match(hoverAt(`${ASPNET}10.0-noble-compo|site`).text, /Not a published tag/);
    assert.match(hoverAt(`${ASPNET}10.0-|nob|le|-chiselled`).text.replace(/\n/g, ' '), /Ubuntu 24\.04/);
    assert.match(hoverAt(`${ASPNET}10.0-noble-|chise|lled|`).text, /not a known part/);
  });

  test('no tag: Docker pulls latest', () => {
    assert.match(hoverAt('FROM mcr.microsoft.com/dotnet/run|time').text, /pulls `latest`/);
  });

  test('a digest', () => {
    assert.match(hoverAt(`${ASPNET}10.0@sha256:ab|c`).text, /digest/);
  });
});

describe('hover on ARGs and stages', () => {
  test('a ${VAR} in the image shows its resolved value', () => {
    const { text } = hoverAt('ARG TAG=10.0-noble-chiseled\nFROM mcr.microsoft.com/dotnet/aspnet:|${T|AG}|');
    assert.match(text, /`TAG` = `10\.0-noble-chiseled`/);
    assert.match(text, /line 1/);
    assert.match(text, /Resolves to `mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble-chiseled`/);
    assert.match(text, /No shell/);
  });

  test('a ${VAR} without a default says where the value comes from', () => {
    assert.match(hoverAt('ARG TAG\nFROM mcr.microsoft.com/dotnet/aspnet:$T|AG').text, /--build-arg TAG=/);
  });

  test('FROM <stage> shows the stage base image and that it has no shell', () => {
    const source = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS base\nFROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM |ba|se| AS final';
    const { text } = hoverAt(source);
    assert.match(text, /Stage `base`/);
    assert.match(text, /mcr\.microsoft\.com\/dotnet\/aspnet:10\.0-noble-chiseled/);
    assert.match(text, /No shell/);
  });

  test('COPY --from=<stage> shows the stage image and its shell', () => {
    const source = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=|bu|ild| /app .';
    const { text } = hoverAt(source);
    assert.match(text, /mcr\.microsoft\.com\/dotnet\/sdk:10\.0/);
    assert.match(text, /Has a shell/);
  });

  test('a chain of stages is followed to the image', () => {
    const source = 'FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-azurelinux3.0-distroless AS base\nFROM base AS app\nFROM scratch\nCOPY --from=a|pp / /';
    const { text } = hoverAt(source);
    assert.match(text, /built FROM stage `base`/);
    assert.match(text, /distroless/);
  });

  test('COPY --from=<image> and RUN --mount from=<image> hover as images', () => {
    assert.match(hoverAt('FROM scratch\nCOPY --from=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chi|seled / /').text, /Ubuntu Chiseled/);
    assert.match(hoverAt('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS bb\nFROM scratch\nRUN --mount=type=bind,from=|b|b|,target=/x ls').text, /Stage `bb`/);
  });

  test('the stage name after AS', () => {
    assert.match(hoverAt('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS |bui|ld|').text, /Stage `build` runs on/);
  });
});

describe('where hover stays quiet', () => {
  test('other images, other instructions, whitespace', () => {
    for (const source of ['FROM ub|untu:24.04', 'RUN ec|ho hi', 'FROM mcr.microsoft.com/dotnet/sdk:10.0 | AS build', '|', '# FROM mcr.microsoft.com/dotnet/sd|k']) {
      assert.equal(hoverAt(source).hover, null, source);
    }
  });

  test('without a catalog the family is still explained, and nothing throws', () => {
    const bare = testService({ catalog: undefined });
    const { text } = hoverAt('FROM mcr.microsoft.com/dotnet/s|dk:10.0', bare);
    assert.match(text, /\.NET SDK/);
  });

  test('the markdown turns into plain text without marks', () => {
    const { text } = hoverAt(`${ASPNET}10.0-noble-chi|seled`);
    const plain = toPlainText(text);
    assert.doesNotMatch(plain, /\*\*|`|\]\(/);
    assert.match(plain, /https:\/\/mcr\.microsoft\.com\/artifact\/mar\/dotnet\/aspnet\/about/);
  });
});

describe('hover with project facts', () => {
  const project = projectFacts({ projectFile: 'src/Shop/Shop.csproj', isWeb: true });
  const hoverText = (source: string, withProject: boolean): string => {
    const m = marked(source);
    const result = service.hover(service.parse(m.document), m.position(), withProject ? { project } : {});
    const contents = result?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
  };

  test('the final image says what dotnet publish /t:PublishContainer would choose', () => {
    const text = hoverText('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-no|ble-chiseled\n', true);
    assert.match(text, /For `src\/Shop\/Shop\.csproj`.*PublishContainer.*mcr\.microsoft\.com\/dotnet\/aspnet:10\.0/s);
  });

  test('not on a build stage, and not without a project', () => {
    assert.doesNotMatch(hoverText('FROM mcr.microsoft.com/dotnet/sdk:10|.0 AS build\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\n', true), /PublishContainer/);
    assert.doesNotMatch(hoverText('FROM mcr.microsoft.com/dotnet/aspnet:10|.0\n', false), /PublishContainer/);
  });
});
