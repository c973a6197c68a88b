/**
 * Where an image reference is being typed: the base of a FROM, `COPY --from=`, `RUN --mount=...from=`, or
 * the default of a global ARG that a FROM uses. Each site becomes an `ImageWord` for imageItems.ts.
 */
import type { Build } from '../document/build';
import type { DockerfileModel } from '../document/model';
import type { Stage } from '../document/stages';
import type { Instruction, Span, Word } from '../syntax/model';
import { substituteVariables } from '../images/imageReference';
import { flagsNamed, mountFields } from '../document/instructionFields';
import type { ImageWord, StageChoice } from './imageItems';

export interface ImageSite {
  readonly kind: 'image';
  readonly word: ImageWord;
  /** The stage whose image this is (for ranking). */
  readonly stage: Stage | undefined;
  /** Asked only when the word could name a stage (a 10,000-line file has hundreds before the cursor). */
  readonly stages: () => readonly StageChoice[];
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

/** The named stages before `current`, as choices; worked out on the first call only. */
function stageChoices(build: Build, current: Stage | undefined): () => readonly StageChoice[] {
  let choices: StageChoice[] | undefined;
  return () => (choices ??= namedStagesBefore(build, current));
}

function namedStagesBefore(build: Build, current: Stage | undefined): StageChoice[] {
  const choices: StageChoice[] = [];
  for (const stage of build.model.stages.stages) {
    if (current && stage.index >= current.index) break;
    if (!stage.name) continue;
    const facts = build.stage(stage);
    const root = facts.image?.reference.text ?? (facts.scratch ? 'scratch' : facts.root.baseWord?.text ?? 'scratch');
    choices.push({ name: stage.name, detail: `stage ${stage.index} · ${root}` });
  }
  return choices;
}

function fromSite(build: Build, instruction: Instruction, offset: number): CompletionSite | undefined {
  const model = build.model;
  const stage = model.stages.stageAt(offset);
  for (const flag of instruction.flags) {
    if (offset <= flag.span.start || offset > flag.span.end) continue;
    if (flag.name.toLowerCase() === 'platform' && flag.valueSpan && offset >= flag.valueSpan.start) {
      return { kind: 'platform', valueSpan: flag.valueSpan, stage };
    }
    return undefined;
  }
  const base: Word | undefined = instruction.words[0];
  const stages = stageChoices(build, stage);
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

function copyFromSite(build: Build, instruction: Instruction, offset: number): CompletionSite | undefined {
  const model = build.model;
  for (const flag of flagsNamed(instruction, 'from')) {
    if (!flag.valueSpan || !contains(flag.valueSpan, offset)) continue;
    const stage = model.stages.stageAt(offset);
    const word = wordAt(model, flag.valueSpan.start, flag.valueSpan.end, offset);
    return word && { kind: 'image', word, stage, stages: stageChoices(build, stage), stagesFirst: true };
  }
  return undefined;
}

function mountFromSite(build: Build, instruction: Instruction, offset: number): CompletionSite | undefined {
  const model = build.model;
  for (const flag of flagsNamed(instruction, 'mount')) {
    if (!flag.valueSpan || !contains(flag.valueSpan, offset)) continue;
    for (const field of mountFields(model.syntax.text, flag)) {
      if (field.key !== 'from' || !contains(field.valueSpan, offset)) continue;
      const stage = model.stages.stageAt(offset);
      const word = wordAt(model, field.valueSpan.start, field.valueSpan.end, offset);
      return word && { kind: 'image', word, stage, stages: stageChoices(build, stage), stagesFirst: true };
    }
    return undefined;
  }
  return undefined;
}

/** `ARG TAG=10.0-|` before the first FROM, where some FROM uses `${TAG}`: complete as if typing inside that FROM. */
function argDefaultSite(build: Build, instruction: Instruction, offset: number): CompletionSite | undefined {
  const model = build.model;
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
    return imageWord && { kind: 'image', word: imageWord, stage, stages: () => [], stagesFirst: false };
  }
  return undefined;
}

/** The completion site at a document offset, or undefined when the position is not one we complete. */
export function completionSiteAt(build: Build, offset: number): CompletionSite | undefined {
  const instruction = build.model.instructionAt(offset);
  if (!instruction || offset < instruction.keywordSpan.end || offset > instruction.span.end) return undefined;
  switch (instruction.name) {
    case 'FROM':
      return fromSite(build, instruction, offset);
    case 'COPY':
    case 'ADD':
      return copyFromSite(build, instruction, offset);
    case 'RUN':
      return mountFromSite(build, instruction, offset);
    case 'ARG':
      return argDefaultSite(build, instruction, offset);
    default:
      return undefined;
  }
}
