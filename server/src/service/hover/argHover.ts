/**
 * Hover on the default of a global ARG that a FROM uses (`ARG TAG=10.0-noble-chiseled` … `FROM …/aspnet:${TAG}`):
 * the image that default makes, explained as on the FROM line, and which lines use it.
 */
import type { Build } from '../document/build';
import type { Instruction } from '../syntax/model';
import type { HoverText } from './imageHover';
import { imageSummary } from './imageHover';
import { code } from '../texts/texts';

export function argDefaultHover(build: Build, instruction: Instruction, offset: number): HoverText | undefined {
  const model = build.model;
  // Only global ARGs (before the first FROM) reach FROM lines.
  if (model.stages.stageAt(offset)) return undefined;
  const word = instruction.words.find((w) => w.span.start <= offset && offset < w.span.end);
  const equals = word?.text.indexOf('=') ?? -1;
  if (!word || equals <= 0 || offset <= word.span.start + equals) return undefined;
  const name = word.text.slice(0, equals);
  const users = build.imageSites().filter((site) => site.kind === 'from' && site.reference.variables.some((v) => v.name === name));
  const first = users[0];
  if (!first || first.facts.kind !== 'dotnet') return undefined;
  const lines = users.map((site) => site.instruction.startLine + 1).join(', ');
  const markdown = [`**${code(first.reference.text)}**`, `The default of \`${name}\`, used by \`FROM\` on line${users.length > 1 ? 's' : ''} ${lines}.`, '---', imageSummary(build, first.facts, { stage: first.stage })].join('\n\n');
  return { markdown, span: { start: word.span.start + equals + 1, end: word.span.end } };
}
