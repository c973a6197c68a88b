/**
 * Issue 19 #9: one bad project file must not break anything. The MSBuild reader never throws (`&#x110000;`),
 * its scans are linear (`$(` × 100,000, `<a` + 100,000 blanks, `<` × 100,000, conditions with long blanks),
 * and expansion is bounded (`$(P)$(P)` doubling 40 deep). On ordinary files it reads exactly what the regex
 * reader it replaced read (that reader is kept in oldMsbuildXml.ts as the oracle).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { decodeEntities, readMsbuildXml } from '../../../server/src/service/msbuild/msbuildXml';
import { evaluateCondition, evaluateProperties, expandProperties, MAX_EXPANDED_LENGTH } from '../../../server/src/service/msbuild/msbuildProperties';
import { projectFactsFrom } from '../../../server/src/service/msbuild/projectFacts';
import { oldReadMsbuildXml } from './oldMsbuildXml';

/** Runs `work` and fails when it takes longer than `ms` (each case below took seconds before the fix). */
function fast<T>(ms: number, what: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  const took = performance.now() - started;
  assert.ok(took < ms, `${what} took ${took.toFixed(0)} ms (budget ${ms} ms)`);
  return result;
}

const project = (properties: string): string => `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework>${properties}</PropertyGroup></Project>`;

describe('entities', () => {
  test('a character reference past U+10FFFF stays as written instead of throwing', () => {
    assert.equal(decodeEntities('a&#x110000;b'), 'a&#x110000;b');
    assert.equal(decodeEntities('&#1114112;'), '&#1114112;');
    assert.equal(decodeEntities('&lt;&#60;&#x3C;&#x3c;&amp;&bogus;&'), '<<<<&&bogus;&');
    const doc = readMsbuildXml(project('<Description>&#x110000;</Description>'));
    assert.deepEqual(doc.properties.map((p) => [p.name, p.value]), [['TargetFramework', 'net10.0'], ['Description', '&#x110000;']]);
    assert.equal(projectFactsFrom('App.csproj', [doc]).targetVersion, '10.0');
  });

  test('`&` repeated 100,000 times before one `;` is read once', () => {
    fast(500, '& × 100,000', () => decodeEntities(`${'&'.repeat(100_000)};`));
    fast(500, '&a × 100,000', () => decodeEntities(`${'&a'.repeat(100_000)};`));
  });
});

describe('the reader is linear on hostile shapes', () => {
  const shapes: Array<[string, string]> = [
    ['`$(` × 100,000 in a property', project(`<P>${'$('.repeat(100_000)}</P>`)],
    ['a tag name followed by 100,000 blanks', `<Project${' '.repeat(100_000)}x>`],
    ['an attribute name of 100,000 letters', `<Project ${'a'.repeat(100_000)}>`],
    ['100,000 attribute names without `=`', `<Project ${'a '.repeat(100_000)}>`],
    ['an unclosed attribute quote', `<Project Sdk="${'x'.repeat(100_000)}>`],
    ['`<` × 100,000 then `>`', `${'<'.repeat(100_000)}>`],
    ['`<!DOCTYPE` × 30,000 without `>`', '<!DOCTYPE'.repeat(30_000)],
    ['`<!--` × 50,000', '<!--'.repeat(50_000)],
    ['`<![CDATA[` × 30,000', '<![CDATA['.repeat(30_000)],
    ['elements nested 50,000 deep, closed by other names', `${'<a>'.repeat(50_000)}${'</b>'.repeat(50_000)}`],
    ['50,000 property groups', `<Project>${'<PropertyGroup><X>1</X></PropertyGroup>'.repeat(50_000)}</Project>`],
  ];
  for (const [name, xml] of shapes) {
    test(name, () => {
      const doc = fast(1000, name, () => readMsbuildXml(xml));
      fast(1000, `${name}: evaluation`, () => evaluateProperties([doc]));
    });
  }
});

describe('expansion is bounded', () => {
  test('`$(P)$(P)` doubling 40 deep: the runaway property is unknown, the others are read', () => {
    const chain = Array.from({ length: 40 }, (_, i) => `<P${i + 1}>$(P${i})$(P${i})</P${i + 1}>`).join('');
    const doc = readMsbuildXml(project(`<P0>xy</P0>${chain}<RuntimeIdentifier>linux-x64</RuntimeIdentifier>`));
    const values = fast(1000, 'doubling', () => evaluateProperties([doc]));
    assert.equal(values.get('p10'), 'xy'.repeat(1024));
    assert.equal(values.has('p40'), false, 'a value of 2^41 characters is unknown, not built');
    for (const value of values.values()) assert.ok(value.length <= MAX_EXPANDED_LENGTH);
    const facts = projectFactsFrom('App.csproj', [doc]);
    assert.equal(facts.targetVersion, '10.0');
    assert.equal(facts.runtimeIdentifier, 'linux-x64');
  });

  test('many properties each just under the cap share one budget', () => {
    const big = 'x'.repeat(60_000);
    const many = Array.from({ length: 2000 }, (_, i) => `<C${i}>$(Big)</C${i}>`).join('');
    const values = fast(2000, 'budget', () => evaluateProperties([readMsbuildXml(project(`<Big>${big}</Big>${many}`))]));
    let total = 0;
    for (const value of values.values()) total += value.length;
    assert.ok(total < 8 * 1024 * 1024, `${total} characters were expanded`);
    assert.equal(values.get('targetframework'), 'net10.0');
  });

  test('expandProperties: unknown names are empty, functions unknown, a missing `)` leaves text', () => {
    const known = new Map([['a', 'A']]);
    assert.equal(expandProperties('$(A)-$(b)-$(Configuration)', known), 'A--Release');
    assert.equal(expandProperties('$([System.IO.Path]::Combine(a))', known), undefined);
    assert.equal(expandProperties('x $(A', known), 'x $(A');
    assert.equal(expandProperties(`${'$('.repeat(1000)}A)`, known), undefined);
  });
});

describe('conditions', () => {
  test('are decided as before, in one pass over long blanks', () => {
    const known = new Map([['targetframework', 'net10.0']]);
    assert.equal(evaluateCondition("'$(Configuration)' == 'Release'", known), true);
    assert.equal(evaluateCondition(" ( '$(Configuration)'=='Release' ) ", known), true);
    assert.equal(evaluateCondition("'$(TargetFramework)' != '' AND '$(RuntimeIdentifier)' == ''", known), true);
    assert.equal(evaluateCondition("'a' == 'b' and", known), undefined);
    assert.equal(evaluateCondition("'a'=='a' andx 'b'=='b'", known), undefined);
    const blanks = ' '.repeat(3000);
    fast(200, 'blanks', () => evaluateCondition(`${blanks}(${blanks}x`, known));
    fast(200, 'blanks around and', () => evaluateCondition(`'a'=='a'${blanks}and${blanks}'b'=='c'`, known));
    assert.equal(evaluateCondition(`'a'=='a'${' '.repeat(10_000)}`, known), undefined, 'longer than a condition can be');
  });
});

describe('on ordinary project files the linear reader reads what the regex reader read', () => {
  const names = fc.constantFrom('Project', 'PropertyGroup', 'ItemGroup', 'TargetFramework', 'PublishAot', 'Sdk', 'Import', 'FrameworkReference', 'X.Y', 'a_b');
  const attribute = fc.tuple(fc.constantFrom('Sdk', 'Condition', 'Include', 'Name', 'Project'), fc.constantFrom('"', "'"), fc.stringMatching(/^[\w .;$()'=/&#;<>-]{0,12}$/)).map(([key, quote, value]) => {
    const clean = value.replaceAll(quote, '').replaceAll('<', '').replaceAll('>', '');
    return ` ${key}=${quote}${clean}${quote}`;
  });
  const piece = fc.oneof(
    fc.tuple(names, fc.array(attribute, { maxLength: 3 }), fc.boolean()).map(([name, attrs, self]) => `<${name}${attrs.join('')}${self ? ' /' : ''}>`),
    names.map((name) => `</${name}>`),
    fc.stringMatching(/^[\w .;$()&#=-]{0,10}$/),
    fc.constantFrom('<!-- c -->', '<![CDATA[a<b&c]]>', '<?xml version="1.0"?>', '&amp;', '&lt;', '&#65;', '&#x42;', '\n  '),
  );
  test('on 3,000 generated files', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const xml = pieces.join('');
        // The old reader did not read ProjectReference items; everything it did read must be the same.
        const { projectReferences: _references, ...read } = readMsbuildXml(xml);
        assert.deepEqual(read, oldReadMsbuildXml(xml));
      }),
      { numRuns: 3000, seed: 19 },
    );
  });
});
