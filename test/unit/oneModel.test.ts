/**
 * One model of the build: every feature asks the same facts and gets the same answer. Each test here is one of the
 * disagreements users met (issue "One model of the build"), written as a user meets it: cursor markers in the
 * Dockerfile, whole texts out.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, Hover } from 'vscode-languageserver-types';
import { applyEdits, marked } from '../helpers/markers';
import { testService } from '../helpers/service';
import { projectFacts } from '../helpers/project';
import { expectFix, expectRule, lint } from './rules/ruleTest';
import { actions, diagnosticAt, parse } from './fixes/fixHarness';

const service = testService();
const DOTNET = 'mcr.microsoft.com/dotnet';

function hoverText(source: string): string {
  const m = marked(source);
  const hover: Hover | null = service.hover(service.parse(m.document), m.position());
  assert.ok(hover, 'a hover');
  return (hover.contents as { value: string }).value;
}

function sortedLabels(items: readonly CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

describe('one model of the build', () => {
  test('an image in RUN --mount from= is judged like the same image in COPY --from=, and hovered', () => {
    expectRule('unknown-tag', `FROM ${DOTNET}/sdk:10.0 AS build\nRUN --mount=type=bind,from=${DOTNET}/sdk:10.0-|nobel,target=/x ls /x\nCOPY --from=${DOTNET}/sdk:10.0-|nobel /x /y\n`);
    assert.match(hoverText(`FROM ${DOTNET}/sdk:10.0 AS build\nRUN --mount=type=bind,from=${DOTNET}/s|dk:10.0-noble,target=/x ls /x\n`), /\*\*\.NET SDK\*\*/);
  });

  test('a SHELL in a parent stage: the rule, the exec-form rewrite and the hover all take the SHELL in force (the last)', () => {
    const source = [
      `FROM ${DOTNET}/aspnet:10.0-noble-chiseled AS base`,
      'COPY --from=busybox:stable /bin/busybox /bin/sh',
      'SHELL ["/bin/sh", "-c"]',
      'SHELL ["/bin/busybox", "sh", "-c"]',
      'FROM |base AS final',
      '|CMD dotnet App.dll',
      '',
    ].join('\n');
    const m = marked(source);
    const model = service.parse(m.document);
    assert.deepEqual(lint(m.text).filter((d) => d.code === 'shell-form-without-shell'), []);
    const rewrites = service.codeActions(model, { start: m.position(1), end: m.position(1) }, { diagnostics: [], only: ['refactor.rewrite'] });
    assert.deepEqual(rewrites, [], 'the SHELL decides how the command is read: no exec-form split is offered');
    const hover = service.hover(model, m.position(0));
    assert.match((hover!.contents as { value: string }).value, /A `SHELL` instruction on line 4 sets the shell/);
  });

  test('an end-of-life SDK and a 10.0 final stage: the advice converges on 10.0 (the SDK moves up, the runtime never down)', () => {
    const before = `FROM ${DOTNET}/sdk:8.0 AS build\nRUN dotnet publish -o /app\nFROM ${DOTNET}/aspnet:10.0-noble-chiseled\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "App.dll"]\n`;
    const found = lint(before);
    assert.deepEqual(found.filter((d) => d.code === 'eol-version').map((d) => d.text), ['8.0']);
    const mismatch = found.find((d) => d.code === 'version-mismatch');
    assert.ok(mismatch);
    assert.match(mismatch.message, /Build with the \.NET 10\.0 SDK/);
    assert.ok(mismatch.replacements.every((r) => !r.newText.startsWith('8.0')), `no fix moves the runtime to 8.0: ${JSON.stringify(mismatch.replacements)}`);
    const after = `FROM ${DOTNET}/sdk:10.0 AS build\nRUN dotnet publish -o /app\nFROM ${DOTNET}/aspnet:10.0-noble-chiseled\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "App.dll"]\n`;
    expectFix('version-mismatch', before, after);
    assert.deepEqual(lint(after).map((d) => d.code), [], 'after the fix nothing is left: not eol-version, not version-mismatch');
    // Completion in the final stage ranks 10.0 (supported) before 8.0 (end of life), which is now consistent.
    const m = marked(`FROM ${DOTNET}/sdk:8.0 AS build\nRUN dotnet publish -o /app\nFROM ${DOTNET}/aspnet:|\nCOPY --from=build /app .\n`);
    const labels = sortedLabels(service.complete(service.parse(m.document), m.position()).items);
    assert.ok(labels.indexOf('10.0') < labels.indexOf('8.0'), labels.join(' '));
  });

  test('a Native AOT app: every feature asks for runtime-deps, none for aspnet', () => {
    const publish = 'RUN dotnet publish -c Release -r linux-x64 -p:PublishAot=true -o /app';
    // wrong-runtime-family, from the Dockerfile's own words.
    const onAspnet = lint(`FROM ${DOTNET}/sdk:10.0-noble-aot AS build\n${publish}\nFROM ${DOTNET}/aspnet:10.0-noble-chiseled\nCOPY --from=build /app .\nENTRYPOINT ["./App"]\n`);
    const wrong = onAspnet.find((d) => d.code === 'wrong-runtime-family');
    assert.ok(wrong, onAspnet.map((d) => d.code).join(', '));
    assert.match(wrong.message, /Use mcr\.microsoft\.com\/dotnet\/runtime-deps\./);
    assert.equal(wrong.replacements[0]?.newText, `${DOTNET}/runtime-deps:10.0-noble-chiseled`);
    assert.equal(onAspnet.find((d) => d.code === 'version-mismatch'), undefined, 'an AOT app carries its runtime');
    // sdk-in-final-stage on a single AOT stage offers runtime-deps first.
    const single = lint(`FROM ${DOTNET}/sdk:10.0-noble-aot\n${publish}\nENTRYPOINT ["/app/App"]\n`).find((d) => d.code === 'sdk-in-final-stage');
    assert.ok(single);
    assert.equal(single.replacements[0]?.newText, `${DOTNET}/runtime-deps:10.0-noble`);
    // Completion of the final stage ranks runtime-deps first, also when the project says AOT.
    const m = marked(`FROM ${DOTNET}/sdk:10.0-noble-aot AS build\n${publish}\nFROM ${DOTNET}/|\nCOPY --from=build /app .\n`);
    const labels = sortedLabels(service.complete(service.parse(m.document), m.position()).items);
    assert.equal(labels[0], 'runtime-deps');
    const withProject = sortedLabels(service.complete(service.parse(m.document), m.position(), { project: projectFacts({ publishAot: true, isWeb: true }) }).items);
    assert.equal(withProject[0], 'runtime-deps');
  });

  test("the shell-form message shows the user's own command in exec form, or says why it cannot be", () => {
    const [rewritable] = expectRule('shell-form-without-shell', `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\n|CMD dotnet MyApi.dll --urls "http://+:8080"\n`);
    // The chiseled aspnet image has ENTRYPOINT ["/usr/bin/dotnet"]: the command that runs the app is an ENTRYPOINT.
    assert.match(rewritable!.message, /Use exec form, as an ENTRYPOINT: 'ENTRYPOINT \["dotnet", "MyApi\.dll", "--urls", "http:\/\/\+:8080"\]' \(as a CMD it would be arguments to the image's ENTRYPOINT '\["\/usr\/bin\/dotnet"\]'\)\./);
    const [refused] = expectRule('shell-form-without-shell', `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\n|CMD dotnet MyApi.dll && echo done\n`);
    assert.match(refused!.message, /it cannot be rewritten in exec form as it is, because the command uses '&&'\./);
    assert.ok(!refused!.message.includes('app.dll'), 'no made-up command');
    // The code action says the same to clients that show disabled actions.
    const m = marked(`FROM ${DOTNET}/aspnet:10.0-noble-chiseled\n|CMD dotnet MyApi.dll && echo done\n`);
    const model = parse(m.text);
    const disabled = actions(model, [diagnosticAt(model, m.offsets[0]!, 'shell-form-without-shell')]).find((a) => a.disabled);
    assert.equal(disabled?.disabled?.reason, "It cannot be rewritten in exec form as it is: the command uses '&&'.");
  });

  test('hover says each thing once, and what matters most first', () => {
    const source = `FROM ${DOTNET}/aspnet:|10.0-noble-chiseled\nCMD dotnet App.dll\n`;
    const text = hoverText(source);
    const paragraphs = text.split('\n\n');
    const count = (pattern: RegExp): number => (text.match(new RegExp(pattern.source, 'g')) ?? []).length;
    assert.equal(count(/is \*\*supported\*\* until 2028-11-14/), 1, text);
    assert.equal(count(/[Ff]loating tag/), 1, text);
    assert.equal(count(/non-root/), 1, text);
    assert.equal(count(/\*\*No shell\*\*/i), 1, text);
    // Can it run my instruction, which version until when: in the first three paragraphs.
    const top = paragraphs.slice(0, 3).join('\n');
    assert.match(top, /\*\*No shell\*\* \(Ubuntu chiseled\): the shell-form `CMD` on line 2 cannot run here/);
    assert.match(top, /supported\*\* until 2028-11-14/);
    for (const segment of ['mcr.microsoft.com|/dotnet', `${DOTNET}/as|pnet:10.0`, `${DOTNET}/aspnet:10.0-no|ble-chiseled`, `${DOTNET}/aspnet:10.0-noble-chis|eled`]) {
      const hover = hoverText(`FROM ${segment.includes(':') ? segment : `${segment}/aspnet:10.0-noble-chiseled`}\nCMD dotnet App.dll\n`);
      const sentences = hover.split(/\n+/).map((line) => line.replace(/^- /, '').trim()).filter((line) => line.length > 20 && !line.startsWith('**`'));
      assert.equal(new Set(sentences).size, sentences.length, `a sentence repeats in:\n${hover}`);
    }
  });

  test('the fix of a finding is its rule\'s, found again in the current version', () => {
    const m = marked(`FROM ${DOTNET}/aspnet:10.0-|noble-chisled\n`);
    const model = parse(m.text);
    const diagnostic = diagnosticAt(model, m.offsets[0]!, 'unknown-tag');
    const fixed = applyEdits(m.text, actions(model, [diagnostic])[0]!.edit!.changes![model.document.uri]!);
    assert.equal(fixed, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\n`);
    assert.deepEqual(actions(parse(fixed), [diagnostic]), [], 'the same diagnostic sent again after the fix changes nothing');
  });
});
