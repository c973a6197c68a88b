/**
 * What `dotnet-dockerfile-ls` does with its command line before it becomes a server: `--version` and `--help`
 * answer and exit; without a transport (`--stdio`, `--node-ipc`, `--socket=`, `--pipe=`) it prints its usage and
 * exits, 0 on a terminal (someone typed the name to see what it is) and 2 otherwise (a misconfigured editor:
 * the usage goes to stderr, where the editor's log shows it). Checked in dist/server.js before the server
 * bundle loads, so these answers cost no start-up.
 */
import { readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

export const SERVER_USAGE = `usage: dotnet-dockerfile-ls --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The .NET Dockerfile language server (LSP): completion, hover, diagnostics and quick fixes for Dockerfiles of
.NET apps. Editors start it with one of the transports above; see "Other editors" in the README.

  --help       this help
  --version    the version
`;

export interface CommandLineAnswer {
  readonly exitCode: 0 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const TRANSPORT = /^--(stdio|node-ipc|socket(=|$)|pipe(=|$)|clientProcessId(=|$))/;

/** The version in the package.json one folder above the bundle (dist/ → the package root). */
export function packageVersion(bundleFolder: string = __dirname): string {
  try {
    const data: unknown = JSON.parse(readFileSync(path.resolve(bundleFolder, '..', 'package.json'), 'utf8'));
    const version = data && typeof data === 'object' ? (data as { version?: unknown }).version : undefined;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The answer to give instead of starting the server, or undefined to start it. */
export function answerCommandLine(argv: readonly string[], stdinIsTerminal: boolean, version: () => string = packageVersion): CommandLineAnswer | undefined {
  if (argv.includes('--version') || argv.includes('-v')) return { exitCode: 0, stdout: `${version()}\n`, stderr: '' };
  if (argv.includes('--help') || argv.includes('-h')) return { exitCode: 0, stdout: SERVER_USAGE, stderr: '' };
  if (argv.some((a) => TRANSPORT.test(a))) return undefined;
  return stdinIsTerminal ? { exitCode: 0, stdout: SERVER_USAGE, stderr: '' } : { exitCode: 2, stdout: '', stderr: `dotnet-dockerfile-ls: no transport given\n${SERVER_USAGE}` };
}

/** Writes the answer and ends the process when there is one; returns to start the server otherwise. */
export function handleCommandLine(argv: readonly string[] = process.argv.slice(2)): void {
  const answer = answerCommandLine(argv, process.stdin.isTTY === true);
  if (!answer) return;
  // Synchronous writes (a few hundred bytes), so exit() cannot cut them short on any platform's pipes.
  if (answer.stdout) writeSync(1, answer.stdout);
  if (answer.stderr) writeSync(2, answer.stderr);
  process.exit(answer.exitCode);
}
