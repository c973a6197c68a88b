/**
 * The tag grammar on hand-picked tricky tags (part ranges come from `|` markers) and as properties:
 * any string round-trips, and parsing never throws.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { marked } from '../helpers/markers';
import { parseTag, printTag, type ParsedTag, type TagSpan } from '../../server/src/service/catalog/tagGrammar';
import { compareProductVersions, parseProductVersion } from '../../server/src/service/catalog/productVersion';

/** Asserts that `pick(parsed)` spans exactly the text between the two `|` markers. */
function assertPart(markedTag: string, pick: (parsed: ParsedTag) => TagSpan | null | undefined): ParsedTag {
  const { text, offsets } = marked(markedTag);
  const parsed = parseTag(text);
  const part = pick(parsed);
  assert.ok(part, `${text}: part between the markers not found`);
  assert.deepEqual({ start: part.start, end: part.end }, { start: offsets[0], end: offsets[1] }, `${text}: range of ${part.text}`);
  assert.equal(part.text, text.slice(offsets[0], offsets[1]));
  assert.equal(printTag(parsed), text);
  return parsed;
}

function kinds(tag: string): string {
  return parseTag(tag).segments.map((s) => `${s.kind}:${s.text}`).join(' ');
}

describe('product tags', () => {
  test('fixed version, versioned Alpine, arch: 10.0.11-alpine3.24-amd64', () => {
    const p = assertPart('|10.0.11|-alpine3.24-amd64', (t) => t.version);
    assert.deepEqual([p.version?.kind, p.version?.major, p.version?.minor, p.version?.patch, p.version?.majorMinor], ['fixed', 10, 0, 11, '10.0']);
    assertPart('10.0.11-|alpine3.24|-amd64', (t) => t.os);
    assert.deepEqual([p.os?.family, p.os?.release, p.os?.platform], ['alpine', '3.24', 'linux']);
    assertPart('10.0.11-alpine3.24-|amd64|', (t) => t.arch);
    assert.equal(p.arch?.value, 'amd64');
    assert.equal(p.wellFormed, true);
    assert.equal(p.reason, null);
  });

  test('rebuild revision after a fixed version: 5.0.102-1-focal', () => {
    const p = assertPart('5.0.102-|1|-focal', (t) => t.revision);
    assert.equal(p.revision?.value, 1);
    assertPart('|5.0.102|-1-focal', (t) => t.version);
    assertPart('5.0.102-1-|focal|', (t) => t.os);
    assert.deepEqual([p.os?.family, p.os?.release], ['ubuntu', 'focal']);
    assert.equal(kinds('5.0.102-1-focal'), 'version:5.0.102 revision:1 os:focal');
  });

  test('SDK preview with AOT: 11.0.100-preview.7-resolute-aot', () => {
    const p = assertPart('|11.0.100-preview.7|-resolute-aot', (t) => t.version);
    assert.deepEqual([p.version?.kind, p.version?.patch, p.version?.prerelease], ['fixed', 100, 'preview.7']);
    assertPart('11.0.100-preview.7-|resolute|-aot', (t) => t.os);
    assertPart('11.0.100-preview.7-resolute-|aot|', (t) => t.variants[0]);
    assert.equal(p.wellFormed, true);
  });

  test('every kind of part: 10.0-noble-chiseled-composite-extra-arm64v8', () => {
    const tag = '10.0-noble-chiseled-composite-extra-arm64v8';
    assert.equal(kinds(tag), 'version:10.0 os:noble flavour:chiseled variant:composite variant:extra arch:arm64v8');
    assertPart('10.0-noble-|chiseled|-composite-extra-arm64v8', (t) => t.flavour);
    assertPart('10.0-noble-chiseled-composite-|extra|-arm64v8', (t) => t.variants[1]);
    const p = parseTag(tag);
    assert.deepEqual(p.variants.map((v) => v.value), ['composite', 'extra']);
    assert.equal(p.version?.kind, 'floating-minor');
    assert.equal(p.wellFormed, true);
  });

  test('floating major with the two-word OS: 8-cbl-mariner-distroless', () => {
    const p = assertPart('8-|cbl-mariner|-distroless', (t) => t.os);
    assert.deepEqual([p.version?.kind, p.version?.major, p.version?.majorMinor], ['floating-major', 8, null]);
    assert.deepEqual([p.os?.family, p.os?.release], ['cbl-mariner', null]);
    assert.equal(p.flavour?.value, 'distroless');
    assert.equal(parseTag('6.0.6-1-cbl-mariner1.0-distroless').os?.release, '1.0');
  });

  test('floating preview: 11.0-preview', () => {
    const p = assertPart('|11.0-preview|', (t) => t.version);
    assert.deepEqual([p.version?.kind, p.version?.majorMinor, p.version?.prerelease], ['floating-minor', '11.0', 'preview']);
    assert.equal(p.segments.length, 1);
    assertPart('|11.0-preview|-alpine-composite', (t) => t.version);
    assertPart('|8-preview|-ubuntu-chiseled', (t) => t.version);
  });

  test('latest', () => {
    const p = assertPart('|latest|', (t) => t.version);
    assert.equal(p.version?.kind, 'latest');
    assert.equal(p.wellFormed, true);
  });

  test('floating Alpine with AOT and arch: 9.0-alpine-aot-amd64', () => {
    const p = assertPart('9.0-|alpine|-aot-amd64', (t) => t.os);
    assert.deepEqual([p.os?.family, p.os?.release], ['alpine', null]);
    assert.equal(kinds('9.0-alpine-aot-amd64'), 'version:9.0 os:alpine variant:aot arch:amd64');
  });

  test('Windows: the id belongs to the OS and there is no arch', () => {
    const p = assertPart('10.0.400-|windowsservercore-ltsc2025|', (t) => t.os);
    assert.deepEqual([p.os?.family, p.os?.release, p.os?.platform, p.arch], ['windowsservercore', 'ltsc2025', 'windows', null]);
    assert.equal(parseTag('3.1-nanoserver-20H2').os?.release, '20H2');
    assert.equal(parseTag('8.0-nanoserver-1809').os?.text, 'nanoserver-1809');
  });

  test('Debian -slim is part of the OS', () => {
    const p = assertPart('8.0.30-|bookworm-slim|-arm32v7', (t) => t.os);
    assert.deepEqual([p.os?.family, p.os?.release, p.os?.slim], ['debian', 'bookworm', true]);
  });

  test('OS releases not in the data yet still parse', () => {
    for (const [tag, family, release] of [
      ['10.0-alpine3.25', 'alpine', '3.25'],
      ['12.0-azurelinux4.0-distroless-extra', 'azurelinux', '4.0'],
      ['12.0-azurelinux-distroless', 'azurelinux', null],
      ['12.0-forky-slim', 'debian', 'forky'],
      ['12.0-sometimes-slim', 'debian', 'sometimes'],
      ['12.0-sassy-chiseled', 'ubuntu', 'sassy'],
      ['12.0-nanoserver-ltsc2031', 'nanoserver', 'ltsc2031'],
    ] as const) {
      const p = parseTag(tag);
      assert.equal(p.wellFormed, true, `${tag}: ${p.reason}`);
      assert.deepEqual([p.os?.family, p.os?.release], [family, release], tag);
    }
  });
});

describe('legacy and samples tags', () => {
  test('microsoft/dotnet: 2.1-runtime-deps-stretch-slim', () => {
    const p = assertPart('2.1-|runtime-deps|-stretch-slim', (t) => t.family);
    assert.equal(p.scheme, 'legacy');
    assert.equal(p.family?.value, 'runtime-deps');
    assertPart('2.1-runtime-deps-|stretch-slim|', (t) => t.os);
    assert.equal(kinds('2.2-aspnetcore-runtime'), 'version:2.2 family:aspnetcore-runtime');
    assert.equal(parseTag('2.1-sdk').family?.value, 'sdk');
  });

  test('microsoft/dotnet: runtime and SDK versions, version-less tags, Nano Server arm32', () => {
    const p = assertPart('1.0.5-sdk-|1.0.4|-nanoserver-10.0.14393.1198', (t) => t.sdkVersion);
    assert.equal(p.os?.release, '10.0.14393.1198');
    assert.deepEqual([parseTag('runtime').scheme, parseTag('runtime').wellFormed], ['legacy', true]);
    assert.deepEqual([parseTag('nanoserver').scheme, parseTag('nanoserver').os?.family], ['legacy', 'nanoserver']);
    const arm = assertPart('2.2-runtime-nanoserver-1809-|arm32|', (t) => t.arch);
    assert.equal(arm.arch?.value, 'arm32v7');
  });

  test('samples: app, flavour, version, OS, arch', () => {
    const p = assertPart('|dotnetapp|-chiseled-10.0-amd64', (t) => t.app);
    assert.equal(p.scheme, 'sample');
    assert.equal(kinds('dotnetapp-chiseled-10.0-amd64'), 'app:dotnetapp flavour:chiseled version:10.0 arch:amd64');
    assertPart('dotnetapp-10.0-|alpine|-amd64', (t) => t.os);
    assert.equal(kinds('aspnetapp-chiseled'), 'app:aspnetapp flavour:chiseled');
    assert.equal(kinds('aspnetapp-nanoserver-ltsc2022'), 'app:aspnetapp os:nanoserver-ltsc2022');
    assert.equal(parseTag('dotnetapp').wellFormed, true);
  });
});

describe('tags that are not well-formed', () => {
  for (const [markedTag, reason] of [
    ['10.0-|foo|', /'foo' is not a known part/],
    ['10.0-amd64-|noble|', /comes after the architecture/],
    ['10.0-noble-extra-|composite|', /in the order composite, extra, aot/],
    ['10.0-chiseled-|noble|', /out of order/],
    ['|weird|-10.0', /starts with a \.NET version/],
    ['latest-|amd64|', /'latest' takes no other parts/],
  ] as const) {
    test(marked(markedTag).text, () => {
      const { text, offsets } = marked(markedTag);
      const p = parseTag(text);
      assert.equal(p.wellFormed, false);
      assert.match(p.reason ?? '', reason);
      assert.equal(printTag(p), text);
      const flagged = p.segments.find((s) => s.start === offsets[0] && s.end === offsets[1]);
      assert.ok(flagged, `a segment spans the marked part of ${text}: ${kinds(text)}`);
    });
  }

  test('a doubled `-` leaves an empty unknown part', () => {
    const { text, offsets } = marked('10.0-|-noble');
    const p = parseTag(text);
    assert.match(p.reason ?? '', /an empty part/);
    assert.equal(kinds(text), 'version:10.0 unknown: os:noble');
    assert.deepEqual(p.segments.find((s) => s.kind === 'unknown'), { kind: 'unknown', text: '', start: offsets[0], end: offsets[0] });
    assert.equal(printTag(p), text);
  });

  test('the empty tag has no segments', () => {
    const p = parseTag('');
    assert.deepEqual([p.segments.length, p.wellFormed, printTag(p)], [0, false, '']);
  });
});

describe('properties', () => {
  const words = ['10.0', '10.0.11', '8', 'latest', 'preview', 'preview.7', 'rc.1', '1', 'noble', 'bookworm', 'slim', 'alpine3.24', 'cbl', 'mariner2.0',
    'nanoserver', 'ltsc2022', 'chiseled', 'distroless', 'composite', 'extra', 'aot', 'amd64', 'arm32', 'sdk', 'runtime', 'deps', 'aspnetapp', '', 'x'];

  test('any string round-trips and parsing never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom(...words)).map((parts) => parts.join('-'))), (tag) => {
        const parsed = parseTag(tag);
        assert.equal(printTag(parsed), tag);
        for (const segment of parsed.segments) assert.equal(tag.slice(segment.start, segment.end), segment.text);
        assert.equal(parsed.wellFormed, parsed.reason === null);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('product versions', () => {
  test('order: numbers, then alpha < preview < rc < GA < rebuild', () => {
    const ordered = ['2.0.0-preview1', '2.0.0-preview2', '3.0.0-rc1', '5.0.0-preview', '5.0.0-preview.1', '11.0.0-preview.7', '11.0.0-preview.7-1',
      '11.0.0-rc.1', '11.0.0-rc.2', '11.0.0', '11.0.0-1', '11.0.1', '11.0.100-preview.7', '11.0.100'];
    const shuffled = [...ordered].reverse();
    assert.deepEqual(shuffled.sort(compareProductVersions), ordered);
  });

  test('parses prerelease and revision, rejects other text', () => {
    assert.deepEqual(parseProductVersion('11.0.0-preview.7-1'), { major: 11, minor: 0, patch: 0, prerelease: { label: 'preview', numbers: [7] }, revision: 1 });
    assert.equal(parseProductVersion('10.0'), null);
    assert.equal(parseProductVersion('10.0.11-noble'), null);
  });
});
