// A document URI's file system path, as the project and build context stores read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { filePath } from '../../server/src/lsp/fileUris';

test('a file: URI has the path fileURLToPath gives, asked once or many times; other schemes and malformed URIs have none', () => {
  const uris = ['file:///work/app/Dockerfile', 'file:///work/my%20app/Dockerfile', 'file:///work/a/../b/Dockerfile', 'file:///w/%C3%A9t%C3%A9/Dockerfile'];
  for (let round = 0; round < 2; round++) for (const uri of uris) assert.equal(filePath(uri), fileURLToPath(uri), uri);
  assert.equal(filePath('untitled:Untitled-1'), undefined);
  assert.equal(filePath('vscode-remote://host/work/Dockerfile'), undefined);
  assert.equal(filePath('file:///work/a%2Fb/Dockerfile'), undefined, 'an encoded slash is refused, as fileURLToPath refuses it');
  assert.equal(filePath('file:///work/a%2Fb/Dockerfile'), undefined, 'and refused again from what was kept');
});

test('many URIs: every answer is still right past the number kept', () => {
  for (let i = 0; i < 1200; i++) assert.equal(filePath(`file:///work/p${i}/Dockerfile`), `/work/p${i}/Dockerfile`);
  assert.equal(filePath('file:///work/p3/Dockerfile'), '/work/p3/Dockerfile');
});
