/**
 * `dotnet-dockerfile lint`: the same service and rules as the editor, over files on disk. Per file:
 * its config (nearest `.dotnet-dockerfile.json` or `--config`), its project facts (the .csproj next to
 * it), validation, and with `--fix` the safe fix-all edit applied until nothing changes, then written
 * atomically. Problems are reported in the chosen format; the exit code says whether any reached
 * `--fail-on`.
 *
 * Input is hostile until bounded (issue 19): a Dockerfile is read only when it is a regular file of at most
 * 4 MB, a project that cannot be read is named and the file is linted without it, one file that fails never
 * stops the others, and `--fix` writes back only what it can write byte for byte, over the real target of a
 * link, only if the file is unchanged since it was read, never a read-only file or one with hard links
 * (host/io/replaceIfUnchanged.ts); each file it leaves alone is named with the reason.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createDotnetDockerfileService, type DotnetDockerfileService, type ProjectFacts } from '../service';
import { FIX_ALL_KIND } from '../protocol';
import { readProjectForDockerfile } from '../host/project/readProject';
import { readBuildContext } from '../host/buildContext';
import type { BuildContextFacts } from '../service/context';
import { MAX_DOCKERFILE_BYTES, readBoundedFile } from '../host/io/boundedRead';
import { replaceIfUnchanged } from '../host/io/replaceIfUnchanged';
import { ConfigError, ConfigLocator, DEFAULT_CONFIG, readConfig, type LintConfig } from './config';
import { findDockerfiles } from './files';
import { formatJson } from './formatJson';
import { formatGithub } from './formatGithub';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { severityRank, toProblem, type FileReport, type LintReport, type RuleInfo, type SeverityName } from './report';
import type { CatalogIndex } from '../service/catalog/catalogIndex';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';

export interface LintOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly format: OutputFormat;
  readonly fix: boolean;
  readonly failOn: SeverityName;
  /** `--config`: one config for every file instead of the nearest one. */
  readonly configFile: string | undefined;
  readonly catalog: CatalogIndex | undefined;
  readonly rules: readonly RuleInfo[];
  readonly toolVersion: string;
  readonly today?: () => string;
}

export interface LintOutcome {
  readonly exitCode: 0 | 1 | 2;
  /** The formatted report (empty when the run stopped on a usage error). */
  readonly output: string;
  /**
   * Messages for stderr: usage, configuration and I/O errors (these make the exit code 2), then notes that do
   * not (a project that could not be read, a file `--fix` left alone and why).
   */
  readonly errors: readonly string[];
}

/** Passes of fix-all: it applies non-overlapping fixes per pass, so a few passes reach a fixed point. */
const MAX_FIX_PASSES = 10;

function applyEdit(document: TextDocument, edit: WorkspaceEdit | undefined): string | undefined {
  if (!edit) return undefined;
  const edits: TextEdit[] = [...(edit.changes?.[document.uri] ?? [])];
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === document.uri) {
      for (const e of change.edits) if ('newText' in e) edits.push({ range: e.range, newText: e.newText });
    }
  }
  return edits.length === 0 ? undefined : TextDocument.applyEdits(document, edits);
}

interface FileRun {
  readonly text: string;
  readonly diagnostics: Diagnostic[];
}

function lintText(service: DotnetDockerfileService, uri: string, text: string, config: LintConfig, project: ProjectFacts | undefined, fix: boolean, buildContext?: BuildContextFacts): FileRun {
  // The CLI is the only checker in CI: dockerfile-syntax always reports.
  const request = { settings: { rules: config.rules }, project, buildContext };
  let current = text;
  for (let pass = 0; ; pass++) {
    const document = TextDocument.create(uri, 'dockerfile', pass + 1, current);
    const model = service.parse(document);
    const diagnostics = service.validate(model, request);
    if (!fix || pass >= MAX_FIX_PASSES || diagnostics.length === 0) return { text: current, diagnostics };
    const whole = { start: { line: 0, character: 0 }, end: document.positionAt(current.length) };
    const action = service.codeActions(model, whole, { diagnostics, only: [FIX_ALL_KIND] }, request).find((a) => a.kind === FIX_ALL_KIND);
    const next = applyEdit(document, action?.edit);
    if (next === undefined || next === current) return { text: current, diagnostics };
    current = next;
  }
}

function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

export function runLint(options: LintOptions): LintOutcome {
  const errors: string[] = [];
  const knownRules = new Set(options.rules.map((r) => r.id));
  const locator = new ConfigLocator(existsSync);
  const configs = new Map<string, LintConfig>();
  let explicit: LintConfig | undefined;
  try {
    explicit = options.configFile ? readConfig(path.resolve(options.cwd, options.configFile), knownRules) : undefined;
  } catch (error) {
    return { exitCode: 2, output: '', errors: [error instanceof ConfigError ? error.message : String(error)] };
  }
  /** The config of a file; a broken config file is an error once, and its files are not linted. */
  const configFor = (file: string): LintConfig | undefined => {
    if (explicit) return explicit;
    const configFile = locator.find(path.dirname(file));
    if (!configFile) return DEFAULT_CONFIG;
    if (!configs.has(configFile)) {
      try {
        configs.set(configFile, readConfig(configFile, knownRules));
      } catch (error) {
        errors.push(error instanceof ConfigError ? error.message : String(error));
        return undefined;
      }
    }
    return configs.get(configFile);
  };

  const found = findDockerfiles(options.paths, options.cwd, (file) => configFor(file)?.ignores(file) ?? false);
  if (found.errors.length > 0 || errors.length > 0) return { exitCode: 2, output: '', errors: [...errors, ...found.errors] };
  if (found.files.length === 0) {
    const where = options.paths.length > 0 ? options.paths.join(', ') : '.';
    return { exitCode: 2, output: '', errors: [`no Dockerfile found in ${where} (looked for Dockerfile, Dockerfile.*, *.dockerfile, Containerfile)`] };
  }

  const service = createDotnetDockerfileService({ catalog: options.catalog, ...(options.today ? { today: options.today } : {}) });
  const reports: FileReport[] = [];
  const notes: string[] = [];
  for (const file of found.files) {
    const config = configFor(file);
    if (!config) continue;
    const shown = displayPath(options.cwd, file);
    try {
      const report = lintFile(service, file, shown, config, options, errors, notes);
      if (report) reports.push(report);
    } catch (error) {
      // One file must never stop the others: it is reported, the run goes on, and the exit code says so.
      errors.push(`${shown}: could not be checked (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  const report: LintReport = { files: reports, rules: options.rules, toolVersion: options.toolVersion, cwd: options.cwd };
  const formats: Record<OutputFormat, (r: LintReport) => string> = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub };
  const output = formats[options.format](report);
  const threshold = severityRank(options.failOn);
  const failing = reports.some((r) => r.problems.some((p) => severityRank(p.severity) <= threshold));
  return { exitCode: errors.length > 0 ? 2 : failing ? 1 : 0, output, errors: [...errors, ...notes] };
}

/** Strict UTF-8 (a BOM kept as U+FEFF): undefined when the bytes are not UTF-8, so they can be left alone. */
function decodeExactly(bytes: Buffer): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The workspace of a file: the working directory when the file is under it. Projects are never read outside
 * it (without one, not above the three folders over the Dockerfile), and `--fix` never writes outside it
 * (without one, outside the file's folder) even through a link.
 */
function workspaceOf(file: string, cwd: string): string | undefined {
  return file.startsWith(cwd + path.sep) ? cwd : undefined;
}

/** Lints (and with --fix fixes) one file; errors and notes are pushed for stderr. */
function lintFile(service: DotnetDockerfileService, file: string, shown: string, config: LintConfig, options: LintOptions, errors: string[], notes: string[]): FileReport | undefined {
  const read = readBoundedFile(file, MAX_DOCKERFILE_BYTES);
  if (!read.ok) {
    errors.push(`${shown}: cannot read (${read.reason})`);
    return undefined;
  }
  const exact = decodeExactly(read.bytes);
  const text = exact ?? read.bytes.toString('utf8');
  const root = workspaceOf(file, options.cwd);
  const project = readProjectForDockerfile(file, text, { root });
  for (const problem of project.problems) notes.push(`${shown}: ${problem}; its project rules use what could be read`);
  const buildContext = readBuildContext(file, root);
  const uri = pathToFileURL(file).href;
  const run = lintText(service, uri, text, config, project.facts, options.fix, buildContext);
  let fixed = false;
  if (run.text !== text) {
    if (exact === undefined) {
      notes.push(`${shown}: not fixed: it is not valid UTF-8, and fixing it would change bytes it does not understand`);
    } else {
      try {
        const outcome = replaceIfUnchanged(file, read, Buffer.from(run.text, 'utf8'), root ?? path.dirname(file));
        if (outcome.written) fixed = true;
        else notes.push(`${shown}: not fixed: ${outcome.reason}`);
      } catch (error) {
        errors.push(`${shown}: cannot write the fixes (${error instanceof Error ? error.message : String(error)}); the file is unchanged`);
      }
    }
  }
  // When the fixed text was not written, report the problems of the file as it is on disk.
  const diagnostics = fixed || run.text === text ? run.diagnostics : lintText(service, uri, text, config, project.facts, false, buildContext).diagnostics;
  const problems = diagnostics.map(toProblem).sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, displayPath: shown, problems, fixed };
}
