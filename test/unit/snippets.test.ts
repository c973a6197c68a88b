/**
 * The Dockerfile snippets: each one, expanded as the editor would with its defaults, passes our own
 * diagnostics with zero findings, names only images that exist, and follows the house advice.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expandSnippet } from '../../server/src/service/completion/snippetItems';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { realCatalog, testService } from '../helpers/service';
import { describeImage } from '../../server/src/service/images/imageFacts';

interface Snippet {
  readonly prefix: string;
  readonly description: string;
  readonly body: string | readonly string[];
}

const snippetsPath = path.resolve(__dirname, '..', '..', 'snippets', 'dockerfile.json');
const snippets = JSON.parse(readFileSync(snippetsPath, 'utf8')) as Record<string, Snippet>;

const service = testService();
const catalog = realCatalog();

describe('snippets', () => {
  test('the expansion helper resolves placeholders, choices, tab stops and escapes', () => {
    assert.equal(expandSnippet('a ${1:x} ${2|p,q|} $3 ${4} \\$HOME ${5:${6:in}}$0'), 'a x p   $HOME in');
  });

  test('there are the five starting points, with unique prefixes', () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const expected of ['dotnet-aspnet-chiseled', 'dotnet-console-distroless', 'dotnet-aot', 'dotnet-aspnet-alpine', 'dotnet-aspnet-composite']) {
      assert.ok(prefixes.includes(expected), `${expected} exists`);
    }
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    describe(name, () => {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : (snippet.body as string);
      const text = expandSnippet(body);
      const model = service.parse(TextDocument.create(`file:///snippets/${snippet.prefix}/Dockerfile`, 'dockerfile', 1, text));

      test('passes our diagnostics with zero findings', () => {
        const diagnostics = service.validate(model);
        assert.deepEqual(
          diagnostics.map((d) => `${d.range.start.line + 1}: ${String(d.code)}: ${d.message}`),
          [],
        );
      });

      test('every FROM names a catalog image, the build runs on the SDK and the final stage does not', () => {
        const stages = model.stages.stages;
        assert.ok(stages.length >= 2, 'multi-stage');
        for (const stage of stages) {
          assert.ok(stage.image, `stage ${stage.index} names an image`);
          const facts = describeImage(stage.image, catalog);
          assert.ok(facts.catalogTag, `${stage.image.text} is in the catalog`);
        }
        const first = describeImage(stages[0]!.image!, catalog);
        const final = describeImage(model.stages.finalStage!.image!, catalog);
        assert.equal(first.family, 'sdk');
        assert.notEqual(final.family, 'sdk');
        assert.equal(first.version, final.version, 'build and run on the same .NET version');
      });

      test('runs as $APP_UID, exec-form ENTRYPOINT, restore in its own layer', () => {
        const final = model.stages.finalStage!;
        assert.ok(final.instructions.some((i) => i.name === 'USER' && i.args === '$APP_UID'));
        const entrypoint = final.instructions.find((i) => i.name === 'ENTRYPOINT');
        assert.equal(entrypoint?.form, 'exec');
        const build = model.stages.stages[0]!;
        const restore = build.instructions.findIndex((i) => i.name === 'RUN' && /dotnet restore/.test(i.args));
        const copyAll = build.instructions.findIndex((i) => i.name === 'COPY' && i.args.trim() === '. .');
        assert.ok(restore >= 0 && copyAll > restore, 'restore runs before the sources are copied');
        const exposed = final.instructions.filter((i) => i.name === 'EXPOSE').map((i) => i.args);
        assert.ok(exposed.every((port) => port === '8080'), 'web snippets listen on 8080');
      });
    });
  }
});
