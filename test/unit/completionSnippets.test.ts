/** The starter snippets are offered where a new instruction starts, and nowhere inside one. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InsertTextFormat, type TextEdit } from 'vscode-languageserver-types';
import { applyEdits, marked } from '../helpers/markers';
import { testService } from '../helpers/service';

const service = testService();
const complete = (source: string, snippetSupport = true) => {
  const m = marked(source);
  return { m, items: service.complete(service.parse(m.document), m.position(), { snippetSupport }).items };
};

describe('snippet completion', () => {
  test('an empty file offers every starter Dockerfile, as snippets', () => {
    const { items } = complete('|');
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('dotnet-aspnet-chiseled'), labels.join(', '));
    assert.ok(items.every((i) => i.insertTextFormat === InsertTextFormat.Snippet));
  });

  test('typing the prefix at the start of a line replaces the typed word with the body', () => {
    const { m, items } = complete('# my app\ndotnet-asp|');
    const item = items.find((i) => i.label === 'dotnet-aspnet-chiseled');
    assert.ok(item);
    const result = applyEdits(m.text, [item.textEdit as TextEdit]);
    assert.ok(result.startsWith('# my app\n# syntax=docker/dockerfile:1\n'), result.slice(0, 80));
  });

  test('clients without snippet support get the expanded text, with defaults filled in', () => {
    const { m, items } = complete('|', false);
    const item = items.find((i) => i.label === 'dotnet-aspnet-chiseled');
    assert.ok(item);
    assert.equal(item.insertTextFormat, InsertTextFormat.PlainText);
    const result = applyEdits(m.text, [item.textEdit as TextEdit]);
    assert.ok(!/\$\{\d/.test(result), 'no placeholder syntax left');
    assert.match(result, /aspnet:10\.0-noble-chiseled/);
  });

  test('never inside an instruction, its continuation lines, or a tag', () => {
    assert.equal(complete('FROM mcr.microsoft.com/dotnet/aspnet:10.0-|').items.filter((i) => i.label.startsWith('dotnet-')).length, 0);
    assert.equal(complete('RUN echo a \\\n  dot|').items.length, 0);
    assert.equal(complete('FROM scratch\nCOPY a |b').items.length, 0);
  });
});
