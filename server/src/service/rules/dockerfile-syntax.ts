/**
 * dockerfile-syntax: what BuildKit refuses before it builds anything, with its own words where it has them:
 *  - the parser's errors (a JSON array of non-strings, an unterminated heredoc, `ENV PATH` without a value, a bad
 *    `# escape=`), a file with no instructions;
 *  - an unknown instruction (`FORM`), missing arguments (`COPY app.dll`, `FROM a b`), an invalid stage name;
 *  - an instruction before the first FROM other than ARG ("no build stage in current context");
 *  - flags: unknown to the instruction, given twice, without a value, not true/false; `RUN --network`,
 *    `--security` and `--mount` values; HEALTHCHECK durations and retries;
 *  - `COPY --from` with a variable, or naming a stage that is not defined before the current one;
 *  - a stage name used twice (names compare without case): BuildKit warns (DuplicateStageName) and every
 *    `FROM <name>` / `--from=<name>` then means the last stage of that name, never the first;
 *  - an image name that ARG expansion makes longer than our limit (shell/expansion.ts).
 * Checked against BuildKit's own parser cases (test/fixtures/buildkit-parser). A `# syntax=` directive naming
 * another frontend turns the rule off (its grammar is its own); the labs channel may add flags, so unknown flags
 * are not reported there. Off when another extension already reports syntax errors (never twice).
 */
import type { Flag, Instruction, Span } from '../syntax/model';
import type { Finding, StageRule } from '../diagnostics/rule';
import type { Fix } from '../fixes/editKit';
import type { DockerfileModel } from '../document/model';
import { mountFields } from '../document/instructionFields';
import { bounded, quote } from '../texts/quote';
import { MAX_EXPANDED_LENGTH } from '../shell/expansion';

const INSTRUCTIONS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];
const KNOWN = new Set(INSTRUCTIONS);

type FlagType = 'string' | 'strings' | 'bool';
const FLAGS: Readonly<Record<string, Readonly<Record<string, FlagType>>>> = {
  ADD: { chown: 'string', chmod: 'string', link: 'bool', 'keep-git-dir': 'bool', checksum: 'string', unpack: 'bool', exclude: 'strings' },
  COPY: { chown: 'string', from: 'string', chmod: 'string', link: 'bool', exclude: 'strings', parents: 'bool' },
  FROM: { platform: 'string' },
  RUN: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  HEALTHCHECK: { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' },
};
const NETWORKS = new Set(['default', 'none', 'host']);
const SECURITY = new Set(['sandbox', 'insecure']);
const MOUNT_TYPES = new Set(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
const MOUNT_BARE_KEYS = new Set(['readonly', 'ro', 'readwrite', 'rw', 'required']);
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
/** Go's time.ParseDuration: a sequence of decimal numbers with units, or a bare 0. */
const DURATION = /^[-+]?(?:0|(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
const MAX_DURATION_LENGTH = 64;
const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** A `# syntax=` value that is BuildKit's own Dockerfile frontend (every version, the labs channel included). */
const DOCKERFILE_FRONTEND = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?(?::[^@\s]*)?(?:@sha256:[0-9a-f]+)?$/i;

/** Milliseconds of a Go duration that DURATION accepted. */
function durationMs(value: string): number {
  let total = 0;
  for (const match of value.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(match[1]) * DURATION_UNITS[match[2]!]!;
  return total;
}

/** Edit distance, for "did you mean FROM?" (bounded: instruction names are short). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 20) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggestion(keyword: string): string | undefined {
  const upper = keyword.toUpperCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of INSTRUCTIONS) {
    const d = distance(upper, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

const TWO_WORDS = /\S\s+\S/;

/** At least two arguments: two JSON strings, or two words split on whitespace (without building the words). */
function hasTwoArguments(instruction: Instruction): boolean {
  return instruction.execArgs ? instruction.execArgs.length >= 2 : TWO_WORDS.test(instruction.args);
}

class Checker {
  readonly findings: Finding[] = [];
  constructor(
    readonly model: DockerfileModel,
    readonly labs: boolean,
  ) {}

  report(span: Span, error: string, advice = '', fixes?: readonly Fix[]): void {
    this.findings.push({ span, message: `BuildKit refuses this Dockerfile: ${error}.${advice ? ` ${advice}` : ''}`, ...(fixes ? { fixes } : {}) });
  }

  instruction(instruction: Instruction, beforeFirstFrom: boolean): void {
    const name = instruction.name;
    if (!KNOWN.has(name)) {
      const near = suggestion(instruction.keyword);
      const fixes: Fix[] = near ? [{ title: `Change to ${near}`, edits: [{ ...instruction.keywordSpan, newText: near }], preferred: true }] : [];
      this.report(instruction.keywordSpan, `unknown instruction: ${bounded(instruction.keyword)}`, near ? `Did you mean ${near}?` : '', fixes);
      return;
    }
    if (instruction.error) {
      this.report(instruction.keywordSpan, bounded(instruction.error, 200));
      return;
    }
    if (beforeFirstFrom && name !== 'ARG') {
      this.report(instruction.keywordSpan, `${name} before the first FROM (no build stage in current context)`, 'Only ARG may come before the first FROM.');
      return;
    }
    if (name === 'HEALTHCHECK' && instruction.subcommand?.text.toUpperCase() === 'NONE') {
      // BuildKit reads no flags for HEALTHCHECK NONE, only that nothing follows it.
      if (instruction.args !== '' || instruction.execArgs) this.report(instruction.keywordSpan, 'HEALTHCHECK NONE takes no arguments');
      return;
    }
    if (!this.flags(instruction)) return;
    this.arguments(instruction);
  }

  /** The flags of an instruction; false when one is refused (BuildKit stops at the first). */
  flags(instruction: Instruction): boolean {
    if (instruction.flags.length === 0) return true;
    const allowed = FLAGS[instruction.name] ?? {};
    const used = new Set<string>();
    for (const flag of instruction.flags) {
      const written = `--${flag.name}`;
      const type = allowed[flag.name];
      if (!type) {
        if (this.labs) continue;
        const known = Object.keys(allowed);
        this.report(flag.span, `unknown flag: ${bounded(written)}`, known.length > 0 ? `${instruction.name} takes ${known.map((k) => `--${k}`).join(', ')}.` : `${instruction.name} takes no flags.`);
        return false;
      }
      if (used.has(flag.name) && type !== 'strings') {
        this.report(flag.span, `duplicate flag specified: ${written}`);
        return false;
      }
      used.add(flag.name);
      if (type === 'bool') {
        if (flag.value === '') return this.refuse(flag, `missing a value on flag: ${written}`);
        if (flag.value !== undefined && !['true', 'false'].includes(flag.value.toLowerCase())) return this.refuse(flag, `expecting boolean value for flag ${written}, not: ${bounded(flag.value)}`);
      } else if (flag.value === undefined) {
        return this.refuse(flag, `missing a value on flag: ${written}`);
      }
      if (!this.flagValue(instruction, flag)) return false;
    }
    return true;
  }

  refuse(flag: Flag, error: string, advice = ''): false {
    this.report(flag.span, error, advice);
    return false;
  }

  flagValue(instruction: Instruction, flag: Flag): boolean {
    const value = flag.value ?? '';
    if (instruction.name === 'RUN') {
      if (flag.name === 'network' && !NETWORKS.has(value)) return this.refuse(flag, `invalid network mode ${JSON.stringify(bounded(value))} (default, none or host)`);
      if (flag.name === 'security' && !SECURITY.has(value)) return this.refuse(flag, `security ${JSON.stringify(bounded(value))} is not valid (sandbox or insecure)`);
      if (flag.name === 'mount') return this.mount(flag);
    }
    if (instruction.name === 'HEALTHCHECK') {
      if (flag.name === 'retries') {
        if (!/^[-+]?\d+$/.test(value) || Math.abs(Number(value)) > 2 ** 31 - 1) return this.refuse(flag, `--retries ${JSON.stringify(bounded(value))} is not a number`);
        if (Number(value) < 0) return this.refuse(flag, `--retries cannot be negative (${value})`);
      } else if (value !== '') {
        // Durations are short; a long value is refused without asking the pattern (no backtracking on hostile input).
        if (value.length > MAX_DURATION_LENGTH || !DURATION.test(value)) return this.refuse(flag, `invalid duration ${JSON.stringify(bounded(value))} for --${flag.name} (write a unit: 30s, 1m30s, 500ms)`);
        const ms = durationMs(value);
        if (ms !== 0 && ms < 1) return this.refuse(flag, `Interval "${flag.name}" cannot be less than 1ms`);
      }
    }
    if (instruction.name === 'COPY' && flag.name === 'from' && /(^|[^\\])\$/.test(value)) {
      return this.refuse(flag, 'variable expansion is not supported for --from', 'Define a stage with FROM ${IMAGE} (an ARG before the first FROM) and copy from it.');
    }
    return true;
  }

  mount(flag: Flag): boolean {
    const text = this.model.syntax.text;
    const fields = mountFields(text, flag);
    for (const field of fields) {
      const written = text.slice(field.span.start, field.span.end);
      if (!written.includes('=') && !MOUNT_BARE_KEYS.has(field.key)) return this.refuse(flag, `invalid field ${JSON.stringify(bounded(written))} must be a key=value pair`);
      if (field.key === 'type' && !MOUNT_TYPES.has(field.value.toLowerCase())) return this.refuse(flag, `unsupported mount type ${JSON.stringify(bounded(field.value))} (bind, cache, tmpfs, secret or ssh)`);
      if (field.key === 'from' && field.value.includes('$')) return this.refuse(flag, "'from' doesn't support variable expansion, define alias stage instead");
    }
    return true;
  }

  arguments(instruction: Instruction): void {
    const name = instruction.name;
    const empty = instruction.args === '' && !instruction.execArgs;
    const none = empty || instruction.execArgs?.length === 0;
    switch (name) {
      case 'ENV':
      case 'LABEL':
      case 'EXPOSE':
      case 'VOLUME':
      case 'ARG':
      case 'ONBUILD':
      case 'HEALTHCHECK':
        if (none) return this.report(instruction.keywordSpan, `${name} requires at least one argument`);
        break;
      case 'MAINTAINER':
      case 'WORKDIR':
      case 'USER':
      case 'STOPSIGNAL':
        if (empty) return this.report(instruction.keywordSpan, `${name} requires exactly one argument`);
        break;
      case 'ADD':
      case 'COPY':
        if (!hasTwoArguments(instruction)) return this.report(instruction.keywordSpan, `${name} requires at least two arguments, but only one was provided. Destination could not be determined`);
        break;
      case 'SHELL':
        if (instruction.form !== 'exec') return this.report(instruction.keywordSpan, 'SHELL requires the arguments to be in JSON form', 'Write it as a JSON array: SHELL ["/bin/bash", "-c"].');
        if (none) return this.report(instruction.keywordSpan, 'SHELL requires at least one argument');
        break;
      default:
        break;
    }
    if (name === 'FROM') this.from(instruction);
    else if (name === 'ONBUILD') {
      const trigger = instruction.words[0]?.text.toUpperCase();
      if (trigger === 'ONBUILD') this.report(instruction.keywordSpan, 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      else if (trigger === 'FROM' || trigger === 'MAINTAINER') this.report(instruction.keywordSpan, `${trigger} isn't allowed as an ONBUILD trigger`);
    } else if (name === 'HEALTHCHECK') {
      const type = instruction.subcommand?.text.toUpperCase();
      if (type !== 'CMD') this.report(instruction.subcommand?.span ?? instruction.keywordSpan, `Unknown type ${JSON.stringify(bounded(instruction.subcommand?.text ?? ''))} in HEALTHCHECK (try CMD)`);
      else if (instruction.args === '' && !instruction.execArgs?.length) this.report(instruction.keywordSpan, 'Missing command after HEALTHCHECK CMD');
    } else if (name === 'VOLUME' && instruction.execArgs?.some((v) => v.trim() === '')) {
      this.report(instruction.keywordSpan, 'VOLUME specified can not be an empty string');
    } else if (name === 'ARG' && /(?:^|\s)=/.test(instruction.args)) {
      const blank = instruction.words.find((w) => w.text.startsWith('='));
      if (blank) this.report(blank.span, 'ARG names can not be blank');
    }
  }

  from(instruction: Instruction): void {
    const words = instruction.words;
    if (words.length === 3 && words[1]!.text.toLowerCase() === 'as') {
      const stageName = words[2]!.text.toLowerCase();
      if (!STAGE_NAME.test(stageName)) this.report(words[2]!.span, `invalid name for build stage: ${JSON.stringify(bounded(words[2]!.text))}, name can't start with a number or contain symbols`);
    } else if (words.length !== 1) {
      this.report(instruction.keywordSpan, 'FROM requires either one or three arguments', "Write 'FROM <image> [AS <name>]'.");
    }
  }

  /** Stage names, `COPY --from` targets and expanded image names: what BuildKit checks across the stages. */
  stages(): void {
    const stages = this.model.stages.stages;
    const seen = new Map<string, Instruction>();
    for (const stage of stages) {
      if (stage.name && stage.nameSpan && STAGE_NAME.test(stage.name.toLowerCase())) {
        const lower = stage.name.toLowerCase();
        const first = seen.get(lower);
        if (first) {
          const line = first.startLine + 1;
          this.findings.push({
            span: stage.nameSpan,
            message: `The stage name ${quote(stage.name)} is already used on line ${line} (stage names compare without case): BuildKit keeps the last stage of a name, so 'FROM ${lower}' and '--from=${lower}' never mean the one on line ${line} (BuildKit's DuplicateStageName; a build with checks as errors fails). Rename one of them.`,
          });
        } else seen.set(lower, stage.from);
      }
      if (stage.image?.overLimit) {
        this.report(stage.baseWord?.span ?? stage.from.keywordSpan, `the image name is longer than ${MAX_EXPANDED_LENGTH} characters once its ARGs are expanded`, 'BuildKit cannot pull such a name; check the ARG defaults it is built from.');
      }
      for (const instruction of stage.instructions) {
        if ((instruction.name !== 'COPY' && instruction.name !== 'ADD') || instruction.flags.length === 0) continue;
        const flag = instruction.flags.find((f) => f.name === 'from');
        if (!flag?.value || flag.value.includes('$')) continue;
        const value = flag.value;
        if (/^\d+$/.test(value)) {
          const index = Number(value);
          if (index >= stages.length) this.report(flag.span, `invalid stage index ${index}`, `This Dockerfile has ${stages.length} stage${stages.length === 1 ? '' : 's'} (counted from 0).`);
          else if (index >= stage.index) this.report(flag.span, `cannot copy from stage ${JSON.stringify(value)}, it needs to be defined before current stage`);
          continue;
        }
        const target = this.model.stages.stageByName(value);
        if (target && target.index >= stage.index) this.report(flag.span, `cannot copy from stage ${JSON.stringify(bounded(value))}, it needs to be defined before current stage ${JSON.stringify(bounded(stage.name ?? `stage-${stage.index}`))}`);
      }
    }
  }
}

/** The checker for this document, or undefined when its `# syntax=` names a frontend other than Dockerfile's. */
function checkerOf(model: DockerfileModel): Checker | undefined {
  const frontend = model.syntax.directives.find((d) => d.name === 'syntax');
  if (frontend && !DOCKERFILE_FRONTEND.test(frontend.value.trim())) return undefined;
  return new Checker(model, !!frontend && /labs/i.test(frontend.value));
}

export const dockerfileSyntax: StageRule = {
  id: 'dockerfile-syntax',
  defaultSeverity: 'error',
  summary: 'What BuildKit refuses before building: an unknown instruction, missing arguments, bad flags or durations, an instruction before the first FROM, a duplicate stage name.',
  generalSyntax: true,
  /** Each instruction of the stage, its FROM included. */
  checkStage({ model }, stage) {
    const checker = checkerOf(model);
    if (!checker) return [];
    checker.instruction(stage.from, false);
    for (const instruction of stage.instructions) checker.instruction(instruction, false);
    return checker.findings;
  },
  /** The parser directives, the instructions before the first FROM, and what BuildKit checks across the stages. */
  checkDocument({ model }) {
    const syntax = model.syntax;
    const checker = checkerOf(model);
    if (!checker) return [];
    for (const directive of syntax.directives) {
      if (directive.error) checker.report(directive.span, bounded(directive.error, 200));
    }
    if (syntax.instructions.length === 0) {
      const firstLineEnd = syntax.text.search(/\r?\n|$/);
      checker.report({ start: 0, end: Math.max(0, firstLineEnd) }, 'file with no instructions', 'A Dockerfile needs at least a FROM.');
      return checker.findings;
    }
    for (const instruction of model.stages.preamble) checker.instruction(instruction, true);
    checker.stages();
    return checker.findings;
  },
};
