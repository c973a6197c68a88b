/**
 * The stage graph of a Dockerfile: each FROM starts a stage, with its base (an image, or an earlier stage it is
 * built FROM); ARG defaults declared before the first FROM resolve `${VAR}` in image names; stage names match
 * without case, as BuildKit lower-cases them. What a stage finally runs on, through its chain, is the build
 * model's (stageFacts.ts).
 */
import type { Flag, Instruction, Span, Word } from '../syntax/model';
import type { DockerfileSyntax } from '../syntax/model';
import { parseImageReference, type ImageReference } from '../images/imageReference';
import { isJsWhitespace } from '../syntax/chars';
import { expandReference } from '../shell/expansion';

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
  /** The value of a global ARG's default, for `${VAR}` in FROM. */
  globalArg(name: string): string | undefined;
  readonly finalStage: Stage | undefined;
}

const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;

const NO_INSTRUCTIONS: readonly Instruction[] = Object.freeze([]);
const NO_ARGS: readonly ArgDeclaration[] = Object.freeze([]);

/** `text.toLowerCase() === lower` for an ASCII lower-case `lower`, without building the lower-cased copy. */
function equalsIgnoringAsciiCase(text: string, lower: string): boolean {
  if (text.length !== lower.length) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const expected = lower.charCodeAt(i);
    if (code !== expected && !(code >= 0x41 && code <= 0x5a && code + 0x20 === expected)) return false;
  }
  return true;
}

function unquote(value: string): string {
  const last = value.length - 1;
  if (last >= 1) {
    const first = value.charCodeAt(0);
    if ((first === DOUBLE_QUOTE || first === SINGLE_QUOTE) && value.charCodeAt(last) === first) return value.slice(1, last);
  }
  return value;
}

/** Splits `ARG a=1 "b"=2 c` into declarations (BuildKit keeps quotes in the words; we drop them from values). */
export function parseArgDeclarations(instruction: Instruction): ArgDeclaration[] {
  const result: ArgDeclaration[] = [];
  const text = instruction.args;
  for (let at = 0; at < text.length; ) {
    const start = skipJsWhitespace(text, at);
    if (start === text.length) break;
    const end = quoteAwareWordEnd(text, start);
    at = end;
    let eq = start;
    while (eq < end && text.charCodeAt(eq) !== EQUALS) eq++;
    if (eq === end) eq = -1;
    const name = unquote(text.slice(start, eq >= 0 ? eq : end));
    if (!name) continue;
    result.push({ name, value: eq >= 0 ? unquote(text.slice(eq + 1, end)) : undefined, instruction });
  }
  return result;
}

/**
 * End of the word starting at `start` (not whitespace): a word is one run of the text, quotes and escapes
 * included, so it is found by index and sliced once instead of being built a character at a time.
 */
function quoteAwareWordEnd(text: string, start: number): number {
  const length = text.length;
  let quote = 0;
  for (let i = start; i < length; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === BACKSLASH && quote === DOUBLE_QUOTE && i + 1 < length) i++;
      else if (code === quote) quote = 0;
      continue;
    }
    if (isJsWhitespace(code)) return i;
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) quote = code;
    else if (code === BACKSLASH && i + 1 < length) i++;
  }
  return length;
}

function skipJsWhitespace(text: string, from: number): number {
  let at = from;
  while (at < text.length && isJsWhitespace(text.charCodeAt(at))) at++;
  return at;
}


/**
 * Build the stage graph of a parsed Dockerfile. With `previous`, the stage model of an earlier version whose
 * instructions `syntax` took over in part (see `parseDockerfile`: always a prefix), a stage whose FROM is the
 * very same instruction keeps its image reference object: what it depends on (the FROM line, and the global
 * ARGs before the first FROM) is then unchanged.
 */
export function buildStageModel(syntax: DockerfileSyntax, previous?: StageModel): StageModel {
  const globalArgs: ArgDeclaration[] = [];
  const globalValues = new Map<string, string | undefined>();
  const lookupGlobal = (name: string): string | undefined => globalValues.get(name);

  type MutableStage = { -readonly [K in keyof Stage]: Stage[K] };
  const stages: MutableStage[] = [];
  const byName = new Map<string, MutableStage>();
  const all = syntax.instructions;
  // A stage's instructions are the run between its FROM and the next one: sliced once, exactly sized,
  // rather than grown a push at a time.
  let firstFrom = all.length;
  let currentFrom = -1;
  let stageArgs: ArgDeclaration[] | undefined;
  const closeStage = (end: number): void => {
    const current = stages[stages.length - 1];
    if (current === undefined) return;
    current.instructions = all.slice(currentFrom + 1, end);
    if (stageArgs !== undefined) current.args = stageArgs;
    stageArgs = undefined;
  };

  for (let i = 0; i < all.length; i++) {
    const instruction = all[i]!;
    if (instruction.name === 'FROM') {
      closeStage(i);
      if (stages.length === 0) firstFrom = i;
      currentFrom = i;
      const words = instruction.words;
      const baseWord = words[0];
      let asIndex = 1;
      while (asIndex < words.length && !equalsIgnoringAsciiCase(words[asIndex]!.text, 'as')) asIndex++;
      const nameWord = words[asIndex + 1];
      // A FROM taken over from the previous version comes after nothing but taken-over instructions, so its line
      // and the global ARGs it may use are unchanged, and so is its image.
      const earlier = previous?.stages[stages.length];
      const image =
        earlier !== undefined && earlier.from === instruction
          ? earlier.image
          : baseWord
            ? parseImageReference(baseWord.text, baseWord.span.start, lookupGlobal)
            : undefined;
      // A base that names an earlier stage (BuildKit compares lower-cased names, after ARG expansion).
      const parent = image && !image.registry && !image.tag && !image.digest ? byName.get(image.text.toLowerCase()) : undefined;
      let platform: Flag | undefined;
      for (const flag of instruction.flags) {
        if (equalsIgnoringAsciiCase(flag.name, 'platform')) {
          platform = flag;
          break;
        }
      }
      const stage: MutableStage = {
        index: stages.length,
        from: instruction,
        baseWord,
        image,
        name: nameWord?.text,
        nameSpan: nameWord?.span,
        platform,
        parent,
        instructions: NO_INSTRUCTIONS,
        args: NO_ARGS,
        isFinal: false,
      };
      stages.push(stage);
      if (nameWord) byName.set(nameWord.text.toLowerCase(), stage);
      continue;
    }
    if (instruction.name !== 'ARG') continue;
    if (stages.length === 0) {
      for (const decl of parseArgDeclarations(instruction)) {
        globalArgs.push(decl);
        // A default may refer to earlier global ARGs; the expansion is bounded (shell/expansion.ts), so
        // `ARG B=${A}${A}` repeated cannot make an exponentially long value.
        const value = decl.value === undefined ? undefined : expandReference(decl.value, lookupGlobal).text;
        globalValues.set(decl.name, value);
      }
      continue;
    }
    const declarations = parseArgDeclarations(instruction);
    if (stageArgs === undefined) stageArgs = declarations;
    else for (const decl of declarations) stageArgs.push(decl);
  }
  closeStage(all.length);
  const preamble = all.slice(0, firstFrom);
  const last = stages[stages.length - 1];
  if (last) last.isFinal = true;

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
  };
}
