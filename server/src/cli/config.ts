/**
 * `.dotnet-dockerfile.json`: rule severities and ignored paths for the CLI, found next to a Dockerfile or
 * in a parent folder (the nearest wins), or given with `--config`. Validated with zod; a bad file is an
 * error that names the file, the place in it, and what is wrong.
 *
 *   { "rules": { "shell-form-without-shell": "error", "untagged-image": "off" }, "ignore": ["samples/**"] }
 */
import path from 'node:path';
import * as z from 'zod';
import { SEVERITIES, type RuleSeverity } from '../service/diagnostics/settings';
import { readBoundedText } from '../host/io/boundedRead';
import { compileGlob } from './glob';

export const CONFIG_FILE_NAME = '.dotnet-dockerfile.json';

const configSchema = z.strictObject({
  $schema: z.string().optional(),
  rules: z.record(z.string(), z.enum(SEVERITIES)).optional(),
  ignore: z.array(z.string().min(1)).optional(),
});

export interface LintConfig {
  /** The file it came from; undefined for the built-in defaults. */
  readonly file: string | undefined;
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  /** Is this file excluded by the config's `ignore` globs (relative to the config's folder)? */
  ignores(file: string): boolean;
}

export const DEFAULT_CONFIG: LintConfig = { file: undefined, rules: {}, ignores: () => false };

export class ConfigError extends Error {}

/** `at position 42` → `line 3, column 7`, so a user can find a JSON syntax error. */
function jsonErrorWhere(text: string, message: string): string {
  const match = /position (\d+)/.exec(message);
  if (!match) return message;
  const before = text.slice(0, Number(match[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/\s*(?:in JSON )?at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: "rules", "ignore", "$schema")`;
  }
  if (issue.code === 'invalid_value' && issue.path[0] === 'rules') {
    return `${where}: expected one of ${SEVERITIES.join(', ')}`;
  }
  return `${where}: ${issue.message}`;
}

/**
 * Reads and validates a config file. `knownRules` (when given) turns a misspelt rule id into an error.
 * Throws `ConfigError` with a message that says what to fix.
 */
export function readConfig(file: string, knownRules?: ReadonlySet<string>): LintConfig {
  // A config file comes from the repository: a link to /dev/zero or a FIFO must not hang the run (issue 19).
  const read = readBoundedText(file);
  if (!read.ok) throw new ConfigError(`${file}: cannot read the config file (${read.reason})`);
  const text = read.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON: ${jsonErrorWhere(text, error instanceof Error ? error.message : String(error))}`);
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(`${file}: ${parsed.error.issues.slice(0, 5).map(describeIssue).join('; ')}`);
  }
  const rules = parsed.data.rules ?? {};
  if (knownRules) {
    const unknown = Object.keys(rules).filter((id) => !knownRules.has(id));
    if (unknown.length > 0) {
      throw new ConfigError(`${file}: rules: unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')} (known: ${[...knownRules].sort().join(', ')})`);
    }
  }
  const folder = path.dirname(path.resolve(file));
  const patterns = (parsed.data.ignore ?? []).map((glob, index) => {
    try {
      return compileGlob(glob.replace(/^\.\//, '').replace(/\/$/, '/**'));
    } catch (error) {
      throw new ConfigError(`${file}: ignore.${index}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return {
    file: path.resolve(file),
    rules,
    ignores(target: string): boolean {
      const relative = path.relative(folder, target).split(path.sep).join('/');
      if (relative.startsWith('../')) return false;
      return patterns.some((pattern) => pattern.test(relative));
    },
  };
}

/** Finds the nearest config file for Dockerfiles in `folder` (this folder or a parent), caching per folder. */
export class ConfigLocator {
  private readonly byFolder = new Map<string, string | undefined>();

  constructor(private readonly exists: (file: string) => boolean) {}

  find(folder: string): string | undefined {
    const resolved = path.resolve(folder);
    if (this.byFolder.has(resolved)) return this.byFolder.get(resolved);
    const candidate = path.join(resolved, CONFIG_FILE_NAME);
    const parent = path.dirname(resolved);
    const found = this.exists(candidate) ? candidate : parent === resolved ? undefined : this.find(parent);
    this.byFolder.set(resolved, found);
    return found;
  }
}
