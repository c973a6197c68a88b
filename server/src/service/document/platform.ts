/**
 * The platform side of a build: BuildKit's automatic platform ARGs (`TARGETARCH`, `BUILDPLATFORM`, ...) and the
 * `dotnet` calls that publish for the target architecture.
 *
 * The automatic ARGs are defined in the global scope only: a FROM line may use them as they are, but inside a stage
 * `$TARGETARCH` is empty until the stage declares `ARG TARGETARCH`, or a stage it is built FROM did (BuildKit starts a
 * `FROM <stage>` stage from its parent's state, declared ARGs included: dockerfile2llb's dispatchState.init). A
 * `dotnet publish -a $TARGETARCH` in an SDK stage without `FROM --platform=$BUILDPLATFORM` runs the SDK under emulation
 * for every foreign target (slow, and known to crash).
 */
import type { Instruction, Span } from '../syntax/model';
import type { Stage } from './stages';
import type { StageFacts } from './stageFacts';
import { dotnetCommandsOf, type DotnetCommand } from './dotnetCommands';
import { newVariableMatch, nextVariable } from '../shell/expansion';

export const PLATFORM_ARGS: ReadonlySet<string> = new Set(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);
const TARGET_ARGS: ReadonlySet<string> = new Set(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT']);
const MENTIONS_PLATFORM_ARG = /\b(?:TARGET|BUILD)(?:PLATFORM|OS|ARCH|VARIANT)\b/;
const MENTIONS_TARGET_ARG = /\bTARGET(?:PLATFORM|ARCH)\b/;

/** Does the instruction's text (arguments, flags, heredoc bodies) match? Without copying the document. */
function mentions(instruction: Instruction, pattern: RegExp): boolean {
  if (pattern.test(instruction.args)) return true;
  for (const flag of instruction.flags) if (flag.value !== undefined && pattern.test(flag.value)) return true;
  for (const heredoc of instruction.heredocs) if (pattern.test(heredoc.content)) return true;
  return false;
}

export interface PlatformArgUse {
  readonly name: string;
  /** The `$NAME` / `${NAME...}` in the document. */
  readonly span: Span;
  readonly instruction: Instruction;
}

/**
 * The stretches of an instruction's text that BuildKit or the shell expands (flags, arguments, heredoc bodies),
 * each as its text and a map to document offsets; only those with a `$` in them, the others can use no variable.
 * Called per instruction that mentions a platform ARG, on every keystroke: a stretch without a `$` costs no copy.
 */
function forEachExpandedText(text: string, instruction: Instruction, visit: (piece: string, toDocument: (offset: number) => number) => void): void {
  for (const flag of instruction.flags) {
    const { start, end } = flag.span;
    if (hasDollar(text, start, end)) visit(text.slice(start, end), (offset) => start + offset);
  }
  if (instruction.args.includes('$')) visit(instruction.args, (offset) => instruction.argsMap.toDocument(offset));
  for (const heredoc of instruction.heredocs) {
    const start = heredoc.span.start;
    const end = start + heredoc.content.length;
    if (hasDollar(text, start, end)) visit(text.slice(start, end), (offset) => start + offset);
  }
}

const DOLLAR = 0x24;

/**
 * Whether `text` has a `$` from `start` to `end`, looking no further: `indexOf('$', start)` would read on to the end
 * of the document when the stretch has none, per flag (32,000 such RUN lines, 3.2 MB: 1.3 s, growing quadratically).
 */
function hasDollar(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === DOLLAR) return true;
  return false;
}

/**
 * The uses of automatic platform ARGs in a stage (FROM lines excepted: the global scope has them) that nothing
 * declares before them: no `ARG NAME` of the stage before the use or of a stage it is built FROM, no ENV of that name.
 */
export function undeclaredPlatformArgs(facts: StageFacts): PlatformArgUse[] {
  const uses: PlatformArgUse[] = [];
  const text = facts.model.syntax.text;
  const stage: Stage = facts.stage;
  const match = newVariableMatch();
  for (const instruction of stage.instructions) {
    if (instruction.name === 'FROM' || !mentions(instruction, MENTIONS_PLATFORM_ARG)) continue;
    // What is declared where the instruction starts: looked up once a platform ARG is found in it.
    let lookup: ReturnType<StageFacts['lookupAt']> | undefined;
    forEachExpandedText(text, instruction, (piece, toDocument) => {
      for (let found = nextVariable(piece, 0, match); found; found = nextVariable(piece, match.end, match)) {
        if (match.start > 0 && piece[match.start - 1] === '\\') continue;
        const name = piece.slice(match.nameStart, match.nameEnd);
        if (!PLATFORM_ARGS.has(name)) continue;
        // `ARG TARGETARCH` declares it; `ARG X=$TARGETARCH` in the same instruction uses it before.
        if (instruction.name === 'ARG' && declaresBefore(instruction, name, match.start)) continue;
        lookup ??= facts.lookupAt(instruction.span.start);
        // The lookup sees the ARGs of the stages it is built FROM too (environment.ts, as BuildKit does).
        if (lookup.arg(name) || lookup.env(name)) continue;
        const start = toDocument(match.start);
        uses.push({ name, span: { start, end: toDocument(match.end - 1) + 1 }, instruction });
      }
    });
  }
  return uses;
}

/** `ARG A TARGETARCH B=$TARGETARCH`: is `name` declared by a word of this ARG before `offset` (in `args`)? */
function declaresBefore(instruction: Instruction, name: string, offset: number): boolean {
  const before = instruction.args.slice(0, offset);
  return new RegExp(`(?:^|\\s)${name}(?:=|\\s|$)`).test(before);
}

/** A `dotnet` call that builds for the target platform (`-a $TARGETARCH`, `-r linux-$TARGETARCH`, a RID worked out from it). */
export interface CrossTargetCall {
  readonly command: DotnetCommand;
  /** The option as written, for messages: `-a $TARGETARCH`. */
  readonly option: string;
}

const SENTINEL = '\u0001';
const ARCH_OPTIONS = new Set(['-a', '--arch', '-r', '--runtime', '--os']);

/** The dotnet calls of a stage's RUN steps that publish, build or restore for the target platform. */
export function crossTargetCalls(facts: StageFacts): CrossTargetCall[] {
  const calls: CrossTargetCall[] = [];
  for (const instruction of facts.stage.instructions) {
    if (instruction.name !== 'RUN' || !mentions(instruction, MENTIONS_TARGET_ARG) || !mentions(instruction, /dotnet/)) continue;
    const lookup = facts.lookupAt(instruction.span.start);
    // Read the call with the target ARGs standing for themselves, so the options show whether they use them.
    const values = { get: (name: string) => (TARGET_ARGS.has(name) ? `${SENTINEL}${name}${SENTINEL}` : (lookup.env(name) ?? lookup.arg(name))?.value) };
    for (const command of dotnetCommandsOf(facts.stage, instruction, values)) {
      if (command.verb !== 'publish' && command.verb !== 'build' && command.verb !== 'restore') continue;
      for (let i = 0; i < command.args.length; i++) {
        const word = command.args[i]!;
        const equals = word.startsWith('--') ? word.indexOf('=') : -1;
        const name = equals > 0 ? word.slice(0, equals) : word;
        if (!ARCH_OPTIONS.has(name)) continue;
        const valueIndex = equals > 0 ? i : i + 1;
        const value = equals > 0 ? word.slice(equals + 1) : command.args[i + 1];
        if (value === undefined) continue;
        // Worked out by the shell from $TARGETARCH (`-r $RID` after `case $TARGETARCH`): opaque, in a RUN that reads it.
        if (value.includes(SENTINEL) || command.opaque.has(valueIndex)) {
          calls.push({ command, option: `${name} ${value.replace(new RegExp(`${SENTINEL}([A-Z]+)${SENTINEL}`, 'g'), '$$$1') || '…'}` });
          break;
        }
      }
    }
  }
  return calls;
}

/** The `--platform` flag of a stage or of one it is built FROM (BuildKit builds a child stage for its parent's platform). */
export function platformFlagInChain(facts: StageFacts): Stage | undefined {
  for (const stage of facts.lineage()) if (stage.platform) return stage;
  return undefined;
}
