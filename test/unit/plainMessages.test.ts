/**
 * Diagnostic messages are plain text: VS Code's Problems panel (like most editors) shows them as they are, so a
 * backtick would be shown as a backtick. Code is quoted with '...'. Checked on every finding over the community
 * Dockerfiles (hover texts are markdown and are not concerned).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { testService } from '../helpers/service';

const community = path.resolve(__dirname, '..', 'fixtures', 'community');

function dockerfiles(folder: string, out: string[] = []): string[] {
  for (const entry of readdirSync(folder).sort()) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) dockerfiles(full, out);
    else if (/dockerfile/i.test(entry)) out.push(full);
  }
  return out;
}

test('no diagnostic message or related message carries markdown backticks', () => {
  const service = testService();
  const files = dockerfiles(community);
  assert.ok(files.length >= 100);
  let messages = 0;
  const offenders: string[] = [];
  for (const file of files) {
    const model = service.parse(TextDocument.create(`file://${file}`, 'dockerfile', 1, readFileSync(file, 'utf8')));
    for (const diagnostic of service.validate(model)) {
      const own = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      for (const message of [own, ...(diagnostic.relatedInformation ?? []).map((r) => r.message)]) {
        messages++;
        if (message.includes('`')) offenders.push(`${path.relative(community, file)}: ${diagnostic.code}: ${message}`);
      }
    }
  }
  assert.ok(messages > 100, `only ${messages} messages`);
  assert.deepEqual(offenders, []);
});
