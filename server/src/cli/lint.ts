/**
 * `dotnet-dockerfile lint`: the same service and rules as the editor, over files on disk. Per file:
 * its config (nearest `.dotnet-dockerfile.json` or `--config`), its project facts (the .csproj next to
 * it), validation, and with `--fix` the safe fix-all edit applied until nothing changes, then written
 * atomically. Problems are reported in the chosen format; the exit code says whether any reached
 * `--fail-on`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createDotnetDockerfileService, type DotnetDockerfileService, type ProjectFacts } from '../service';
import { FIX_ALL_KIND } from '../protocol';
import { readProjectForDockerfile } from '../host/project/readProject';
import { readBuildContext } from '../host/buildContext';
import type { BuildContextFacts } from '../service/context';
import { writeFileAtomic } from '../host/io/atomicWrite';
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
  /** Messages for stderr: usage, configuration and I/O errors. */
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
  for (const file of found.files) {
    const config = configFor(file);
    if (!config) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      errors.push(`${displayPath(options.cwd, file)}: cannot read (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const root = file.startsWith(options.cwd + path.sep) ? options.cwd : undefined;
    const project = readProjectForDockerfile(file, text, { root }).facts;
    const buildContext = readBuildContext(file, root);
    const run = lintText(service, pathToFileURL(file).href, text, config, project, options.fix, buildContext);
    let fixed = false;
    if (run.text !== text) {
      try {
        writeFileAtomic(file, run.text);
        fixed = true;
      } catch (error) {
        errors.push(`${displayPath(options.cwd, file)}: cannot write the fixes (${error instanceof Error ? error.message : String(error)}); the file is unchanged`);
      }
    }
    // When the fixed text could not be written, report the problems of the file as it is on disk.
    const diagnostics = fixed || run.text === text ? run.diagnostics : lintText(service, pathToFileURL(file).href, text, config, project, false, buildContext).diagnostics;
    const problems = diagnostics.map(toProblem).sort((a, b) => a.line - b.line || a.column - b.column);
    reports.push({ file, displayPath: displayPath(options.cwd, file), problems, fixed });
  }

  const report: LintReport = { files: reports, rules: options.rules, toolVersion: options.toolVersion, cwd: options.cwd };
  const formats: Record<OutputFormat, (r: LintReport) => string> = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub };
  const output = formats[options.format](report);
  const threshold = severityRank(options.failOn);
  const failing = reports.some((r) => r.problems.some((p) => severityRank(p.severity) <= threshold));
  return { exitCode: errors.length > 0 ? 2 : failing ? 1 : 0, output, errors };
}
