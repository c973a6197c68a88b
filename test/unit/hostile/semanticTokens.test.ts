/**
 * Issue 19 #4: semantic tokens from dockerfile-language-service were quadratic (`RUN a \` and 10,000
 * continuation lines: 54 s; a 1 MB ordinary Dockerfile: 456 s). The wrapper in
 * server/src/lsp/general/linearSemanticTokens.ts makes them linear and must give the very same tokens.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { DockerSemanticTokens } from 'dockerfile-language-service/lib/dockerSemanticTokens';
import { linearSemanticTokens } from '../../../server/src/lsp/general/linearSemanticTokens';
import { generateDockerfile } from '../../bench/generate';
import { anyText, soupText } from '../../fuzz/arbitraries';

const library = (text: string): number[] => new DockerSemanticTokens(text).computeSemanticTokens().data;
const linear = (text: string): number[] => linearSemanticTokens(DockerSemanticTokens, text).data;

/** The tokens, or the library's failure (dockerfile-ast overflows its stack on ` as ${TAG}`): the wrapper must fail alike. */
function outcome(compute: (text: string) => number[], text: string): number[] | string {
  try {
    return compute(text);
  } catch (error) {
    return `throws ${error instanceof Error ? error.name : String(error)}`;
  }
}

function timed(text: string): { ms: number; data: number[] } {
  const started = performance.now();
  const data = linear(text);
  return { ms: performance.now() - started, data };
}

describe('the same tokens as the library', () => {
  const samples = [
    '# syntax=docker/dockerfile:1\n# escape=\\\nFROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nARG A=1 B="two words"\nENV X=${A:-default} Y=$B\nRUN echo "$X" \\\n  # a comment inside\n  && echo \'${Y}\' \\\n  && ls\nCOPY --from=build --chown=app:app /app .\nRUN --mount=type=cache,target=/root/.nuget/packages dotnet restore\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\nONBUILD RUN echo $HOME\nMAINTAINER me\nFROM build\n',
    'FROM x\nRUN a \\\n' + Array.from({ length: 200 }, (_, i) => `  b${i} $V${i} "q${i}" \\\n${i % 7 === 0 ? '# c\n' : ''}`).join('') + '  end\n',
    '# escape=`\nFROM x\nRUN a `\n  b `\n  c\n',
    generateDockerfile(400).text,
  ];
  for (const [i, text] of samples.entries()) test(`sample ${i}`, () => assert.deepEqual(linear(text), library(text)));

  test('on 1,500 generated Dockerfiles (token soup and any text)', () => {
    fc.assert(
      fc.property(fc.oneof(soupText, anyText), (text) => {
        assert.deepEqual(outcome(linear, text), outcome(library, text));
      }),
      { numRuns: 1500, seed: 4 },
    );
  });
});

describe('in linear time', () => {
  test('RUN with 10,000 continuation lines: well under a second', () => {
    const text = `FROM x\nRUN a \\\n${Array.from({ length: 10_000 }, (_, i) => `  b${i} \\\n`).join('')}  end\n`;
    const { ms, data } = timed(text);
    assert.ok(ms < 500, `${ms.toFixed(0)} ms`);
    assert.ok(data.length > 10_000 * 5);
  });

  test('10,000 continuation lines with a variable, a quote and a comment on each', () => {
    const text = `FROM x\nRUN a \\\n${Array.from({ length: 10_000 }, (_, i) => `  b$V${i} "q" \\\n# c\n`).join('')}  end\n`;
    const { ms } = timed(text);
    // ~0.8 s alone (dockerfile-ast resolves each of the 10,000 variables); room for a busy CI machine.
    assert.ok(ms < 3000, `${ms.toFixed(0)} ms`);
  });

  test('a 300 KB ordinary Dockerfile (10,000 lines)', () => {
    const { ms } = timed(generateDockerfile(10_000).text);
    // dockerfile-ast's own parse and variable lookups are most of it (quadratic in stages x comments and
    // variables x instructions: a 1 MB file takes seconds); in the server the worker's deadline bounds them.
    assert.ok(ms < 3000, `${ms.toFixed(0)} ms`);
  });
});
