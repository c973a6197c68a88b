/**
 * Issue 19: dockerfile-ast's per-comment and per-variable scans of every stage (server/src/lsp/general/
 * linearAst.ts replaces them in the general-features worker). Every general feature must answer exactly as
 * with the library's own methods, and an ordinary 1 MB Dockerfile must parse and tokenize in about a second.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { DockerSemanticTokens } from 'dockerfile-language-service/lib/dockerSemanticTokens';
import { patchDockerfileAst } from '../../../server/src/lsp/general/linearAst';
import { linearSemanticTokens } from '../../../server/src/lsp/general/linearSemanticTokens';
import { generateDockerfile } from '../../bench/generate';
import { positionIn, soupText } from '../../fuzz/arbitraries';

const service = DockerfileLanguageServiceFactory.createLanguageService();
const parse = (content: string): unknown => DockerfileParser.parse(content);

/** Every general feature's answer at `position` (or the failure's name, as the library fails on some texts). */
function answers(text: string, position: { line: number; character: number }): unknown {
  const run = (compute: () => unknown): unknown => {
    try {
      return JSON.parse(JSON.stringify(compute() ?? null)) as unknown;
    } catch (error) {
      return `throws ${error instanceof Error ? error.name : String(error)}`;
    }
  };
  const uri = { uri: 'file:///x/Dockerfile' };
  return {
    tokens: run(() => linearSemanticTokens(DockerSemanticTokens, text)),
    folding: run(() => service.computeFoldingRanges(text)),
    symbols: run(() => service.computeSymbols(uri, text)),
    hover: run(() => service.computeHover(text, position)),
    completion: run(() => service.computeCompletionItems(text, position)),
    highlight: run(() => service.computeHighlightRanges(text, position)),
    definition: run(() => service.computeDefinition(uri, text, position)),
    signature: run(() => service.computeSignatureHelp(text, position)),
    format: run(() => service.format(text, { tabSize: 4, insertSpaces: true })),
    links: run(() => service.computeLinks(text)),
    rename: run(() => service.computeRename(uri, text, position, 'renamed')),
  };
}

describe('the patched parser answers as the library does', () => {
  let restore: (() => void) | undefined;
  after(() => restore?.());

  test('for every general feature on 600 generated Dockerfiles', () => {
    const withStages = fc.array(soupText, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS s\n# between\nARG X=1\n'));
    fc.assert(
      fc.property(withStages.chain((text) => fc.tuple(fc.constant(text), positionIn(text))), ([text, position]) => {
        const expected = answers(text, position);
        restore = patchDockerfileAst(parse);
        try {
          assert.deepEqual(answers(text, position), expected);
        } finally {
          restore();
          restore = undefined;
        }
      }),
      { numRuns: 600, seed: 19 },
    );
  });
});

describe('an ordinary 1 MB Dockerfile', () => {
  test('parses and tokenizes in about a second with the patches (several seconds without)', () => {
    const restore = patchDockerfileAst(parse);
    try {
      const unit = generateDockerfile(10_000).text;
      const text = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
      const started = performance.now();
      const tokens = linearSemanticTokens(DockerSemanticTokens, text);
      const took = performance.now() - started;
      assert.ok(tokens.data.length > 100_000);
      assert.ok(took < 4000, `${took.toFixed(0)} ms`);
    } finally {
      restore();
    }
  });
});
