import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../../server/src/protocol';
import type { Fix } from '../../../server/src/service/fixes/editKit';
import { fixAllAction, FIX_ALL_TITLE } from '../../../server/src/service/fixes/fixAll';
import { apply, parse, service } from './fixHarness';

const BEFORE = `FROM mcr.microsoft.com/dotnet/core/sdk:10.0 AS build
WORKDIR /src
RUN dotnet publish -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
COPY --from=build /app /app
ENV PORT=8080
RUN mkdir /data && chown app /data
HEALTHCHECK CMD /app/health http://localhost:$PORT
ENTRYPOINT exec dotnet \\
  /app/App.dll
`;

function fixAll(text: string, only: string[] = [FIX_ALL_KIND]) {
  const model = parse(text);
  const list = service.codeActions(model, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only });
  return { model, list };
}

describe('source.fixAll.dotnet-dockerfile', () => {
  test('applies every safe fix at once, and only those', () => {
    const { model, list } = fixAll(BEFORE);
    assert.deepEqual(list.map((a) => [a.title, a.kind]), [[FIX_ALL_TITLE, FIX_ALL_KIND]]);
    const result = apply(model, list[0]!);
    // The retired name and the ENTRYPOINT are fixed; moving the RUN and inlining $PORT are decisions for a person.
    assert.equal(
      result,
      `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
RUN dotnet publish -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled
COPY --from=build /app /app
ENV PORT=8080
RUN mkdir /data && chown app /data
HEALTHCHECK CMD /app/health http://localhost:$PORT
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
    );
    const codes = (text: string): string[] => service.validate(parse(text)).map((d) => String(d.code)).sort();
    // core/sdk never had a 10.0 tag (unknown-tag): the name's fix (sdk) makes the tag real.
    assert.deepEqual(codes(BEFORE), ['retired-repository', 'shell-form-without-shell', 'shell-form-without-shell', 'shell-form-without-shell', 'unknown-tag']);
    assert.deepEqual(codes(result), ['shell-form-without-shell', 'shell-form-without-shell']);
    assert.deepEqual(list[0]!.diagnostics?.map((d) => d.code).sort(), ['retired-repository', 'shell-form-without-shell']);
    // Twice changes nothing: nothing safe is left.
    assert.deepEqual(fixAll(result).list, []);
  });

  test('offered when asked for by kind: source.fixAll, source; not in the light bulb or for quick fixes', () => {
    assert.equal(fixAll(BEFORE, ['source.fixAll']).list.length, 1);
    assert.equal(fixAll(BEFORE, ['source']).list.length, 1);
    assert.deepEqual(fixAll(BEFORE, ['quickfix']).list, []);
    const model = parse(BEFORE);
    const lightBulb = service.codeActions(model, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [] });
    assert.ok(!lightBulb.some((a) => a.kind === FIX_ALL_KIND));
  });

  test('a CMD under an ENTRYPOINT, or an ENTRYPOINT with a CMD, is left to a person', () => {
    const text = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nENTRYPOINT ["dotnet"]\nCMD App.dll\n';
    assert.deepEqual(fixAll(text).list, []);
    const other = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD ["--urls", "http://+:8080"]\nENTRYPOINT dotnet App.dll\n';
    assert.deepEqual(fixAll(other).list, []);
  });

  test('fixes whose edits overlap or touch: the first wins, the other waits for the next run', () => {
    const model = parse('FROM a\nCMD b\n');
    const diagnostic = (code: string): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: code, code });
    const fix = (start: number, end: number, newText: string, safe = true): Fix => ({ title: newText, kind: 'quickfix', edits: [{ start, end, newText }], preferred: false, safe });
    const fixes: Record<string, Fix[]> = {
      one: [fix(5, 6, 'x')],
      overlapping: [fix(5, 6, 'y')],
      touching: [fix(6, 6, 'z')],
      unsafe: [fix(11, 12, 'u', false)],
      later: [fix(11, 12, 'w')],
    };
    const action = fixAllAction(model, Object.keys(fixes).map(diagnostic), (d) => fixes[String(d.code)]!);
    assert.ok(action);
    assert.equal(apply(model, action), 'FROM x\nCMD w\n');
    assert.deepEqual(action.diagnostics?.map((d) => d.code), ['one', 'later']);
  });
});
