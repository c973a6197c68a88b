/**
 * Generates realistic multi-stage .NET Dockerfiles of an exact line count for the benchmark: SDK build stages
 * that restore and publish, chiseled / distroless / Alpine finals, shell-form instructions, backslash
 * continuations, comments, ARGs and COPY --from. Deterministic for a given seed, so both servers (and every
 * run) see the same text.
 *
 * The file carries three marked sites, placed in the middle stage so neither end of the file is favoured:
 * a tag being typed (`FROM mcr.microsoft.com/dotnet/aspnet:10.0-`), an image reference to hover, and a RUN
 * line where the benchmark edits. Sites are marked with `§` in the source and found with the marker helper,
 * never by counted columns.
 */
import type { Position } from 'vscode-languageserver-types';
import { marked } from '../helpers/markers';

export interface BenchDocument {
  readonly text: string;
  readonly lineCount: number;
  /** Right after `aspnet:10.0-` in a FROM being typed. */
  readonly completion: Position;
  /** Inside the tag of a complete image reference. */
  readonly hover: Position;
  /** Inside a RUN line; the benchmark inserts and deletes a character here. */
  readonly edit: Position;
}

const SITE = '§';

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same Dockerfile everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SDKS = ['sdk:$DOTNET_VERSION-noble', 'sdk:10.0-noble', 'sdk:10.0', 'sdk:9.0-alpine', 'sdk:8.0-jammy', 'sdk:10.0-azurelinux3.0'];
/** Finals with a shell: shell-form CMD is fine here. */
const SHELL_FINALS = ['aspnet:10.0-noble', 'aspnet:10.0-alpine', 'runtime:10.0', 'aspnet:9.0-bookworm-slim'];
/** Finals without /bin/sh: the realistic mistakes (shell-form CMD) happen here. */
const SHELLLESS_FINALS = [
  'aspnet:10.0-noble-chiseled',
  'aspnet:10.0-noble-chiseled-extra',
  'runtime-deps:10.0-noble-chiseled',
  'aspnet:10.0-azurelinux3.0-distroless',
  'runtime:8.0-jammy-chiseled',
];

interface StageOptions {
  readonly index: number;
  readonly sites: boolean;
  /** Leave out the optional parts (a test step, an apt-get layer): the one service of a file under 60 lines. */
  readonly compact?: boolean;
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** One service: an SDK build stage and a final stage, 30-45 lines. */
function serviceBlock(next: () => number, { index, sites, compact = false }: StageOptions): string[] {
  const name = `Service${index}`;
  const drawnSdk = pick(next, SDKS);
  const sdk = sites ? `sdk:10.0-no${SITE}ble` : drawnSdk;
  const shellless = next() < 0.5;
  // Always draw, so the marked block consumes the same random numbers as its unmarked twin.
  const drawnFinal = pick(next, shellless ? SHELLLESS_FINALS : SHELL_FINALS);
  const final = sites ? 'aspnet:10.0-' : drawnFinal;
  const lines: string[] = [
    `# ---- ${name}: build and publish ----`,
    `FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/${sdk} AS build-${index}`,
    'ARG TARGETARCH',
    'ARG CONFIGURATION=Release',
    `WORKDIR /src/${name}`,
    '',
    '# Copy project files and restore as distinct layers',
    `COPY --link src/${name}/*.csproj ./`,
    'COPY --link Directory.Build.props Directory.Packages.props NuGet.config ../',
    `RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \\`,
    `    dotnet restore -a $TARGETARCH ${name}.csproj`,
    '',
    '# Copy the sources and publish the app',
    `COPY --link src/${name}/. .`,
    sites ? `RUN echo "publishing ${name}${SITE}" && \\` : `RUN echo "publishing ${name}" && \\`,
    `    dotnet publish ${name}.csproj \\`,
    '        -a $TARGETARCH \\',
    '        -c $CONFIGURATION \\',
    '        --no-restore \\',
    '        -o /app',
    '',
  ];
  if (next() < 0.4 && !compact) {
    lines.push('# Run the unit tests in the build stage', `RUN dotnet test ../tests/${name}.Tests/${name}.Tests.csproj -c $CONFIGURATION`, '');
  }
  const finalStage = `final-${index}`;
  lines.push(
    `# ---- ${name}: runtime ----`,
    sites ? `FROM mcr.microsoft.com/dotnet/${final}${SITE} AS ${finalStage}` : `FROM mcr.microsoft.com/dotnet/${final} AS ${finalStage}`,
    `ENV ASPNETCORE_HTTP_PORTS=8080 \\`,
    '    DOTNET_gcServerMode=0 \\',
    `    SERVICE_NAME=${name.toLowerCase()}`,
    'EXPOSE 8080',
    'WORKDIR /app',
    `COPY --link --from=build-${index} /app .`,
  );
  if (!shellless && next() < 0.5 && !compact) {
    lines.push('RUN apt-get update \\', '    && apt-get install -y --no-install-recommends curl \\', '    && rm -rf /var/lib/apt/lists/*');
  }
  lines.push('USER $APP_UID');
  // Half the shell-less finals carry the classic mistake: a shell-form command where there is no shell.
  if (next() < 0.5) lines.push(`CMD dotnet ${name}.dll --urls http://+:8080`);
  else lines.push(`ENTRYPOINT ["./${name}"]`);
  lines.push('');
  return lines;
}

const TOOLS = ['dotnet-trace', 'dotnet-counters', 'dotnet-dump', 'dotnet-gcdump', 'dotnet-ef', 'dotnet-sos'];

/** Fills the last lines with a diagnostics-tools stage (a realistic tail, not filler comments). */
function toolsStage(count: number): string[] {
  if (count <= 0) return [];
  if (count < 3) return Array.from({ length: count }, (_, i) => `# end of file (${i + 1})`);
  const lines = ['# ---- diagnostics tools, for debugging sessions only ----', 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS tools'];
  for (let i = 0; lines.length < count; i++) {
    const tool = TOOLS[i % TOOLS.length]!;
    lines.push(i % 4 === 3 ? `# ${tool} is pinned to match the SDK; bump it with the SDK` : `RUN dotnet tool install --tool-path /tools ${tool} --version 9.0.${i}`);
  }
  return lines;
}

const HEADER = [
  '# syntax=docker/dockerfile:1',
  '# escape=\\',
  '# A monorepo of .NET services, each built in an SDK stage and shipped on the smallest image that runs it.',
  '# Learn about building .NET container images: https://github.com/dotnet/dotnet-docker/blob/main/samples/README.md',
  'ARG DOTNET_VERSION=10.0',
  'ARG BUILD_CONFIGURATION=Release',
  '',
];

/** The header of a file under 60 lines: the directive and the version ARG, no comments. */
const SHORT_HEADER = ['# syntax=docker/dockerfile:1', 'ARG DOTNET_VERSION=10.0', ''];

/** The smallest file a .NET service is written in: one build and one final stage, padded to the count with a tools stage. */
const MIN_LINES = 40;

/**
 * A Dockerfile of exactly `lineCount` lines (at least 40): services until the count is nearly reached,
 * padded with a tools stage. The marked sites sit in the middle service. Under 60 lines it is one service
 * without its optional parts (the size most Dockerfiles have); from 60 lines on the text is as it always was.
 */
export function generateDockerfile(lineCount: number, seed = 7): BenchDocument {
  if (!Number.isInteger(lineCount) || lineCount < MIN_LINES) throw new Error(`generateDockerfile: ${lineCount} lines is too few for a multi-stage .NET file; ask for at least ${MIN_LINES}`);
  if (lineCount < 60) return withSites([...SHORT_HEADER, ...serviceBlock(random(seed), { index: 1, sites: true, compact: true })], lineCount);
  const next = random(seed);
  // First draw every service without sites to know how many fit, then redraw with the same seed and mark the middle one.
  const blocks: string[][] = [];
  let total = HEADER.length;
  for (;;) {
    const block = serviceBlock(next, { index: blocks.length + 1, sites: false });
    if (total + block.length > lineCount) break;
    blocks.push(block);
    total += block.length;
  }
  const middle = Math.floor(blocks.length / 2);
  const redraw = random(seed);
  const lines = [...HEADER];
  for (let i = 0; i < blocks.length; i++) {
    const block = serviceBlock(redraw, { index: i + 1, sites: i === middle });
    lines.push(...block);
  }
  return withSites(lines, lineCount);
}

/** Pads `lines` to `lineCount` and finds the three marked sites. */
function withSites(lines: string[], lineCount: number): BenchDocument {
  lines.push(...toolsStage(lineCount - lines.length));
  const source = lines.join('\n') + '\n';
  const doc = marked(source, 'file:///bench/Dockerfile', SITE);
  if (doc.offsets.length !== 3) throw new Error(`generateDockerfile: expected 3 sites, found ${doc.offsets.length}`);
  // Marker order follows the text: the SDK tag (hover), the RUN line (edit), the tag being typed (completion).
  return { text: doc.text, lineCount, hover: doc.position(0), edit: doc.position(1), completion: doc.position(2) };
}
