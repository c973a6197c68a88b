// What a RUN step does to its stage's file system, read from its commands the way a person skims them: the paths
// it creates or writes (mkdir, touch, `> file`, `curl -o`, `wget -O`, `tar -C`, `dotnet publish -o`, ...), the
// paths it reads (the sources `dotnet publish` builds, what `cp` copies, the script `./configure` is), and the
// packages it installs with a package manager. It is a heuristic, not a shell: whatever it does not understand makes
// the answer incomplete (`complete`, `readsKnown`), and readers then ask the user or offer nothing instead of
// guessing. (shellWords answers the different question of exact argv for the exec-form rewrite, and refuses
// everything a shell does; here those are the point.) products.ts reads it per instruction for the build model.
import { parseCommands, type KnownValues, type SimpleCommand } from '../shell/scriptCommands';
import { normalizePath } from './environment';

export interface StepOutputs {
  /** Absolute paths the steps leave behind as their result, outermost only, temporary directories left out. */
  readonly paths: readonly string[];
  /** False when some command's effect on the file system could not be read. */
  readonly complete: boolean;
}

export interface StepEffects extends StepOutputs {
  /**
   * What a `dotnet` build writes beside its result (the project's `obj`, and `bin` when the result goes elsewhere):
   * needed by later builds of the same project, not part of the result.
   */
  readonly intermediates: readonly string[];
  /** Absolute paths the steps read from the file system (a folder: anything in it), outermost only. */
  readonly reads: readonly string[];
  /** False when a command may read what cannot be told (a program we do not know reads its working directory, at least). */
  readonly readsKnown: boolean;
  /** The folders of the projects `dotnet restore|build|publish|test|pack` builds (what "the sources" are). */
  readonly projects: readonly string[];
  /** Packages installed with a package manager (`apt-get install -y curl` → `curl`). */
  readonly packages: readonly string[];
  /** True when every command is package-manager work (update, install, clean, removing its lists and caches). */
  readonly onlyPackageManagement: boolean;
}

/** Reads the outputs of steps run in order, starting in `workdir` (undefined when it is not known). */
export function stepOutputs(scripts: readonly (string | readonly string[])[], workdir: string | undefined, variables: KnownValues): StepOutputs {
  const { paths, complete } = stepEffects(scripts, workdir, variables);
  return { paths, complete };
}

/** Everything a sequence of steps does, starting each in `workdir` (undefined when it is not known). */
export function stepEffects(scripts: readonly (string | readonly string[])[], workdir: string | undefined, variables: KnownValues): StepEffects {
  const state = new EffectState(workdir);
  for (const script of scripts) {
    // Each RUN starts again in the WORKDIR: a `cd` does not outlive its step.
    state.cwd = workdir;
    for (const command of commandsOf(script, variables)) state.run(command);
  }
  return state.result();
}

/** The simple commands of a script; an exec-form `["sh", "-c", "<script>"]` is that script. */
function commandsOf(script: string | readonly string[], variables: KnownValues): SimpleCommand[] {
  if (typeof script === 'string') return parseCommands(script, variables);
  const program = script[0]?.slice(script[0].lastIndexOf('/') + 1);
  if ((program === 'sh' || program === 'bash') && script[1] === '-c' && script[2] !== undefined) return parseCommands(script[2], variables);
  return [{ words: [...script], redirectTargets: [], opaque: new Set<number>() }];
}

const TEMPORARY = /^\/(tmp|var\/tmp|dev|proc)(\/|$)/;
/** NuGet's and the SDK's caches in a home folder: written by every restore, never part of a result. */
const CACHES = /^\/(root|home\/[^/]+)\/(\.nuget|\.dotnet|\.local\/share\/NuGet|\.cache)(\/|$)/;
/** Commands that write no file. */
const NO_WRITES = new Set(['echo', 'printf', 'true', ':', 'ls', 'cat', 'test', '[', 'set', 'export', 'sleep', 'exit', 'pwd', 'id', 'whoami', 'env', 'which', 'grep', 'sed', 'head', 'tail', 'wc', 'sort', 'uname', 'date']);
/** ...and of those, the ones that read no file either. */
const NO_READS = new Set(['echo', 'printf', 'true', ':', 'set', 'export', 'sleep', 'exit', 'pwd', 'id', 'whoami', 'env', 'which', 'uname', 'date']);
/** Commands whose first operand is not a file (a pattern, a script). */
const PATTERN_FIRST = new Set(['grep', 'sed']);
const PATH_ARGS = new Set(['mkdir', 'touch', 'chmod', 'chown', 'chgrp']);
/** Package managers and the word that installs with each. */
const PACKAGE_MANAGERS: Readonly<Record<string, string>> = { 'apt-get': 'install', apt: 'install', apk: 'add', tdnf: 'install', dnf: 'install', yum: 'install', microdnf: 'install' };
/** Where package managers keep their lists and caches (`rm -rf /var/lib/apt/lists/*` is part of installing). */
const PACKAGE_CACHES = /^\/var\/(lib\/apt\/lists|cache\/(apt|apk|tdnf|dnf|yum))(\/|$)/;
/** `dotnet` verbs that build a project, and what each leaves as its result when `-o` does not say. */
const DOTNET_BUILDS: Readonly<Record<string, 'bin' | 'none'>> = { publish: 'bin', build: 'bin', pack: 'bin', restore: 'none', test: 'none' };
/** `dotnet` options that take a value (so the value is not taken for the project). */
const DOTNET_VALUE_OPTIONS = new Set(['-o', '--output', '-c', '--configuration', '-r', '--runtime', '-a', '--arch', '--os', '-f', '--framework', '-s', '--source', '-v', '--verbosity', '--version-suffix', '--packages', '--configfile', '-l', '--logger', '--filter', '--settings', '--results-directory', '--collect', '--property', '-p']);

class EffectState {
  cwd: string | undefined;
  private readonly outputs: string[] = [];
  private readonly intermediates: string[] = [];
  private readonly reads: string[] = [];
  private readonly projects: string[] = [];
  private readonly packages: string[] = [];
  private complete = true;
  private readsKnown = true;
  private onlyPackageManagement = true;
  private commands = 0;

  constructor(workdir: string | undefined) {
    this.cwd = workdir;
  }

  result(): StepEffects {
    return {
      paths: outermost(this.outputs.filter((p) => !TEMPORARY.test(p) && !CACHES.test(p))),
      complete: this.complete,
      intermediates: outermost(this.intermediates),
      reads: outermost(this.reads.filter((p) => !TEMPORARY.test(p))),
      readsKnown: this.readsKnown,
      projects: [...new Set(this.projects)].sort(),
      packages: [...new Set(this.packages)],
      onlyPackageManagement: this.commands > 0 && this.onlyPackageManagement,
    };
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
    this.commands++;
    if (opaque.has(0)) {
      this.onlyPackageManagement = false;
      this.readsCwd();
      return this.unknown();
    }
    const program = words[0]!.slice(words[0]!.lastIndexOf('/') + 1);
    const args = words.slice(1);
    const arg = (i: number): string | undefined => (opaque.has(i + 1) ? undefined : args[i]);
    const operands = args.map((a, i) => ({ text: a, index: i })).filter((a) => !a.text.startsWith('-'));
    const operand = (o: { index: number }): string | undefined => arg(o.index);

    if (program in PACKAGE_MANAGERS) return this.packageManager(program, args, arg);
    if (program === 'rm' && operands.length > 0 && operands.every((o) => PACKAGE_CACHES.test(o.text))) return;
    this.onlyPackageManagement = false;

    if (program === 'cd') {
      const target = operands[0] ? operand(operands[0]) : undefined;
      this.cwd = target === undefined ? undefined : this.resolve(target);
      return;
    }
    if (NO_WRITES.has(program)) {
      if (!NO_READS.has(program)) for (const o of operands.slice(PATTERN_FIRST.has(program) ? 1 : 0)) this.read(operand(o));
      return;
    }
    if (PATH_ARGS.has(program)) {
      // chmod/chown take a mode/owner first; what follows is modified, so it must be there and must come back too.
      const paths = program === 'mkdir' || program === 'touch' ? operands : operands.slice(1);
      for (const p of paths) {
        if (program !== 'mkdir' && program !== 'touch') this.read(operand(p));
        this.add(operand(p), false);
      }
      return;
    }
    if (program === 'cp' || program === 'ln' || program === 'mv') {
      const last = operands[operands.length - 1];
      if (operands.length < 2 || !last) return this.unknown();
      for (const source of operands.slice(0, -1)) if (program !== 'ln') this.read(operand(source));
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
      const extracting = args.some((a) => a === '--extract' || a === '--get' || (/^-?[a-zA-Z]*x/.test(a) && !a.startsWith('--')));
      const file = optionValue(args, arg, ['-f', '--file']) ?? clusteredValue(args, arg, 'f');
      if (extracting) this.read(file);
      else this.readsCwd();
      const option = extracting ? optionValue(args, arg, ['-C', '--directory']) : file;
      return option !== undefined ? this.add(option, false) : this.unknown();
    }
    if (program === 'unzip') {
      this.read(operands[0] ? operand(operands[0]) : undefined);
      const dir = optionValue(args, arg, ['-d']);
      return dir !== undefined ? this.add(dir, false) : this.unknown();
    }
    if (program === 'dotnet') return this.dotnet(args, arg);
    if (program === 'git' && args[0] === 'clone') {
      const rest = operands.filter((o) => o.index > 0);
      const dir = rest[1] ? operand(rest[1]) : rest[0] ? basename(operand(rest[0]))?.replace(/\.git$/, '') : undefined;
      return this.add(dir, false);
    }
    // A program we do not know: it is read, and it may read and write anything (its working directory, at least).
    if (words[0]!.includes('/')) this.read(words[0]);
    this.readsCwd();
    this.unknown();
  }

  private packageManager(program: string, args: readonly string[], arg: (i: number) => string | undefined): void {
    const verb = args.findIndex((a) => !a.startsWith('-'));
    if (verb < 0 || args[verb] !== PACKAGE_MANAGERS[program]) {
      // update, clean, upgrade: nothing of the stage's own; the image's package lists change.
      if (verb >= 0 && args[verb] === 'upgrade') this.unknown();
      return;
    }
    for (let i = verb + 1; i < args.length; i++) {
      const raw = args[i]!;
      if (raw.startsWith('-')) continue;
      // A version pin may hold a wildcard (`curl=7.*`); the name before it is still plain.
      const name = arg(i) ?? (/^[\w.+-]+[=<>]/.test(raw) ? raw : undefined);
      if (name === undefined) this.unknown();
      else this.packages.push(name.replace(/[=<>].*$/, ''));
    }
    // What a package puts where is the package's business: the outputs are not known.
    this.unknown();
  }

  private dotnet(args: readonly string[], arg: (i: number) => string | undefined): void {
    const sub = args[0];
    if (sub === 'tool' && args[1] === 'install') return this.add(optionValue(args, arg, ['--tool-path']), false);
    const result = sub === undefined ? undefined : DOTNET_BUILDS[sub];
    if (!result) {
      this.readsCwd();
      return this.unknown();
    }
    let project: string | undefined;
    let projectKnown = true;
    for (let i = 1; i < args.length; i++) {
      const a = args[i]!;
      if (DOTNET_VALUE_OPTIONS.has(a)) {
        i++;
        continue;
      }
      if (a.startsWith('-') || a.startsWith('/')) continue;
      if (arg(i) === undefined) projectKnown = false;
      else project ??= a;
      break;
    }
    const resolved = !projectKnown ? undefined : project === undefined ? this.cwd : this.resolve(project);
    // A project or solution file builds its folder; a folder builds itself.
    const folder = resolved === undefined ? undefined : /\.(cs|fs|vb)proj$|\.slnx?$/i.test(resolved) ? normalizePath(`${resolved}/..`) : resolved;
    if (folder === undefined) {
      this.readsKnown = false;
      return this.unknown();
    }
    this.projects.push(folder);
    this.reads.push(folder);
    const output = optionValue(args, arg, ['-o', '--output']);
    const outputGiven = args.some((a) => a === '-o' || a === '--output' || a.startsWith('--output=') || (a.startsWith('-o') && !a.startsWith('--')));
    this.intermediates.push(`${folder === '/' ? '' : folder}/obj`);
    if (outputGiven) {
      this.add(output, false);
      if (sub === 'publish' || sub === 'pack') this.intermediates.push(`${folder === '/' ? '' : folder}/bin`);
    } else if (result === 'bin') this.outputs.push(`${folder === '/' ? '' : folder}/bin`);
    else if (sub === 'test') this.intermediates.push(`${folder === '/' ? '' : folder}/bin`);
  }

  private unknown(): void {
    this.complete = false;
  }

  /** The command may read anything in its working directory (run from `/`, it reads what it names, not the whole tree). */
  private readsCwd(): void {
    if (this.cwd === undefined) this.readsKnown = false;
    else if (this.cwd !== '/') this.reads.push(this.cwd);
  }

  private read(path: string | undefined): void {
    if (path === undefined) {
      this.readsCwd();
      return;
    }
    if (path === '-' || path.startsWith('/dev/')) return;
    const resolved = this.resolve(path);
    if (resolved === undefined) this.readsKnown = false;
    else this.reads.push(resolved);
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

/** Sorted, without duplicates, and without paths inside another one of the list. */
function outermost(list: readonly string[]): string[] {
  const paths = [...new Set(list)].sort();
  return paths.filter((p) => !paths.some((other) => other !== p && (other === '/' || p.startsWith(`${other}/`))));
}

/** True when one path is the other or lies inside it: what one writes, the other may read. */
export function overlaps(a: string, b: string): boolean {
  return a === b || a === '/' || b === '/' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** True when `path` is `folder` or lies inside it. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || folder === '/' || path.startsWith(`${folder}/`);
}

/** The value of a one-letter option at the end of a cluster (`tar -xzf file.tgz`); undefined when absent or unreadable. */
function clusteredValue(args: readonly string[], arg: (i: number) => string | undefined, letter: string): string | undefined {
  const at = args.findIndex((a) => /^-?[a-zA-Z]+$/.test(a) && !a.startsWith('--') && a.endsWith(letter) && a.replace(/^-/, '').length > 1);
  return at < 0 ? undefined : arg(at + 1);
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
