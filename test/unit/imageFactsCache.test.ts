// The cross-version cache of image facts: the same answers as describing afresh, and no document kept alive.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeImage, describeImageCached } from '../../server/src/service/images/imageFacts';
import { buildModel } from '../../server/src/service/document/model';
import { realCatalog } from '../helpers/service';

const FROMS = [
  'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled',
  'FROM mcr.microsoft.com/dotnet/sdk:9.0-alpine AS build',
  'ARG V=8.0\nFROM mcr.microsoft.com/dotnet/runtime:${V}-jammy',
  'ARG TAG\nFROM mcr.microsoft.com/dotnet/runtime-deps:$TAG',
  'FROM gcr.io/distroless/base-debian12',
  'FROM scratch',
  'FROM microsoft/dotnet:2.1-sdk',
];

function referencesOf(text: string) {
  const model = buildModel(TextDocument.create('file:///facts/Dockerfile', 'dockerfile', 1, text));
  return model.stages.stages.map((stage) => stage.image).filter((image) => image !== undefined);
}

describe('image facts shared across versions', () => {
  test('equal a fresh description, with each reference given back as its own', () => {
    const catalog = realCatalog();
    for (const text of FROMS) {
      for (let round = 0; round < 2; round++) {
        for (const reference of referencesOf(`# round ${round}\n${text}\n`)) {
          const cached = describeImageCached(reference, catalog);
          assert.deepEqual(cached, describeImage(reference, catalog), text);
          assert.equal(cached.reference, reference);
          // Equal facts again, in a fresh object: remembering them per reference object (a WeakMap) kept whole
          // parses alive through young-generation GCs (modelMemo.ts).
          const again = describeImageCached(reference, catalog);
          assert.deepEqual(again, cached);
          assert.equal(again.reference, reference);
        }
      }
    }
  });

  test('entries made while typing in a FROM line of a big file keep none of its versions alive', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const filler = `RUN echo ${'x'.repeat(200)}\n`.repeat(1000); // ~210 KB per version
    const catalog = realCatalog();
    const heapAfterGc = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heapAfterGc();
    const versions = 40;
    for (let i = 0; i < versions; i++) {
      // Each keystroke a new tag text, hence a new entry by text; each version a new document text.
      for (const reference of referencesOf(`FROM mcr.microsoft.com/dotnet/aspnet:10.0-${'n'.repeat(i)}\n${filler}`)) describeImageCached(reference, catalog);
    }
    const grown = heapAfterGc() - before;
    const oneVersion = filler.length * 2; // bytes of a two-byte string; one-byte strings are half
    assert.ok(grown < (versions * oneVersion) / 8, `heap grew by ${(grown / 1e6).toFixed(1)} MB after ${versions} versions of ${(oneVersion / 1e6).toFixed(2)} MB`);
  });
});
