import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from './generate';
import { testService } from '../helpers/service';
const s = testService();
for (const n of [1000, 10000]) {
  const doc = generateDockerfile(n);
  const m = s.parse(TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, doc.text));
  const d = s.validate(m);
  const whole = { start: { line: 0, character: 0 }, end: { line: n, character: 0 } };
  for (let i = 0; i < 30; i++) s.codeActions(m, whole, { diagnostics: d });
  let t = performance.now(); let a; for (let i = 0; i < 20; i++) a = s.codeActions(m, whole, { diagnostics: d });
  console.log(n, 'codeActions whole', ((performance.now() - t) / 20).toFixed(2), 'ms', a!.length, 'actions', d.length, 'diags');
  t = performance.now(); for (let i = 0; i < 20; i++) s.codeActions(m, whole, { diagnostics: d, only: ['quickfix'] });
  console.log(n, '  quickfix only', ((performance.now() - t) / 20).toFixed(2));
  t = performance.now(); for (let i = 0; i < 20; i++) s.codeActions(m, whole, { diagnostics: [], only: ['refactor.rewrite'] });
  console.log(n, '  rewrite only', ((performance.now() - t) / 20).toFixed(2));
  t = performance.now(); for (let i = 0; i < 20; i++) s.validate(m);
  console.log(n, '  validate', ((performance.now() - t) / 20).toFixed(2));
  t = performance.now(); for (let i = 0; i < 20; i++) s.parse(TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, doc.text));
  console.log(n, '  parse', ((performance.now() - t) / 20).toFixed(2));
  const line = { start: { line: doc.edit.line, character: 0 }, end: { line: doc.edit.line, character: 0 } };
  t = performance.now(); for (let i = 0; i < 20; i++) s.codeActions(m, line, { diagnostics: [] });
  console.log(n, '  one line', ((performance.now() - t) / 20).toFixed(2));
}
