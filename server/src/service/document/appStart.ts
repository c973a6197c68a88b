/**
 * What a stage's container runs when it starts, in kinds the rules ask about, and what the final image is for.
 * The start command itself (ENTRYPOINT and CMD as Docker combines them) is stageFacts.ts's; this file only
 * reads its words:
 *  - `dotnet App.dll`: a framework-dependent app;
 *  - `./App`, `/app/App`: a native executable (a self-contained or AOT app, or the apphost of a framework-dependent
 *    one: the name alone cannot tell which);
 *  - `dotnet test`, `dotnet build`, `dotnet watch`, ...: the SDK itself;
 *  - `dotnet ef`, `dotnet script`, `dotnet-counters`, a global tool (`~/.dotnet/tools/...`): a .NET tool;
 *  - `bash`, `sh`, `pwsh`: a shell (a dev or CI image); `./entrypoint.sh`: a script we cannot read;
 *  - `C:\ServiceMonitor.exe w3svc`, `nginx`, `supervisord`: a server or supervisor that hosts the app (IIS, a proxy).
 *
 * An image whose start command is the SDK, a tool or a shell, or that starts nothing (a build or CI image), or a
 * dev container (`.devcontainer/`), is meant to carry the SDK: sdk-in-final-stage stays quiet there.
 */
import type { Stage } from './stages';
import type { StageFacts } from './stageFacts';

export type StartKind = 'dotnet-app' | 'native-app' | 'service-host' | 'sdk-command' | 'dotnet-tool' | 'shell' | 'script' | 'none' | 'unknown';

export interface AppStart {
  readonly kind: StartKind;
  /** The words as Docker would run them (ENTRYPOINT + CMD); undefined when a shell must read them, or nothing starts. */
  readonly words: readonly string[] | undefined;
  /** For `sdk-command`: the verb (`test`, `watch`); for `dotnet-tool`: the tool (`ef`, `dotnet-counters`). */
  readonly command: string | undefined;
}

export type ImagePurpose = 'app' | 'dev-container' | 'build' | 'tool' | 'dev' | 'unknown';

export interface FinalPurpose {
  readonly purpose: ImagePurpose;
  /** In words, for messages and tests: "a dev container (.devcontainer/)", "'dotnet test' as its start command". */
  readonly because: string;
}

/** `dotnet <verb>` commands that are the SDK's own (they need the SDK to run). */
export const SDK_VERBS: ReadonlySet<string> = new Set([
  'add', 'build', 'build-server', 'clean', 'dev-certs', 'format', 'list', 'msbuild', 'new', 'nuget', 'pack', 'publish', 'remove',
  'restore', 'run', 'sdk', 'sln', 'store', 'test', 'tool', 'user-secrets', 'vstest', 'watch', 'workload',
]);

/** Verbs of the `dotnet` host that work without an SDK. */
const HOST_VERBS: ReadonlySet<string> = new Set(['exec', 'help']);

const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'zsh', 'ash', 'dash', 'fish', 'pwsh', 'pwsh.exe', 'powershell', 'powershell.exe', 'cmd', 'cmd.exe', 'busybox']);
/** Servers and supervisors that host the app (IIS through ServiceMonitor, a proxy, a process supervisor). */
const SERVICE_HOSTS: ReadonlySet<string> = new Set(['servicemonitor.exe', 'servicemonitor', 'nginx', 'httpd', 'apache2', 'caddy', 'supervisord', 's6-svscan', 'traefik', 'envoy']);
/** Wrappers that start the real program: look past them. */
const WRAPPERS: ReadonlySet<string> = new Set(['tini', 'dumb-init', 'exec', 'gosu', 'su-exec', 'env']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const SCRIPT = /\.(?:sh|bash|ps1|py|pl|rb|js|cmd|bat)$/i;
/** Where `dotnet tool install -g` (or `--tool-path`) puts tools. */
const TOOL_FOLDER = /(?:^|\/)\.dotnet\/tools\//;

function basename(word: string): string {
  return word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1);
}

/**
 * How the words of a start command start the container. `toolPaths` gives the folders `dotnet tool install
 * --tool-path` used (asked only when the program could be such a tool: it reads the whole chain).
 */
export function classifyStart(words: readonly string[] | undefined, hasStart: boolean, toolPaths: () => readonly string[]): AppStart {
  if (!hasStart) return { kind: 'none', words: undefined, command: undefined };
  if (!words || words.length === 0) return { kind: 'unknown', words, command: undefined };
  let at = 0;
  while (at < words.length - 1 && (WRAPPERS.has(basename(words[at]!)) || words[at] === '--' || /^-/.test(words[at]!) || (at > 0 && ASSIGNMENT.test(words[at]!)))) at++;
  const program = words[at]!;
  const name = basename(program).toLowerCase();
  if (name === 'dotnet' || name === 'dotnet.exe') {
    const next = words[at + 1];
    // `ENTRYPOINT ["dotnet"]`: the .NET CLI itself, its command given at `docker run`.
    if (next === undefined) return { kind: 'dotnet-tool', words, command: 'dotnet' };
    if (next.startsWith('-')) return { kind: 'unknown', words, command: undefined };
    if (next.toLowerCase().endsWith('.dll')) return { kind: 'dotnet-app', words, command: undefined };
    const verb = next.toLowerCase();
    if (SDK_VERBS.has(verb)) return { kind: 'sdk-command', words, command: verb };
    if (HOST_VERBS.has(verb)) return { kind: 'dotnet-app', words, command: undefined };
    return { kind: 'dotnet-tool', words, command: verb };
  }
  if (SHELLS.has(name)) {
    // `sh -c "dotnet App.dll"` runs the app through a shell: what it runs is a script we do not read.
    const script = words.slice(at + 1).some((w) => w === '-c' || w === '/c' || w === '/C' || w === '-Command' || w === '-command' || SCRIPT.test(w));
    return { kind: script ? 'script' : 'shell', words, command: undefined };
  }
  if (SCRIPT.test(name)) return { kind: 'script', words, command: undefined };
  if (SERVICE_HOSTS.has(name)) return { kind: 'service-host', words, command: undefined };
  if (TOOL_FOLDER.test(program) || name.startsWith('dotnet-') || toolPaths().some((folder) => program.startsWith(`${folder.replace(/\/$/, '')}/`))) {
    return { kind: 'dotnet-tool', words, command: name };
  }
  return { kind: 'native-app', words, command: undefined };
}

/** The folders `dotnet tool install --tool-path <folder>` installs into in a stage's chain, and whether any global tool is installed. */
export function toolFolders(facts: StageFacts): readonly string[] {
  const folders: string[] = [];
  for (const stage of facts.lineage()) {
    for (const instruction of stage.instructions) {
      if (instruction.name !== 'RUN') continue;
      const text = instruction.args;
      if (!text.includes('tool-path')) continue;
      for (const match of text.matchAll(/--tool-path[= ]+["']?([^\s"';&|]+)/g)) folders.push(match[1]!);
    }
  }
  return folders;
}

/** Whether the document lives in a dev container folder (`.devcontainer/Dockerfile`). */
export function isDevContainerUri(uri: string): boolean {
  return /[/\\]\.devcontainer[/\\]/i.test(decodeURIComponentSafe(uri));
}

function decodeURIComponentSafe(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** What the final image is for, from its start command (and the document's folder). */
export function finalPurpose(uri: string, start: AppStart | undefined, finalStage: Stage | undefined): FinalPurpose {
  if (isDevContainerUri(uri)) return { purpose: 'dev-container', because: 'a dev container (.devcontainer/)' };
  if (!finalStage || !start) return { purpose: 'unknown', because: 'no final stage' };
  const said = start.words ? `'${start.words.slice(0, 3).join(' ')}'` : 'its start command';
  switch (start.kind) {
    case 'none':
      return { purpose: 'build', because: 'no ENTRYPOINT or CMD (a build or CI image)' };
    case 'sdk-command':
      if (start.command === 'watch') return { purpose: 'dev', because: `${said} as its start command (a development image)` };
      if (start.command === 'run') return { purpose: 'app', because: `${said} as its start command` };
      return { purpose: 'build', because: `${said} as its start command` };
    case 'dotnet-tool':
      return { purpose: 'tool', because: `${said} as its start command (a .NET tool)` };
    case 'shell':
      return { purpose: 'dev', because: `${said} as its start command (a shell)` };
    case 'dotnet-app':
    case 'native-app':
      return { purpose: 'app', because: `${said} as its start command` };
    default:
      return { purpose: 'unknown', because: said };
  }
}
