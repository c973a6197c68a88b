/**
 * `dotnet-dockerfile`: the linter for CI and terminals, and catalog maintenance.
 *
 *   dotnet-dockerfile lint [paths or globs...] [--format text|json|sarif] [--fix] [--fail-on <severity>] [--config <file>] [--output <file>]
 *   dotnet-dockerfile init [project] [--output <path>] [--force]
 *   dotnet-dockerfile catalog refresh [--registry <url>] [--proxy <url>] [--no-strict-ssl] [--timeout <ms>] [--page-size <n>]
 *   dotnet-dockerfile catalog status
 *
 * Exit codes: 0 clean, 1 problems at or above --fail-on (or a failed refresh), 2 usage, configuration or I/O error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledCatalogPath } from '../host/catalogFile';
import { CACHED_CATALOG_FILE, loadNewestCatalog } from '../host/registry/catalogCache';
import { cacheFolder } from '../host/io/cacheFolder';
import { parseArgs, UsageError, type OptionSpec } from './args';
import { runCatalogRefresh, runCatalogStatus, type CommandOutcome } from './catalogCommand';
import { runLint, type OutputFormat } from './lint';
import { runInit } from './init';
import { writeReport } from './reportOutput';
import { SEVERITY_NAMES, type SeverityName } from './report';
import { ruleInfos } from './rules';
import { catalogAgeDays, OLD_CATALOG_DAYS, todayFrom } from '../protocol';

const USAGE = `usage: dotnet-dockerfile <command> [options]

commands:
  lint [paths or globs...]     check Dockerfiles (default: the current folder)
      --format, -f <format>    text (default), json, sarif (SARIF 2.1.0 for GitHub code scanning)
                               or github (annotations in GitHub Actions)
      --fix                    apply the safe fixes in place (atomic writes)
      --fail-on <severity>     exit 1 when a problem is at least this severe:
                               error (default), warning, information or hint
      --config, -c <file>      use this config instead of the nearest .dotnet-dockerfile.json
      --output, -o <file>      write the report to a file instead of stdout
  init [project]               write a Dockerfile and a .dockerignore for a .NET project (a .csproj,
                               .fsproj or .vbproj, or a folder with one; default: the current folder)
      --output, -o <path>      where the Dockerfile goes (a file, or a folder): default next to the project
      --force                  replace an existing Dockerfile or .dockerignore
      --no-catalog-age-warning do not say on stderr that the image catalog is over ${OLD_CATALOG_DAYS} days old
  catalog refresh              learn new .NET image tags from the registry (cached per user)
      --registry <url>         registry base URL (default https://mcr.microsoft.com, or $DOTNET_DOCKERFILE_REGISTRY)
      --proxy <url>            http proxy (default $HTTPS_PROXY / $HTTP_PROXY)
      --no-strict-ssl          accept any TLS certificate (behind an intercepting proxy)
      --timeout <ms>           per request (default 15000)
      --page-size <n>          tags per page (default 1000)
      --releases-index <url>   .NET release index for support phases and end-of-life dates (default
                               https://builds.dotnet.microsoft.com/dotnet/release-metadata/releases-index.json,
                               or $DOTNET_DOCKERFILE_RELEASES_INDEX); off: tags only
  catalog status               which catalog is used and when it was refreshed

  --help, -h                   this help
  --version, -v                the version, and the date of the image catalog in use

Folders are searched for Dockerfile, Dockerfile.*, *.dockerfile and Containerfile (not in node_modules or .git).
Globs support **, *, ?, [abc] and {a,b}; quote them so the shell does not expand them.
Exit codes: 0 no problems at --fail-on, 1 problems, 2 usage, configuration or I/O error.
`;

const LINT_OPTIONS: readonly OptionSpec[] = [
  { name: 'format', alias: 'f', value: true, choices: ['text', 'json', 'sarif', 'github'] },
  { name: 'fix', value: false },
  { name: 'fail-on', value: true, choices: SEVERITY_NAMES },
  { name: 'config', alias: 'c', value: true },
  { name: 'output', alias: 'o', value: true },
  { name: 'no-catalog-age-warning', value: false },
  { name: 'help', alias: 'h', value: false },
];

const INIT_OPTIONS: readonly OptionSpec[] = [
  { name: 'output', alias: 'o', value: true },
  { name: 'force', value: false },
  { name: 'help', alias: 'h', value: false },
];

const REFRESH_OPTIONS: readonly OptionSpec[] = [
  { name: 'registry', value: true },
  { name: 'proxy', value: true },
  { name: 'no-strict-ssl', value: false },
  { name: 'timeout', value: true },
  { name: 'page-size', value: true },
  { name: 'releases-index', value: true },
  { name: 'help', alias: 'h', value: false },
];

function toolVersion(): string {
  try {
    // dist/cli.js → ../package.json
    const data: unknown = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8'));
    const version = data && typeof data === 'object' ? (data as { version?: unknown }).version : undefined;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** `0.1.0`, then the catalog the linter would use: `.NET image catalog: 2026-08-21 (bundled)`. */
function versionText(): string {
  const catalog = loadNewestCatalog(bundledCatalogPath(), path.join(cacheFolder(), CACHED_CATALOG_FILE));
  const line = catalog.ok ? `.NET image catalog: ${catalog.index.date} (${catalog.origin === 'cache' ? 'refreshed' : 'bundled'})` : `.NET image catalog: unusable (${catalog.error})`;
  return `${toolVersion()}\n${line}\n`;
}

function positiveInteger(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`--${name} must be a positive whole number, not "${String(value)}"`);
  return number;
}

function lint(argv: readonly string[]): CommandOutcome {
  const { options, positionals } = parseArgs(argv, LINT_OPTIONS);
  if (options.has('help')) return { exitCode: 0, output: USAGE, errors: [] };
  const catalog = loadNewestCatalog(bundledCatalogPath(), path.join(cacheFolder(), CACHED_CATALOG_FILE));
  const errors = [...catalog.notes];
  if (!catalog.ok) errors.push(`${catalog.error}; tag checks are off`);
  const today = todayFrom(process.env);
  const age = catalog.ok ? catalogAgeDays(catalog.index.date, today) : 0;
  if (age > OLD_CATALOG_DAYS && !options.has('no-catalog-age-warning')) {
    errors.push(`the .NET image catalog is from ${catalog.ok ? catalog.index.date : '?'} (${age} days old): run \`dotnet-dockerfile catalog refresh\` or update dotnet-dockerfile (--no-catalog-age-warning silences this)`);
  }
  const outcome = runLint({
    paths: positionals,
    cwd: process.cwd(),
    format: (options.get('format') as OutputFormat | undefined) ?? 'text',
    fix: options.has('fix'),
    failOn: (options.get('fail-on') as SeverityName | undefined) ?? 'error',
    configFile: options.get('config') as string | undefined,
    catalog: catalog.ok ? catalog.index : undefined,
    rules: ruleInfos(),
    toolVersion: toolVersion(),
    // DOTNET_DOCKERFILE_TODAY fixes "today" for end-of-life checks too (tests, reproducible runs)
    ...(process.env.DOTNET_DOCKERFILE_TODAY ? { today: () => today } : {}),
  });
  const outputFile = options.get('output');
  if (typeof outputFile === 'string' && outcome.output !== '') {
    try {
      if (writeReport(outputFile, outcome.output).kind === 'stdout') return { ...outcome, errors: [...errors, ...outcome.errors] };
    } catch (error) {
      return { exitCode: 2, output: '', errors: [...errors, ...outcome.errors, `cannot write ${outputFile}: ${error instanceof Error ? error.message : String(error)}`] };
    }
    return { ...outcome, output: '', errors: [...errors, ...outcome.errors] };
  }
  return { ...outcome, errors: [...errors, ...outcome.errors] };
}

function init(argv: readonly string[]): CommandOutcome {
  const { options, positionals } = parseArgs(argv, INIT_OPTIONS);
  if (options.has('help')) return { exitCode: 0, output: USAGE, errors: [] };
  if (positionals.length > 1) throw new UsageError(`init takes one project (got ${positionals.join(' ')})`);
  const catalog = loadNewestCatalog(bundledCatalogPath(), path.join(cacheFolder(), CACHED_CATALOG_FILE));
  const outcome = runInit({
    project: positionals[0],
    output: options.get('output') as string | undefined,
    force: options.has('force'),
    cwd: process.cwd(),
    catalog: catalog.ok ? catalog.index : undefined,
  });
  return catalog.ok ? outcome : { ...outcome, errors: [`${catalog.error}; the images are chosen without the tag catalog`, ...outcome.errors] };
}

async function catalogCommand(argv: readonly string[]): Promise<CommandOutcome> {
  const [sub, ...rest] = argv;
  if (sub === 'status') {
    parseArgs(rest, [{ name: 'help', alias: 'h', value: false }]);
    return runCatalogStatus();
  }
  if (sub !== 'refresh') throw new UsageError(sub ? `unknown catalog command "${sub}" (refresh or status)` : 'catalog needs a command: refresh or status');
  const { options, positionals } = parseArgs(rest, REFRESH_OPTIONS);
  if (options.has('help')) return { exitCode: 0, output: USAGE, errors: [] };
  if (positionals.length > 0) throw new UsageError(`catalog refresh takes no arguments (got ${positionals.join(' ')})`);
  const registry = options.get('registry');
  if (typeof registry === 'string' && !/^https?:\/\/[^/]/.test(registry)) throw new UsageError(`--registry must be an http(s) URL, not "${registry}"`);
  const releasesIndex = options.get('releases-index');
  if (typeof releasesIndex === 'string' && releasesIndex !== 'off' && !/^https?:\/\/[^/]/.test(releasesIndex)) throw new UsageError(`--releases-index must be an http(s) URL or off, not "${releasesIndex}"`);
  return runCatalogRefresh({
    registry: typeof registry === 'string' ? registry : undefined,
    proxy: options.get('proxy') as string | undefined,
    strictSSL: !options.has('no-strict-ssl'),
    timeoutMs: positiveInteger(options.get('timeout'), 'timeout'),
    pageSize: positiveInteger(options.get('page-size'), 'page-size'),
    releasesIndex: typeof releasesIndex === 'string' ? releasesIndex : undefined,
    log: (line) => process.stderr.write(`${line}\n`),
  });
}

/** Runs the CLI with `argv` (without node and the script); never throws. */
export async function runCli(argv: readonly string[]): Promise<CommandOutcome> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) return { exitCode: 2, output: '', errors: [USAGE.trimEnd()] };
    if (command === '--help' || command === '-h' || command === 'help') return { exitCode: 0, output: USAGE, errors: [] };
    if (command === '--version' || command === '-v') return { exitCode: 0, output: versionText(), errors: [] };
    if (command === 'lint') return lint(rest);
    if (command === 'init') return init(rest);
    if (command === 'catalog') return await catalogCommand(rest);
    throw new UsageError(`unknown command "${command}" (lint, init or catalog)`);
  } catch (error) {
    if (error instanceof UsageError) return { exitCode: 2, output: '', errors: [`${error.message}\nRun \`dotnet-dockerfile --help\` for usage.`] };
    return { exitCode: 2, output: '', errors: [`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`] };
  }
}

async function main(): Promise<void> {
  const outcome = await runCli(process.argv.slice(2));
  for (const error of outcome.errors) process.stderr.write(`dotnet-dockerfile: ${error}\n`);
  // Set the code and let Node exit when stdout has drained (process.exit could cut a piped report short).
  process.exitCode = outcome.exitCode;
  if (outcome.output !== '') process.stdout.write(outcome.output);
}

void main();
