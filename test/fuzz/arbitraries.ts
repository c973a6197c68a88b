/**
 * Inputs for the service properties: arbitrary text (all of UTF-16, NULs and lone surrogates included),
 * Dockerfile "token soup" that reaches deep into the parser and the rules, real Dockerfiles with random
 * edits, positions anywhere (past the end too), ranges, project facts and settings.
 */
import fc from 'fast-check';
import type { Position, Range } from 'vscode-languageserver-types';
import type { ProjectFacts } from '../../server/src/service';
import type { ServiceSettings } from '../../server/src/service/diagnostics/settings';
import type { CorpusFile } from './corpus';

/** Pieces of Dockerfiles that matter to a .NET-aware service, and the characters that break naive parsers. */
const TOKENS = [
  'FROM ', 'from ', 'RUN ', 'CMD ', 'ENTRYPOINT ', 'COPY ', 'ADD ', 'ARG ', 'ENV ', 'WORKDIR ', 'USER ', 'EXPOSE ', 'HEALTHCHECK ', 'SHELL ',
  'ONBUILD ', 'LABEL ', 'STOPSIGNAL ', 'VOLUME ', 'MAINTAINER ',
  'mcr.microsoft.com/dotnet/', 'mcr.microsoft.com/dotnet/nightly/', 'microsoft/dotnet:', 'mcr.microsoft.com/dotnet/core/sdk:',
  'sdk', 'aspnet', 'runtime', 'runtime-deps', 'monitor', 'aspire-dashboard', 'samples', ':', '10.0', '9.0', '8.0', '11.0-preview', '2.1',
  '-noble', '-chiseled', '-extra', '-composite', '-alpine', '-alpine3.24', '-azurelinux3.0', '-distroless', '-jammy', '-bookworm-slim',
  '-nanoserver-ltsc2022', '-aot', '@sha256:', 'a'.repeat(64), ' AS ', ' as ', 'build', 'final', '--platform=', '$BUILDPLATFORM', '$TARGETARCH',
  '--from=', '--link ', '--chown=app:app ', '--mount=type=cache,target=/root/.nuget/packages ', '--network=none ',
  'dotnet publish -c Release -o /app', 'dotnet restore', 'dotnet app.dll', './app', 'apt-get install -y curl', 'sh -c ', 'bash', '/bin/sh',
  '["dotnet", "app.dll"]', '["./app"]', '[', ']', '"', "'", '`', ',', '=', '\\', '\\\n', '\n', '\r\n', '\r', ' ', '\t', '#', '# escape=`\n',
  '# syntax=docker/dockerfile:1\n', '<<EOF\n', '<<-EOT\n', 'EOF\n', '$', '${', '}', '${TAG:-10.0}', '${TAG}', 'TAG=10.0 ', '8080', '80', '$APP_UID',
  'CMD ["executable","param1"]', 'HEALTHCHECK CMD curl -f http://localhost/ || exit 1', '\u0000', '\ufeff', '\u2028', 'é', '😀', '\ud800', '\udc00',
];

const token = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) });

const glue = (...parts: fc.Arbitrary<string>[]): fc.Arbitrary<string> => fc.tuple(...parts).map((p) => p.join(''));
const maybe = (part: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof(fc.constant(''), part);
const oneOf = (...values: string[]): fc.Arbitrary<string> => fc.constantFrom(...values);

/** Image references near the .NET ones: real repositories and tags, mixed and truncated. */
const image = glue(
  oneOf('mcr.microsoft.com/dotnet/', 'mcr.microsoft.com/dotnet/nightly/', 'mcr.microsoft.com/dotnet/core/', 'microsoft/', 'docker.io/library/', ''),
  oneOf('sdk', 'aspnet', 'runtime', 'runtime-deps', 'monitor', 'aspire-dashboard', 'dotnet', 'ubuntu', 'alpine', 'build', '$BASE'),
  maybe(glue(oneOf(':'), oneOf('10.0', '9.0', '8.0', '11.0-preview', '6.0', '2.1', '3.1', 'latest', '$TAG', '${TAG}', '10.0.1', '10'), maybe(oneOf('-noble', '-alpine', '-alpine3.24', '-azurelinux3.0', '-jammy', '-bookworm-slim', '-nanoserver-ltsc2022', '-')), maybe(oneOf('-chiseled', '-distroless', '-extra', '-composite', '-aot', '-chiseled-extra')))),
  maybe(oneOf('@sha256:' + 'a'.repeat(64), '@sha256:')),
);

/** One instruction line, structured enough to reach the rules and the fixes. */
const line = fc.oneof(
  glue(oneOf('FROM ', 'from ', 'FROM --platform=$BUILDPLATFORM '), image, maybe(glue(oneOf(' AS ', ' as '), oneOf('build', 'final', 'base', 'publish')))),
  glue(oneOf('CMD ', 'ENTRYPOINT ', 'RUN ', 'HEALTHCHECK CMD ', 'SHELL '), oneOf('dotnet app.dll', '["dotnet", "app.dll"]', './app --urls http://+:80', 'apt-get update && apt-get install -y curl', '["./app"]', 'echo $HOME', 'curl -f http://localhost/ || exit 1', '["/bin/sh", "-c", "echo hi"]', "['dotnet', 'app.dll']")),
  glue(oneOf('COPY ', 'COPY --link ', 'ADD '), maybe(oneOf('--from=build ', '--from=0 ', '--from=mcr.microsoft.com/dotnet/sdk:10.0 ', '--chown=app:app ')), oneOf('/app .', '. .', '*.csproj ./')),
  glue(oneOf('ARG ', 'ENV '), oneOf('TAG', 'BASE', 'DOTNET_VERSION', 'ASPNETCORE_HTTP_PORTS', 'ASPNETCORE_URLS', 'DOTNET_SYSTEM_GLOBALIZATION_INVARIANT'), maybe(glue(oneOf('=', ' '), oneOf('10.0', '80', 'http://+:80', 'true', 'false', 'mcr.microsoft.com/dotnet/aspnet:10.0')))),
  glue(oneOf('EXPOSE ', 'USER ', 'WORKDIR '), oneOf('80', '443', '8080', '$APP_UID', 'root', 'app', '/app')),
  glue(oneOf('RUN dotnet publish', 'RUN dotnet restore', 'RUN dotnet build'), maybe(oneOf(' -c Release', ' -o /app', ' App.csproj', ' -r linux-x64', ' --self-contained', ' -p:PublishAot=true'))),
  fc.array(token, { maxLength: 8 }).map((parts) => parts.join('')),
);

/** Dockerfile-shaped noise: lines of instructions with random tokens in and between them. */
export const soupText = fc
  .array(fc.tuple(line, fc.array(token, { maxLength: 2 }), oneOf('\n', '\n', '\n', '\r\n', ' \\\n', '\n\n')), { maxLength: 25 })
  .map((lines) => lines.map(([text, noise, end]) => text + noise.join('') + end).join(''));

/** A UTF-16 string of every kind, lone surrogates and control characters included. */
export const anyText = fc.string({ maxLength: 400, unit: 'binary' });

export interface Edit {
  /** Where, as a fraction of the text length, so one edit list fits every text. */
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

/** An edit of Dockerfile pieces (images, flags, commands, ports) anywhere, removing up to 400 characters. */
export const tokenEdit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 12 }), fc.nat({ max: 400 })),
  insert: fc.oneof(fc.constant(''), token, fc.array(token, { maxLength: 6 }).map((parts) => parts.join(''))),
});

/** Text that moves instruction boundaries: continuations, newlines of every kind, heredocs, directives, comments. */
const INSERTS = [
  '\\', '`', '\n', '\r', '\r\n', ' \\\n', '\\\n', ' ', '\t', '#', '# c\n', '# escape=`\n', '<<EOF\n', 'EOF\n', '<<-EOT ', '\tEOT\n',
  'RUN x', 'FROM a AS b\n', 'ONBUILD RUN <<EOF\n', 'COPY --from=b . .\n', 'ARG A=1\n', '"', "'", '[', ']', '$A', '${A:-x}', '\ufeff', 'é',
];

/**
 * An edit where incremental parsing is put to the test: anywhere along the text, inserting what moves instruction
 * boundaries (the incremental parse and incremental answers properties).
 */
export const boundaryEdit: fc.Arbitrary<Edit> = fc.record({
  // fast-check's doubles lean to the ends (0, 1 and next to them), where nothing is taken over before or after
  // the edit: half the edits land anywhere along the text instead.
  at: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 10_000 }).map((n) => n / 10_000)),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 80 })),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...INSERTS), fc.array(fc.constantFrom(...INSERTS), { maxLength: 4 }).map((parts) => parts.join(''))),
});

/** Applies edits one after another, as typing would. */
export function applyTextEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const e of edits) {
    const at = Math.min(result.length, Math.floor(e.at * (result.length + 1)));
    result = result.slice(0, at) + e.insert + result.slice(Math.min(result.length, at + e.remove));
  }
  return result;
}

/** A real Dockerfile from the corpus after zero to eight random edits. */
export function editedCorpus(corpus: readonly CorpusFile[]): fc.Arbitrary<{ name: string; text: string }> {
  return fc.tuple(fc.constantFrom(...corpus), fc.array(tokenEdit, { maxLength: 8 })).map(([file, edits]) => ({ name: file.name, text: applyTextEdits(file.text, edits) }));
}

/** A position: mostly inside the text (by offset), sometimes anywhere, past the end included. */
export function positionIn(text: string): fc.Arbitrary<Position> {
  const lines = text.split(/\r\n|\r|\n/);
  const inside = fc.nat({ max: lines.length - 1 }).chain((line) => fc.nat({ max: lines[line]!.length }).map((character) => ({ line, character })));
  const anywhere = fc.record({ line: fc.nat({ max: lines.length + 3 }), character: fc.nat({ max: 200 }) });
  // Positions no editor should send, but a broken client might: the service must not answer NaN ranges.
  const extreme = fc.constantFrom(
    { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
    { line: 0, character: 2 ** 31 - 1 },
    { line: lines.length, character: 0 },
    { line: -1, character: -1 },
    { line: 0.5, character: 1.5 },
  );
  // Line ends are where people type: completion lives there.
  const lineEnd = fc.nat({ max: lines.length - 1 }).map((line) => ({ line, character: lines[line]!.length }));
  // Right after a completion trigger character (`:`, `/`, `-`, `=`, `@`): where editors ask for completion.
  const triggers: Position[] = [];
  lines.forEach((text, line) => {
    for (let character = 0; character < text.length; character++) if (':/-=@'.includes(text[character]!)) triggers.push({ line, character: character + 1 });
  });
  const afterTrigger = triggers.length > 0 ? fc.constantFrom(...triggers) : lineEnd;
  return fc.oneof(
    { weight: 5, arbitrary: inside },
    { weight: 3, arbitrary: lineEnd },
    { weight: 4, arbitrary: afterTrigger },
    { weight: 2, arbitrary: anywhere },
    { weight: 1, arbitrary: extreme },
  );
}

export function rangeIn(text: string): fc.Arbitrary<Range> {
  return fc.tuple(positionIn(text), positionIn(text)).map(([a, b]) => (a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a }));
}

const version = fc.constantFrom('8.0', '9.0', '10.0', '11.0', '3.1', undefined);

export const projectFacts: fc.Arbitrary<ProjectFacts | undefined> = fc.option(
  fc.record({
    projectFile: fc.constantFrom('/src/App/App.csproj', 'App.csproj'),
    targetVersion: version,
    isWeb: fc.boolean(),
    publishAot: fc.boolean(),
    selfContained: fc.boolean(),
    invariantGlobalization: fc.option(fc.boolean(), { nil: undefined }),
    runtimeIdentifier: fc.constantFrom(undefined, 'linux-x64', 'linux-musl-arm64', 'win-x64'),
    containerFamily: fc.constantFrom(undefined, 'noble-chiseled', 'alpine', 'azurelinux3.0-distroless'),
  }),
  { nil: undefined, freq: 3 },
);

const severity = fc.constantFrom('error', 'warning', 'information', 'hint', 'off') as fc.Arbitrary<'error' | 'warning' | 'information' | 'hint' | 'off'>;

/** Rule settings as users write them: mostly none, sometimes a few overrides (unknown rule ids included). */
export function settingsFor(ruleIds: readonly string[]): fc.Arbitrary<ServiceSettings> {
  const id = fc.constantFrom(...ruleIds, 'no-such-rule');
  return fc.oneof({ weight: 3, arbitrary: fc.constant({ rules: {} }) }, { weight: 1, arbitrary: fc.dictionary(id, severity, { maxKeys: 4 }).map((rules) => ({ rules })) });
}

/** Dates around the end-of-life boundaries of 8.0 / 9.0 (2026-11-10), the catalog date, and far future. */
export const today = fc.constantFrom('2026-11-22', '2026-08-21', '2026-11-09', '2026-11-10', '2030-01-01', '2024-01-01');
