// The bench client's pure parts: percentiles, /proc status parsing, the editor's copy of a document and the
// changes each server gets, and which version a publish of diagnostics answers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile, summarize } from '../bench/stats';
import { statusFieldKb } from '../bench/procStatus';
import { EditorDocument, syncKindOf } from '../bench/editorDocument';
import { PublishMatcher } from '../bench/publishMatcher';
import { generateDockerfile } from '../bench/generate';

describe('bench statistics', () => {
  test('percentiles by nearest rank: every figure is a sample', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(percentile(samples, 50), 5);
    assert.equal(percentile(samples, 90), 9);
    assert.equal(percentile(samples, 99), 10);
    assert.equal(percentile([42], 99), 42);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  test('summary of p50, p90, p99 and the count; NaN without samples', () => {
    assert.deepEqual(summarize([3, 1, 2]), { n: 3, p50: 2, p90: 3, p99: 3 });
    const none = summarize([]);
    assert.equal(none.n, 0);
    assert.ok(Number.isNaN(none.p50) && Number.isNaN(none.p99));
  });
});

describe('bench /proc status', () => {
  const status = ['Name:\tnode', 'VmPeak:\t 1234567 kB', 'VmHWM:\t   88412 kB', 'VmRSS:\t   80120 kB', 'Threads:\t11', ''].join('\n');

  test('VmHWM (peak RSS) and VmRSS in KiB', () => {
    assert.equal(statusFieldKb(status, 'VmHWM'), 88412);
    assert.equal(statusFieldKb(status, 'VmRSS'), 80120);
  });

  test('a missing field or another unit gives nothing, not a wrong number', () => {
    assert.equal(statusFieldKb('Name:\tnode\n', 'VmHWM'), undefined);
    assert.equal(statusFieldKb('VmHWM:\t 88 MB\n', 'VmHWM'), undefined);
    assert.equal(statusFieldKb('XVmHWM:\t 88 kB\n', 'VmHWM'), undefined);
  });
});

describe('bench editor document', () => {
  test('the sync kind a server announced, as a number or in options', () => {
    assert.equal(syncKindOf(2), 2);
    assert.equal(syncKindOf({ openClose: true, change: 1 }), 1);
    assert.equal(syncKindOf(0), undefined);
    assert.equal(syncKindOf(undefined), undefined);
  });

  test('an incremental server gets the range; a full-sync server (tally) gets the whole new text', () => {
    const text = 'FROM a\nRUN b\n';
    const incremental = new EditorDocument('file:///x', text, 2);
    const full = new EditorDocument('file:///x', text, 1);
    const edit = { start: { line: 1, character: 4 }, end: { line: 1, character: 4 }, text: 'x' };
    assert.deepEqual(incremental.apply(edit), { version: 2, changes: [{ range: { start: edit.start, end: edit.end }, text: 'x' }] });
    assert.deepEqual(full.apply(edit), { version: 2, changes: [{ text: 'FROM a\nRUN xb\n' }] });
    assert.equal(incremental.text, 'FROM a\nRUN xb\n');
    const removal = full.apply({ start: { line: 1, character: 4 }, end: { line: 1, character: 5 }, text: '' });
    assert.deepEqual(removal, { version: 3, changes: [{ text }] });
  });
});

describe('bench publish matching', () => {
  test('a server that names versions: the named one, earlier ones settled (skipped by a debounce)', () => {
    const m = new PublishMatcher();
    for (const v of [1, 2, 3, 4]) m.sent('u', v);
    assert.equal(m.answered('u', 4), 4);
    assert.equal(m.answered('u', undefined), undefined, 'nothing left to answer');
  });

  test('a server that names none (docker-langserver): its n-th publish answers the n-th version sent', () => {
    const m = new PublishMatcher();
    m.sent('u', 1);
    assert.equal(m.answered('u', undefined), 1);
    for (const v of [2, 3, 4]) m.sent('u', v);
    assert.deepEqual([m.answered('u', undefined), m.answered('u', undefined), m.answered('u', undefined)], [2, 3, 4]);
  });

  test('documents are apart, and the empty publish after a close answers nothing', () => {
    const m = new PublishMatcher();
    m.sent('a', 1);
    m.sent('b', 1);
    m.sent('b', 2);
    assert.equal(m.answered('a', undefined), 1);
    m.closed('b');
    assert.equal(m.answered('b', undefined), undefined);
  });
});

describe('bench generated Dockerfiles', () => {
  test('40 lines exactly: one build and one final stage, the three sites where they belong', () => {
    const doc = generateDockerfile(40);
    const lines = doc.text.split('\n');
    assert.equal(lines.length, 41); // 40 lines and the final newline
    assert.equal(lines[41 - 1], '');
    assert.match(lines[doc.hover.line]!, /^FROM .*mcr\.microsoft\.com\/dotnet\/sdk:/);
    assert.match(lines[doc.edit.line]!, /^RUN echo "publishing Service1" && \\$/);
    assert.equal(lines[doc.completion.line]!.slice(0, doc.completion.character), 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-');
    assert.ok(doc.edit.line < doc.completion.line, 'the burst in the RUN line leaves the completion line alone');
  });

  test('every size from 40 lines has exactly its line count; fewer is refused', () => {
    for (const n of [40, 47, 59, 60, 61, 1000]) assert.equal(generateDockerfile(n).text.split('\n').length - 1, n, `${n} lines`);
    assert.throws(() => generateDockerfile(39), /at least 40/);
  });
});
