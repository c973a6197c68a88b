// Which paths a RUN step creates or writes, so that after moving it into a build stage a
// `COPY --from=<stage>` can bring exactly those paths back. This reads commands the way a person skims
// them (mkdir, touch, `> file`, `curl -o`, `wget -O`, `tar -C`, `dotnet publish -o`, ...). It is a
// heuristic, not a shell: whatever it does not understand makes the answer incomplete, and the fix then
// asks the user to complete the COPY instead of guessing. (shellWords answers the different question of
// exact argv for the exec-form rewrite, and refuses everything a shell does; here those are the point.)
import { parseCommands, type KnownValues, type SimpleCommand } from '../shell/scriptCommands';
import { normalizePath } from '../document/environment';

export interface StepOutputs {
  /** Absolute paths the steps leave behind, outermost only, temporary directories left out. */
  readonly paths: readonly string[];
  /** False when some command's effect on the file system could not be read. */
  readonly complete: boolean;
}

/** Reads the outputs of steps run in order, starting in `workdir` (undefined when it is not known). */
export function stepOutputs(scripts: readonly (string | readonly string[])[], workdir: string | undefined, variables: KnownValues): StepOutputs {
  const state = new OutputState(workdir);
  for (const script of scripts) {
    // Each RUN starts again in the WORKDIR: a `cd` does not outlive its step.
    state.cwd = workdir;
    const commands = typeof script === 'string' ? parseCommands(script, variables) : [{ words: [...script], redirectTargets: [], opaque: new Set<number>() }];
    for (const command of commands) state.run(command);
  }
  return state.result();
}

const TEMPORARY = /^\/(tmp|var\/tmp|dev|proc)(\/|$)/;
const NO_FILES = new Set(['echo', 'printf', 'true', ':', 'ls', 'cat', 'test', '[', 'set', 'export', 'sleep', 'exit', 'pwd', 'id', 'whoami', 'env', 'which', 'grep', 'sed', 'head', 'tail', 'wc', 'sort', 'uname', 'date']);
const PATH_ARGS = new Set(['mkdir', 'touch', 'chmod', 'chown', 'chgrp']);

class OutputState {
  cwd: string | undefined;
  private readonly outputs: string[] = [];
  private complete = true;

  constructor(workdir: string | undefined) {
    this.cwd = workdir;
  }

  result(): StepOutputs {
    const paths = [...new Set(this.outputs)].filter((p) => !TEMPORARY.test(p)).sort();
    const outermost = paths.filter((p) => !paths.some((other) => other !== p && (other === '/' || p.startsWith(`${other}/`))));
    return { paths: outermost, complete: this.complete };
  }

  run(command: SimpleCommand): void {
    for (const target of command.redirectTargets) this.add(target, false);
    let words = command.words;
    let opaque = command.opaque;
    // `VAR=x cmd`, `sudo cmd`, `env VAR=x cmd`: the program is further right.
    let skip = 0;
    while (skip < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[skip]!) || words[skip] === 'sudo' || words[skip] === 'env')) skip++;
    if (skip) {
      words = words.slice(skip);
      opaque = new Set([...opaque].map((i) => i - skip).filter((i) => i >= 0));
    }
    if (words.length === 0) return;
    if (opaque.has(0)) return this.unknown();
    const program = words[0]!.slice(words[0]!.lastIndexOf('/') + 1);
    const args = words.slice(1);
    const arg = (i: number): string | undefined => (opaque.has(i + 1) ? undefined : args[i]);
    const operands = args.map((a, i) => ({ text: a, index: i })).filter((a) => !a.text.startsWith('-'));
    const operand = (o: { index: number }): string | undefined => arg(o.index);

    if (program === 'cd') {
      const target = operands[0] ? operand(operands[0]) : undefined;
      this.cwd = target === undefined ? undefined : this.resolve(target);
      return;
    }
    if (NO_FILES.has(program)) return;
    if (PATH_ARGS.has(program)) {
      // chmod/chown take a mode/owner first; what follows is modified, so it must come back too.
      const paths = program === 'mkdir' || program === 'touch' ? operands : operands.slice(1);
      for (const p of paths) this.add(operand(p), false);
      return;
    }
    if (program === 'cp' || program === 'ln' || program === 'mv') {
      const last = operands[operands.length - 1];
      if (operands.length < 2 || !last) return this.unknown();
      if (program === 'mv') for (const source of operands.slice(0, -1)) this.remove(operand(source));
      this.add(operand(last), false);
      return;
    }
    if (program === 'rm') {
      for (const p of operands) this.remove(operand(p));
      return;
    }
    if (program === 'curl') return this.add(optionValue(args, arg, ['-o', '--output']), true);
    if (program === 'wget') {
      const file = optionValue(args, arg, ['-O', '--output-document']);
      if (file !== undefined) return this.add(file, false);
      const dir = optionValue(args, arg, ['-P', '--directory-prefix']);
      return dir !== undefined ? this.add(dir, false) : this.unknown();
    }
    if (program === 'tar') {
      const extracting = args.some((a) => a === '--extract' || a === '--get' || /^-?[a-zA-Z]*x/.test(a) && !a.startsWith('--'));
      const option = extracting ? optionValue(args, arg, ['-C', '--directory']) : optionValue(args, arg, ['-f', '--file']);
      return option !== undefined ? this.add(option, false) : this.unknown();
    }
    if (program === 'unzip') {
      const dir = optionValue(args, arg, ['-d']);
      return dir !== undefined ? this.add(dir, false) : this.unknown();
    }
    if (program === 'dotnet') {
      const sub = args[0];
      if (sub === 'publish' || sub === 'build') return this.add(optionValue(args, arg, ['-o', '--output']), false);
      if (sub === 'tool' && args[1] === 'install') return this.add(optionValue(args, arg, ['--tool-path']), false);
      return this.unknown();
    }
    if (program === 'git' && args[0] === 'clone') {
      const rest = operands.filter((o) => o.index > 0);
      const dir = rest[1] ? operand(rest[1]) : rest[0] ? basename(operand(rest[0]))?.replace(/\.git$/, '') : undefined;
      return this.add(dir, false);
    }
    this.unknown();
  }

  private unknown(): void {
    this.complete = false;
  }

  private resolve(path: string): string | undefined {
    if (path.startsWith('/')) return normalizePath(path);
    if (this.cwd === undefined) return undefined;
    return normalizePath(`${this.cwd}/${path}`);
  }

  /** Records an output; `optional` when the command may well write to stdout instead (curl without -o). */
  private add(path: string | undefined, optional: boolean): void {
    if (path === undefined) {
      if (!optional) this.unknown();
      return;
    }
    if (path === '-' || path.startsWith('/dev/')) return;
    const resolved = this.resolve(path);
    if (resolved === undefined) return this.unknown();
    this.outputs.push(resolved);
  }

  /** `rm`/`mv` of something the step made is fine; of something the image had, no COPY can repeat it. */
  private remove(path: string | undefined): void {
    const resolved = path === undefined ? undefined : this.resolve(path);
    if (resolved === undefined) return this.unknown();
    const before = this.outputs.length;
    for (let i = this.outputs.length - 1; i >= 0; i--) {
      const output = this.outputs[i]!;
      if (output === resolved || output.startsWith(`${resolved}/`)) this.outputs.splice(i, 1);
    }
    if (this.outputs.length === before && !TEMPORARY.test(resolved)) this.unknown();
  }
}

/** The value of `-o X`, `-oX`, `--output X` or `--output=X`; undefined when absent or unreadable. */
function optionValue(args: readonly string[], arg: (i: number) => string | undefined, names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    for (const name of names) {
      if (a === name) return arg(i + 1);
      if (name.startsWith('--') && a.startsWith(`${name}=`)) return arg(i) === undefined ? undefined : a.slice(name.length + 1);
      if (!name.startsWith('--') && a.startsWith(name) && a.length > name.length && !a.startsWith('--')) return arg(i) === undefined ? undefined : a.slice(name.length);
    }
  }
  return undefined;
}

function basename(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const path = url.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name && !name.includes(':') ? name : undefined;
}
