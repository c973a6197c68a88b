/**
 * `npm run test:build`: every fix case proven with a real builder (buildah) on stand-in images, and every starter
 * snippet and every kind of Dockerfile the generator writes built and started. Needs root; installs buildah,
 * busybox-static and gcc itself (test/build/setup.ts). The summary line counts what it built and started.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixCases } from '../fixes/cases';
import { imagesOfCases } from '../fixes/cases/caseImages';
import { starterSnippetCases, type StarterSnippetCase } from '../fixes/cases/starterSnippets';
import { generatedDockerfileCases } from '../fixes/cases/generatedDockerfiles';
import { build, counts, observeImage, removeImage, standInLayers } from './oracle';
import { proveFix } from './proveFix';
import { clearLeftovers, ensureTools } from './setup';
import { ensureStandIns } from './standins/images';

let layers = new Map<string, string>();
const snippets = starterSnippetCases();
const generated = generatedDockerfileCases();
const tally = { cases: 0, snippets: 0, generated: 0, unexpected: 0, knownBroken: [] as string[], beyondBuilder: [] as string[] };
const started = Date.now();

before(async () => {
  ensureTools();
  await clearLeftovers();
  const images = imagesOfCases(fixCases, [...snippets, ...generated]);
  const built = await ensureStandIns(images);
  layers = await standInLayers(images);
  console.log(`oracle: ${images.length} stand-in image names (${built} images built now, the rest cached)`);
});

after(() => {
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `oracle: built ${counts.built} Dockerfiles, started ${counts.started}, ${tally.unexpected} unexpected` +
      ` (${tally.cases} fix cases: ${tally.knownBroken.length} known broken, ${tally.beyondBuilder.length} beyond the builder;` +
      ` ${tally.snippets} starter snippets, ${tally.generated} generated Dockerfiles; ${seconds} s)`,
  );
  for (const name of tally.knownBroken) console.log(`oracle: known broken: ${name}`);
  for (const name of tally.beyondBuilder) console.log(`oracle: beyond the builder: ${name}`);
});

// Three cases at a time: a build spends as much time waiting as computing (2 cores here and on CI).
describe('quick fixes proven by a real builder', { concurrency: 3 }, () => {
  for (const fixCase of fixCases) {
    test(`${fixCase.family}: ${fixCase.name}`, { timeout: 600_000 }, async (t) => {
      tally.cases++;
      const verdict = await proveFix(fixCase, layers);
      for (const note of verdict.notes) t.diagnostic(note);
      if (verdict.knownBroken) tally.knownBroken.push(fixCase.name);
      if (verdict.beyondBuilder) tally.beyondBuilder.push(fixCase.name);
      if (verdict.problems.length) tally.unexpected++;
      assert.deepEqual(verdict.problems, [], verdict.notes.join('\n'));
    });
  }
});

/** Builds a whole Dockerfile and starts it: it must print the words its ENTRYPOINT names. */
function buildsAndStarts(title: string, cases: readonly StarterSnippetCase[], count: () => void): void {
  describe(title, { concurrency: 3 }, () => {
    for (const snippet of cases) {
      test(snippet.prefix, { timeout: 600_000 }, async (t) => {
        count();
        // Buildah 1.28 (Debian 12) has no COPY --link. It changes how BuildKit makes and caches the layer, not
        // what the image holds, so the file is built without it, and the test says so.
        const text = snippet.text.replace(/^COPY --link /gm, 'COPY ');
        if (text !== snippet.text) t.diagnostic('built with COPY --link written as COPY: buildah 1.28 has no --link (it changes only how the layer is cached)');
        const built = await build(text, snippet.context);
        if (!built.ok) tally.unexpected++;
        assert.ok(built.ok, built.ok ? '' : `it does not build (${built.failure}): ${built.message}`);
        try {
          const { start } = await observeImage(built.image, undefined);
          t.diagnostic(`started ${JSON.stringify(start.command)}: printed ${JSON.stringify(start.argv)}`);
          if (!start.ok || JSON.stringify(start.argv) !== JSON.stringify(snippet.expectedStart)) tally.unexpected++;
          assert.ok(start.ok, `it does not start: ${start.stderr || start.stdout}`);
          assert.deepEqual(start.argv, snippet.expectedStart);
        } finally {
          await removeImage(built.image);
        }
      });
    }
  });
}

buildsAndStarts('the starter snippets build and start', snippets, () => tally.snippets++);
buildsAndStarts('the Dockerfiles the generator writes build and start', generated, () => tally.generated++);
