/**
 * The hover texts (catalog/docs/hover.json) cover everything the catalog can show, and their markdown
 * subset turns into clean plain text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realCatalog } from '../helpers/service';
import { ARCHES, FLAVOURS, VARIANTS } from '../../server/src/service/catalog/schema';
import { familyText, fill, lookup, toPlainText, TEXTS } from '../../server/src/service/texts/texts';
import { osName, osText } from '../../server/src/service/hover/tagFacts';

const catalog = realCatalog();

test('every repository family of the catalog has a summary and a text', () => {
  for (const repository of catalog.repositories()) {
    const text = familyText(repository.family);
    assert.ok(text, `${repository.family} has a text`);
    assert.ok(text.summary.length > 10 && text.text.length > text.summary.length);
  }
});

test('every OS of the catalog has a readable name and an explanation', () => {
  const oses = new Set(catalog.catalog.tags.flatMap((t) => t.os.split(',')));
  for (const os of oses) {
    const name = osName(os);
    assert.ok(name.family, `${os} is a known OS family`);
    assert.notEqual(name.long, os, `${os} gets a name, not its token`);
    assert.doesNotMatch(name.long, /\{|\}/, `${os}: no unfilled placeholder`);
    assert.ok(osText(os), `${os} has an explanation`);
  }
});

test('every flavour, variant and architecture has a text', () => {
  for (const key of FLAVOURS) assert.ok(lookup(TEXTS.flavours, key), key);
  for (const key of VARIANTS) assert.ok(lookup(TEXTS.variants, key), key);
  for (const key of ARCHES) assert.ok(lookup(TEXTS.arches, key), key);
});

test('fill leaves unknown placeholders visible and fills known ones', () => {
  assert.equal(fill('{a} and {b}', { a: 1 }), '1 and {b}');
  assert.equal(fill(['x {a}', 'y'], { a: 'z' }), 'x z\ny');
});

test('plain text drops the markup of the subset and keeps links readable', () => {
  assert.equal(toPlainText('**No shell**: use `CMD ["x"]`, see [docs](https://example.org/a).'), 'No shell: use CMD ["x"], see docs (https://example.org/a).');
  for (const text of [...Object.values(TEXTS.variants), ...Object.values(TEXTS.os)]) {
    const plain = toPlainText(fill(text));
    assert.doesNotMatch(plain, /\*\*|`/, plain);
  }
});
