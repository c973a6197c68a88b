/**
 * Walks every catalog tag through segment completion, as a person would: type `FROM <image>:`, accept the
 * item that leads towards the tag, ask again, until the tag is written. Every tag must be reachable, and
 * every item offered on the way must lead to a tag that exists (a prefix of some tag at a segment boundary).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, marked } from '../helpers/markers';
import { realCatalog, testService } from '../helpers/service';
import { parseTag } from '../../server/src/service/catalog/tagGrammar';

const service = testService();
const catalog = realCatalog();

/** Every tag and every prefix of one at a segment boundary: what an offered item may lead to. */
function reachablePrefixes(tags: readonly string[]): Set<string> {
  const prefixes = new Set<string>();
  for (const tag of tags) {
    let path = '';
    for (const segment of parseTag(tag).segments) {
      path = path ? `${path}-${segment.text}` : segment.text;
      prefixes.add(path);
    }
  }
  return prefixes;
}

function editOf(item: CompletionItem): TextEdit {
  const edit = item.textEdit;
  assert.ok(edit && 'range' in edit, `item ${item.label} has a text edit with a range`);
  return edit;
}

describe('segment completion reaches every catalog tag', () => {
  for (const repository of catalog.repositories()) {
    test(repository.name, () => {
      const tags = catalog.tags(repository.name).map((t) => t.tag);
      const prefixes = reachablePrefixes(tags);
      const image = `mcr.microsoft.com/${repository.name}`;
      // What completion offers after a typed tag prefix, as the tags each item leads to (memoised: tags share prefixes).
      const offered = new Map<string, string[]>();
      const offersAfter = (typed: string): string[] => {
        const cached = offered.get(typed);
        if (cached) return cached;
        const source = `FROM ${image}:${typed}|`;
        const m = marked(source);
        const items = service.complete(service.parse(m.document), m.position()).items;
        // One-line document: applying an edit is a splice of that line (checked once against applyEdits, then used for speed).
        const splice = (edit: TextEdit): string => m.text.slice(0, edit.range.start.character) + edit.newText + m.text.slice(edit.range.end.character);
        const first = items[0];
        if (first) assert.equal(splice(editOf(first)), applyEdits(m.text, [editOf(first)]));
        const results = items.map((item) => {
          const edit = editOf(item);
          assert.ok(edit.range.start.line === 0 && edit.range.end.line === 0);
          const result = splice(edit).slice(`FROM ${image}:`.length);
          assert.ok(prefixes.has(result), `after "${typed}" the item "${item.label}" leads to "${result}", which is no tag or tag prefix of ${repository.name}`);
          return result;
        });
        offered.set(typed, results);
        return results;
      };

      for (const tag of tags) {
        let typed = '';
        for (let step = 0; typed !== tag; step++) {
          assert.ok(step < 12, `${repository.name}:${tag} not reached in 12 steps (stuck at "${typed}")`);
          const towards = offersAfter(typed).filter((result) => result === tag || tag.startsWith(`${result}-`));
          const next = towards.sort((a, b) => b.length - a.length)[0];
          assert.ok(next !== undefined && next.length > typed.length, `${repository.name}:${tag}: nothing offered after "${typed}" leads on (offered ${offersAfter(typed).join(', ')})`);
          typed = next;
          // Typing the dash by hand must offer the same next segments.
          if (typed !== tag) assert.ok(offersAfter(`${typed}-`).length > 0, `${repository.name}: nothing offered after "${typed}-"`);
        }
      }
    });
  }
});
