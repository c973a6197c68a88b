/**
 * Where an image reference is being typed: the base of a FROM, `COPY --from=`, `RUN --mount=...from=`, or
 * the default of a global ARG that a FROM uses. Each site becomes an `ImageWord` for imageItems.ts.
 */
import type { DockerfileModel } from '../document/model';
import type { Stage } from '../document/stages';
import type { Flag, Instruction, Span, Word } from '../syntax/model';
import { substituteVariables } from '../images/imageReference';
import type { ImageWord, StageChoice } from './imageItems';

export interface ImageSite {
  readonly kind: 'image';
  readonly word: ImageWord;
  /** The stage whose image this is (for ranking). */
  readonly stage: Stage | undefined;
  readonly stages: readonly StageChoice[];
  readonly stagesFirst: boolean;
}

export interface PlatformSite {
  readonly kind: 'platform';
  readonly valueSpan: Span;
  readonly stage: Stage | undefined;
}

export type CompletionSite = ImageSite | PlatformSite;

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/**
 * Builds the word from document text `[start, end)` around `offset`, resolving `$VAR`s with the global ARGs.
 * Undefined while a variable is still being typed (`${TA`): that is not an image yet.
 */
function wordAt(model: DockerfileModel, start: number, end: number, offset: number, prefix = '', suffix = ''): ImageWord | undefined {
  const text = model.syntax.text;
  const raw = text.slice(start, offset);
  const resolved = substituteVariables(raw, start, (name) => model.stages.globalArg(name));
  const last = resolved.variables[resolved.variables.length - 1];
  const literalFrom = last ? last.span.end : start;
  if (text.slice(literalFrom, offset).includes('$')) return undefined;
  const before = prefix + resolved.text;
  return { before, literalStart: before.length - (offset - literalFrom), after: text.slice(offset, end), suffix, cursor: offset };
}

function stageChoices(model: DockerfileModel, current: Stage | undefined): StageChoice[] {
  const choices: StageChoice[] = [];
  for (const stage of model.stages.stages) {
    if (current && stage.index >= current.index) break;
    if (!stage.name) continue;
    const root = model.stages.rootImage(stage);
    choices.push({ name: stage.name, detail: `stage ${stage.index} · ${root ? root.text : 'scratch'}` });
  }
  return choices;
}

function fromSite(model: DockerfileModel, instruction: Instruction, offset: number): CompletionSite | undefined {
  const stage = model.stages.stageAt(offset);
  for (const flag of instruction.flags) {
    if (offset <= flag.span.start || offset > flag.span.end) continue;
    if (flag.name.toLowerCase() === 'platform' && flag.valueSpan && offset >= flag.valueSpan.start) {
      return { kind: 'platform', valueSpan: flag.valueSpan, stage };
    }
    return undefined;
  }
  const base: Word | undefined = instruction.words[0];
  const stages = stageChoices(model, stage);
  if (base) {
    if (!contains(base.span, offset)) return undefined;
    const word = wordAt(model, base.span.start, base.span.end, offset);
    return word && { kind: 'image', word, stage, stages, stagesFirst: false };
  }
  // `FROM |`: nothing typed yet, but only after a blank (not glued to the keyword or a flag).
  const before = model.syntax.text[offset - 1];
  if (offset <= instruction.keywordSpan.end || (before !== ' ' && before !== '\t')) return undefined;
  if (instruction.flags.some((flag) => offset <= flag.span.end)) return undefined;
  return { kind: 'image', word: { before: '', literalStart: 0, after: '', suffix: '', cursor: offset }, stage, stages, stagesFirst: false };
}

function flagNamed(instruction: Instruction, name: string): Flag[] {
  return instruction.flags.filter((flag) => flag.name.toLowerCase() === name);
}

function copyFromSite(model: DockerfileModel, instruction: Instruction, offset: number): CompletionSite | undefined {
  for (const flag of flagNamed(instruction, 'from')) {
    if (!flag.valueSpan || !contains(flag.valueSpan, offset)) continue;
    const stage = model.stages.stageAt(offset);
    const word = wordAt(model, flag.valueSpan.start, flag.valueSpan.end, offset);
    return word && { kind: 'image', word, stage, stages: stageChoices(model, stage), stagesFirst: true };
  }
  return undefined;
}

function mountFromSite(model: DockerfileModel, instruction: Instruction, offset: number): CompletionSite | undefined {
  for (const flag of flagNamed(instruction, 'mount')) {
    if (!flag.valueSpan || !contains(flag.valueSpan, offset)) continue;
    const value = model.syntax.text.slice(flag.valueSpan.start, flag.valueSpan.end);
    const at = offset - flag.valueSpan.start;
    const fieldStart = value.lastIndexOf(',', at - 1) + 1;
    const comma = value.indexOf(',', at);
    const fieldEnd = comma < 0 ? value.length : comma;
    if (!value.slice(fieldStart).toLowerCase().startsWith('from=') || at < fieldStart + 5) return undefined;
    const stage = model.stages.stageAt(offset);
    const start = flag.valueSpan.start + fieldStart + 5;
    const word = wordAt(model, start, flag.valueSpan.start + fieldEnd, offset);
    return word && { kind: 'image', word, stage, stages: stageChoices(model, stage), stagesFirst: true };
  }
  return undefined;
}

/** `ARG TAG=10.0-|` before the first FROM, where some FROM uses `${TAG}`: complete as if typing inside that FROM. */
function argDefaultSite(model: DockerfileModel, instruction: Instruction, offset: number): CompletionSite | undefined {
  if (model.stages.stageAt(offset)) return undefined; // only global ARGs reach FROM lines
  const word = instruction.words.find((w) => contains(w.span, offset));
  if (!word) return undefined;
  const eq = word.text.indexOf('=');
  if (eq <= 0 || offset <= word.span.start + eq) return undefined;
  const name = word.text.slice(0, eq);
  const text = model.syntax.text;
  let valueStart = word.span.start + eq + 1;
  let valueEnd = word.span.end;
  const quote = text[valueStart];
  if (quote === '"' || quote === "'") {
    valueStart++;
    if (valueEnd > valueStart && text[valueEnd - 1] === quote) valueEnd--;
  }
  if (offset < valueStart || offset > valueEnd) return undefined;
  for (const stage of model.stages.stages) {
    const base = stage.baseWord;
    const use = stage.image?.variables.find((v) => v.name === name);
    if (!base || !use) continue;
    const lookup = (n: string): string | undefined => model.stages.globalArg(n);
    const prefix = substituteVariables(base.text.slice(0, use.span.start - base.span.start), 0, lookup).text;
    const suffix = substituteVariables(base.text.slice(use.span.end - base.span.start), 0, lookup).text;
    const imageWord = wordAt(model, valueStart, valueEnd, offset, prefix, suffix);
    return imageWord && { kind: 'image', word: imageWord, stage, stages: [], stagesFirst: false };
  }
  return undefined;
}

/** The completion site at a document offset, or undefined when the position is not one we complete. */
export function completionSiteAt(model: DockerfileModel, offset: number): CompletionSite | undefined {
  const instruction = model.instructionAt(offset);
  if (!instruction || offset < instruction.keywordSpan.end || offset > instruction.span.end) return undefined;
  switch (instruction.name) {
    case 'FROM':
      return fromSite(model, instruction, offset);
    case 'COPY':
    case 'ADD':
      return copyFromSite(model, instruction, offset);
    case 'RUN':
      return mountFromSite(model, instruction, offset);
    case 'ARG':
      return argDefaultSite(model, instruction, offset);
    default:
      return undefined;
  }
}
