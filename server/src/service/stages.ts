/**
 * The stage graph of a Dockerfile: each FROM starts a stage; `FROM <stage>` chains are followed to the
 * real base image; ARG defaults declared before the first FROM resolve `${VAR}` in image names; stage
 * names match without case, as BuildKit lower-cases them.
 */
import type { Flag, Instruction, Span, Word } from './syntax/model';
import type { DockerfileSyntax } from './syntax/model';
import { parseImageReference, type ImageReference } from './images/imageReference';

export interface ArgDeclaration {
  readonly name: string;
  /** The default value with surrounding quotes removed, or undefined when the ARG has none. */
  readonly value: string | undefined;
  readonly instruction: Instruction;
}

export interface Stage {
  readonly index: number;
  readonly from: Instruction;
  /** The word after FROM (and its flags) naming the base: an image or an earlier stage. */
  readonly baseWord: Word | undefined;
  /** The base parsed as an image reference (also when it turns out to name a stage). */
  readonly image: ImageReference | undefined;
  /** The alias as written after `AS`. */
  readonly name: string | undefined;
  readonly nameSpan: Span | undefined;
  readonly platform: Flag | undefined;
  /** The earlier stage this one is built FROM, when the base names a stage. */
  readonly parent: Stage | undefined;
  /** The instructions of the stage after its FROM. */
  readonly instructions: readonly Instruction[];
  /** ARGs declared inside the stage. */
  readonly args: readonly ArgDeclaration[];
  readonly isFinal: boolean;
}

export interface StageModel {
  readonly stages: readonly Stage[];
  /** ARGs declared before the first FROM (usable in FROM lines). */
  readonly globalArgs: readonly ArgDeclaration[];
  /** Instructions before the first FROM (ARGs, parser directives are not instructions). */
  readonly preamble: readonly Instruction[];
  /** Finds a stage by its alias (any case) or its numeric index, as `COPY --from=` accepts. */
  stageByName(name: string): Stage | undefined;
  /** The stage that contains an instruction (or its FROM), by document offset. */
  stageAt(offset: number): Stage | undefined;
  /** The image a stage finally runs on, following `FROM <stage>` chains; undefined for `scratch` or a cycle. */
  rootImage(stage: Stage): ImageReference | undefined;
  /** The chain from the stage up to the stage whose base is an image (the stage itself first). */
  lineage(stage: Stage): readonly Stage[];
  /** The value of a global ARG's default, for `${VAR}` in FROM. */
  globalArg(name: string): string | undefined;
  readonly finalStage: Stage | undefined;
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
    return value.slice(1, -1);
  }
  return value;
}

/** Splits `ARG a=1 "b"=2 c` into declarations (BuildKit keeps quotes in the words; we drop them from values). */
export function parseArgDeclarations(instruction: Instruction): ArgDeclaration[] {
  const result: ArgDeclaration[] = [];
  for (const word of splitQuoteAware(instruction.args)) {
    const eq = word.indexOf('=');
    const name = unquote(eq >= 0 ? word.slice(0, eq) : word);
    if (!name) continue;
    result.push({ name, value: eq >= 0 ? unquote(word.slice(eq + 1)) : undefined, instruction });
  }
  return result;
}

/** Whitespace split that keeps quoted runs together (quotes kept), as BuildKit splits ARG/ENV words. */
export function splitQuoteAware(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      current += ch;
      if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    current += ch;
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\' && i + 1 < text.length) current += text[++i];
  }
  if (inWord) words.push(current);
  return words;
}

export function buildStageModel(syntax: DockerfileSyntax): StageModel {
  const globalArgs: ArgDeclaration[] = [];
  const preamble: Instruction[] = [];
  const globalValues = new Map<string, string | undefined>();
  const lookupGlobal = (name: string): string | undefined => globalValues.get(name);

  type MutableStage = { -readonly [K in keyof Stage]: Stage[K] } & { instructions: Instruction[]; args: ArgDeclaration[] };
  const stages: MutableStage[] = [];
  const byName = new Map<string, MutableStage>();

  for (const instruction of syntax.instructions) {
    if (instruction.name === 'FROM') {
      const words = instruction.words;
      const baseWord = words[0];
      const asIndex = words.findIndex((w, i) => i > 0 && w.text.toLowerCase() === 'as');
      const nameWord = asIndex > 0 ? words[asIndex + 1] : undefined;
      const image = baseWord ? parseImageReference(baseWord.text, baseWord.span.start, lookupGlobal) : undefined;
      // A base that names an earlier stage (BuildKit compares lower-cased names, after ARG expansion).
      const parent = image && !image.registry && !image.tag && !image.digest ? byName.get(image.text.toLowerCase()) : undefined;
      const stage: MutableStage = {
        index: stages.length,
        from: instruction,
        baseWord,
        image,
        name: nameWord?.text,
        nameSpan: nameWord?.span,
        platform: instruction.flags.find((f) => f.name.toLowerCase() === 'platform'),
        parent,
        instructions: [],
        args: [],
        isFinal: false,
      };
      stages.push(stage);
      if (nameWord) byName.set(nameWord.text.toLowerCase(), stage);
      continue;
    }
    const current = stages[stages.length - 1];
    if (!current) {
      preamble.push(instruction);
      if (instruction.name === 'ARG') {
        for (const decl of parseArgDeclarations(instruction)) {
          globalArgs.push(decl);
          // A default may refer to earlier global ARGs.
          const value = decl.value === undefined ? undefined : parseImageReference(decl.value, 0, lookupGlobal).text;
          globalValues.set(decl.name, value);
        }
      }
      continue;
    }
    current.instructions.push(instruction);
    if (instruction.name === 'ARG') current.args.push(...parseArgDeclarations(instruction));
  }
  const last = stages[stages.length - 1];
  if (last) last.isFinal = true;

  const lineage = (stage: Stage): Stage[] => {
    const chain: Stage[] = [];
    const seen = new Set<Stage>();
    let current: Stage | undefined = stage;
    while (current && !seen.has(current)) {
      seen.add(current);
      chain.push(current);
      current = current.parent;
    }
    return chain;
  };

  const starts = stages.map((s) => s.from.span.start);
  return {
    stages,
    globalArgs,
    preamble,
    finalStage: last,
    globalArg: lookupGlobal,
    stageByName(name: string): Stage | undefined {
      const lower = name.toLowerCase();
      const named = byName.get(lower);
      if (named) return named;
      return /^\d+$/.test(name) ? stages[Number(name)] : undefined;
    },
    stageAt(offset: number): Stage | undefined {
      // Binary search: the last stage whose FROM starts at or before the offset.
      let lo = 0;
      let hi = starts.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found >= 0 ? stages[found] : undefined;
    },
    lineage,
    rootImage(stage: Stage): ImageReference | undefined {
      const chain = lineage(stage);
      const root = chain[chain.length - 1];
      if (!root || root.parent) return undefined; // a cycle
      if (!root.image || root.image.text.toLowerCase() === 'scratch') return undefined;
      return root.image;
    },
  };
}
