/**
 * Where the third-party test data lives inside the repository (copied verbatim, with FILES.tsv attribution and
 * the upstream licenses beside it), so `npm test` runs on a clone with nothing next to it.
 */
import path from 'node:path';

/** test/fixtures: both folders below. */
export const fixturesFolder = path.resolve(__dirname, '..', 'fixtures');
const fixtures = fixturesFolder;

/** Dockerfiles written by Microsoft (dotnet-docker, samples, docs): test/fixtures/microsoft (README.md, FILES.tsv). */
export const microsoftCorpusFolder = path.join(fixtures, 'microsoft');

/** BuildKit's parser cases and our probes of its parser: test/fixtures/buildkit-parser (README.md, FILES.tsv, LICENSE). */
export const buildkitParserFolder = path.join(fixtures, 'buildkit-parser');
