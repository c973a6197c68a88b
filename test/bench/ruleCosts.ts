/**
 * What a keystroke's validation costs, part by part, on a generated benchmark Dockerfile: the parse (from the
 * previous version, as the server parses), the project search with the facts it shares with the rules, each rule
 * (in the runner's order: a rule that is the first to ask for a fact pays for it; a stage rule checks only the
 * stages the previous version did not have, stageReuse.ts), and the runner's own work (suppressions, diagnostics,
 * sorting, stage rules' findings taken over) once every rule's findings are known. In process, the service only; for
 * deciding where work per version can be saved. `npm run bench` is the measure of record.
 *
 *   tsx test/bench/ruleCosts.ts [--lines 10000] [--versions 40] [--seed 7]
 */
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from './generate';
import { realCatalog, starterSnippets, TODAY } from '../helpers/service';
import { readArgs } from '../helpers/args';
import { buildModel } from '../../server/src/service/document/model';
import { buildOf } from '../../server/src/service/document/build';
import { validate } from '../../server/src/service/diagnostics/runner';
import { RULES } from '../../server/src/service/diagnostics/ruleRegistry';
import { DEFAULT_SETTINGS } from '../../server/src/service/diagnostics/settings';
import type { ServiceContext } from '../../server/src/service/context';

const options = { lines: 10_000, versions: 40, seed: 7 };
readArgs(process.argv.slice(2), (cursor) => {
  if (cursor.arg === '--lines') options.lines = cursor.count();
  else if (cursor.arg === '--versions') options.versions = cursor.count();
  else if (cursor.arg === '--seed') options.seed = cursor.count();
  else throw new Error(`unknown option ${cursor.arg}; see the header of test/bench/ruleCosts.ts`);
});

const bench = generateDockerfile(options.lines, options.seed);
// The context the service gives validation when the host has found no project (the bench's case).
const context: ServiceContext = { catalog: realCatalog(), today: TODAY, project: undefined, snippetSupport: true, snippets: starterSnippets(), buildContext: undefined, syntaxCheckedElsewhere: false };
const WARM_UP = 20;

const totals = new Map<string, number>();
const add = (part: string, ms: number): void => void totals.set(part, (totals.get(part) ?? 0) + ms);
const timed = <R>(part: string, counted: boolean, work: () => R): R => {
  const started = performance.now();
  const result = work();
  if (counted) add(part, performance.now() - started);
  return result;
};

let document = TextDocument.create('file:///bench/Dockerfile', 'dockerfile', 0, bench.text);
let model = buildModel(document);
for (let version = 1; version <= WARM_UP + options.versions; version++) {
  // The bench's keystroke: a character typed, then taken back, in the RUN line.
  const at = document.offsetAt(bench.edit);
  const text = document.getText();
  const next = version % 2 === 1 ? `${text.slice(0, at)}x${text.slice(at)}` : `${text.slice(0, at)}${text.slice(at + 1)}`;
  document = TextDocument.create(document.uri, 'dockerfile', version, next);
  const counted = version > WARM_UP;
  const previous = model;
  model = timed('parse', counted, () => buildModel(document, previous));
  const build = buildOf(model, context);
  timed('project search and shared facts', counted, () => build.projectSearch());
  // Each rule as the runner runs it: a stage rule checks only the stages the last version did not have.
  for (const rule of RULES) timed(`rule ${rule.id}`, counted, () => validate(context, model, DEFAULT_SETTINGS, [rule]));
  timed('runner (findings known)', counted, () => validate(context, model, DEFAULT_SETTINGS));
}

const perVersion = [...totals].map(([part, ms]) => [part, ms / options.versions] as const).sort((a, b) => b[1] - a[1]);
const total = perVersion.reduce((sum, [, ms]) => sum + ms, 0);
console.log(`${options.lines} lines, ${options.versions} versions after ${WARM_UP}: ${total.toFixed(2)} ms per version on average`);
for (const [part, ms] of perVersion) console.log(`${ms.toFixed(3).padStart(9)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${part}`);
