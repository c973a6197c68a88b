/**
 * Command-line parsing for `dotnet-dockerfile`: a command, options (`--name value`, `--name=value`, short
 * aliases), and positional arguments (`--` ends the options). Unknown options are usage errors, with
 * the nearest known option suggested.
 */

export interface OptionSpec {
  readonly name: string;
  readonly alias?: string;
  /** true when the option takes a value. */
  readonly value: boolean;
  /** Allowed values, checked here so every command reports them the same way. */
  readonly choices?: readonly string[];
}

export interface ParsedArgs {
  readonly options: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
}

export class UsageError extends Error {}

function distance(a: string, b: string): number {
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

function suggestion(name: string, specs: readonly OptionSpec[]): string {
  const best = specs.map((s) => ({ s, d: distance(name, s.name) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 3 ? ` (did you mean --${best.s.name}?)` : '';
}

/** Parses `argv` (without the command) against the option specs. Throws `UsageError`. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const [rawName = '', inlineValue] = long ? splitOnce(arg.slice(2), '=') : [arg.slice(1), undefined];
    const spec = specs.find((s) => (long ? s.name === rawName : s.alias === rawName));
    if (!spec) throw new UsageError(`unknown option ${arg}${long ? suggestion(rawName, specs) : ''}`);
    if (!spec.value) {
      if (inlineValue !== undefined) throw new UsageError(`--${spec.name} takes no value`);
      options.set(spec.name, true);
      continue;
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined || (inlineValue === undefined && value.startsWith('-') && value !== '-')) {
      throw new UsageError(`--${spec.name} needs a value${spec.choices ? ` (${spec.choices.join(', ')})` : ''}`);
    }
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`--${spec.name} must be one of ${spec.choices.join(', ')}, not "${value}"`);
    }
    options.set(spec.name, value);
  }
  return { options, positionals };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
