/**
 * Pathological Dockerfile shapes for the hostile suite's generated cases (issue 19): repetition, nesting,
 * expansion, size, deep continuation, huge words, many stages and binary junk. Each arbitrary draws a few
 * parameters (a seed, a count, a variant) and builds the text from them, so a failing case is printed and
 * rebuilt from a handful of numbers, and fast-check never holds megabytes of generated arrays. Every text is
 * at most MAX_TEXT characters: 1 MB (the size the request budget of 1 s applies to) in `npm run test:hostile`;
 * the short run inside `npm test` sets DOTNET_DOCKERFILE_HOSTILE_MAX_CHARS lower (see harness.ts).
 *
 * The generated shapes stop short of the extremes that test/hostile/ownedElsewhere.test.ts runs at full size,
 * as ordinary tests with the same budgets: ARG values that double per step (exponential expansion), long FROM
 * chains (`FROM s<i-1> AS s<i>`), more than MAX_STAGES stages (18,000 stages in 1 MB) and `${A:-` nested deeper
 * than MAX_DEFAULT_NESTING (100,000 deep). Drawing them here too would only make each generated run slower.
 */
import fc from 'fast-check';
import { generateDockerfile } from '../bench/generate';
import { MAX_GENERATED_CHARS } from './harness';

export const MAX_TEXT = MAX_GENERATED_CHARS;

export interface Shape {
  readonly name: string;
  /** What was drawn, to rebuild the text (printed when a case fails). */
  readonly parameters: Record<string, string | number>;
  readonly text: string;
}

/** mulberry32: a seeded PRNG, so a text is a function of its parameters. */
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

/** How a case is printed when it fails: its parameters rebuild it; the text itself can be a megabyte. */
function shape(name: string, parameters: Record<string, string | number>, text: string): Shape {
  return { name, parameters, text, [fc.toStringMethod]: () => `${name} ${JSON.stringify(parameters)} (${text.length.toLocaleString('en-US')} characters)` } as Shape;
}

const cap = (text: string): string => (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);

function repeatTo(unit: string, count: number): string {
  return unit.repeat(Math.max(1, Math.min(count, Math.floor(MAX_TEXT / Math.max(1, unit.length)))));
}

const LINES = [
  'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\n',
  'RUN echo $HOME && dotnet publish -c Release -o /app\n',
  'CMD dotnet App.dll\n',
  'ENV A=1 B=${A:-x} C="$B"\n',
  'COPY --from=build --chown=app:app /app .\n',
  '# a comment line\n',
  '\n',
  'ARG TAG=10.0\n',
  'FROM mcr.microsoft.com/dotnet/sdk:${TAG} AS build\n',
  'HEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
  'EXPOSE 80 443 8080\n',
  'LABEL a=b c="d e"\n',
  'ONBUILD RUN echo hi\n',
  'RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore\n',
  'FROM scratch\n',
  '\\\n',
];

/** Stages in one document: 18,000 plain FROM lines fill 1 MB (ownedElsewhere.test.ts holds that case itself). */
export const MAX_STAGES = 18_000;
/** Depth of `${A:-${A:-...}}` in one reference (100,000 is held by ownedElsewhere.test.ts). */
export const MAX_DEFAULT_NESTING = 50_000;

const repetition: fc.Arbitrary<Shape> = fc.record({ line: fc.integer({ min: 0, max: LINES.length - 1 }), count: fc.integer({ min: 100, max: 80_000 }) }).map(({ line, count }) => {
  const stages = LINES[line]!.startsWith('FROM') ? Math.min(count, MAX_STAGES) : count;
  return shape('repetition', { line, count: stages }, repeatTo(LINES[line]!, stages));
});

const NESTINGS: ReadonlyArray<(depth: number) => string> = [
  (d) => `FROM mcr.microsoft.com/dotnet/aspnet:${'${A:-'.repeat(Math.min(d, MAX_DEFAULT_NESTING))}10.0${'}'.repeat(Math.min(d, MAX_DEFAULT_NESTING))}\n`,
  (d) => `RUN echo ${'$('.repeat(d)}x${')'.repeat(d)}\n`,
  (d) => `CMD ${'['.repeat(d)}"dotnet"${']'.repeat(d)}\n`,
  (d) => `RUN echo ${`"'`.repeat(d)}\n`,
  (d) => `ENV X=${'${'.repeat(d)}\n`,
  (d) => `FROM mcr.microsoft.com/dotnet/sdk:10.0\n${Array.from({ length: Math.min(d, 2000) }, (_, i) => `RUN <<E${i}\n`).join('')}body\n`,
  (d) => `ARG A=${'$'.repeat(d)}\nFROM mcr.microsoft.com/dotnet/aspnet:$A\n`,
  (d) => `RUN ${'`'.repeat(d)}\n# escape=\`\n`,
];

const nesting: fc.Arbitrary<Shape> = fc.record({ kind: fc.integer({ min: 0, max: NESTINGS.length - 1 }), depth: fc.integer({ min: 10, max: 100_000 }) }).map(({ kind, depth }) => shape('nesting', { kind, depth }, cap(NESTINGS[kind]!(depth))));

/** Expansion that grows at most linearly per step (the doubling kind is issue 19 #3, the lead's). */
const EXPANSIONS: ReadonlyArray<(n: number) => string> = [
  // A chain where each ARG adds one character to the last: values grow by one per step.
  (n) => `ARG A0=x\n${Array.from({ length: n }, (_, i) => `ARG A${i + 1}=\${A${i}}x\n`).join('')}FROM mcr.microsoft.com/dotnet/aspnet:\${A${n}}\n`,
  // One long value referenced many times.
  (n) => `ARG A=${'x'.repeat(10_000)}\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nRUN echo ${'$A'.repeat(n)}\n`,
  // Many variables, each referenced once.
  (n) => `${Array.from({ length: n }, (_, i) => `ARG V${i}=${i}\n`).join('')}FROM mcr.microsoft.com/dotnet/aspnet:10.0\nENV ${Array.from({ length: n }, (_, i) => `E${i}=$V${i}`).join(' ')}\n`,
  // ENV chains inside one stage.
  (n) => `FROM mcr.microsoft.com/dotnet/aspnet:10.0\n${Array.from({ length: n }, (_, i) => `ENV E${i + 1}=\${E${i}:-default}$E${i}\n`).join('')}`,
];

const expansion: fc.Arbitrary<Shape> = fc.record({ kind: fc.integer({ min: 0, max: EXPANSIONS.length - 1 }), count: fc.integer({ min: 10, max: 3000 }) }).map(({ kind, count }) => shape('expansion', { kind, count }, cap(EXPANSIONS[kind]!(count))));

const size: fc.Arbitrary<Shape> = fc.record({ lines: fc.integer({ min: 1000, max: 30_000 }) }).map(({ lines }) => shape('size', { lines }, cap(generateDockerfile(lines).text)));

const CONTINUATIONS = ['  b$V{i} \\\n', '  "q{i}" \\\n', '# comment {i}\n', '\\\n', '  \\\n', '  --flag{i}=x \\\n', "  'a b' \\\n", '  ${X:-{i}} \\\n'];
const INSTRUCTIONS = ['RUN a \\\n', 'ENV A=1 \\\n', 'LABEL a=b \\\n', 'COPY a \\\n', 'CMD ["a", \\\n', 'FROM \\\n', 'HEALTHCHECK CMD a \\\n', 'ARG \\\n'];

const continuation: fc.Arbitrary<Shape> = fc.record({ instruction: fc.integer({ min: 0, max: INSTRUCTIONS.length - 1 }), lines: fc.integer({ min: 1000, max: 60_000 }), seed: fc.integer() }).map(({ instruction, lines, seed }) => {
  const next = random(seed);
  const body = Array.from({ length: lines }, (_, i) => CONTINUATIONS[Math.floor(next() * CONTINUATIONS.length)]!.replaceAll('{i}', String(i))).join('');
  return shape('deep continuation', { instruction, lines, seed }, cap(`FROM mcr.microsoft.com/dotnet/sdk:10.0\n${INSTRUCTIONS[instruction]!}${body}  end\n`));
});

const WORD_SITES: ReadonlyArray<(word: string) => string> = [
  (w) => `FROM ${w}\n`,
  (w) => `FROM mcr.microsoft.com/dotnet/aspnet:${w}\n`,
  (w) => `FROM mcr.microsoft.com/dotnet/aspnet@sha256:${w}\n`,
  (w) => `FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS ${w}\nCOPY --from=${w} /a /b\n`,
  (w) => `FROM mcr.microsoft.com/dotnet/aspnet:10.0\nRUN ${w}\n`,
  (w) => `FROM mcr.microsoft.com/dotnet/aspnet:10.0\nENV A=${w}\n`,
  (w) => `ARG ${w}=1\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\n`,
  (w) => `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD ["${w}"]\n`,
  (w) => `FROM mcr.microsoft.com/dotnet/aspnet:10.0\nEXPOSE ${w}\nUSER ${w}\nWORKDIR ${w}\n`,
  (w) => `FROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN dotnet publish ${w}.csproj\n`,
  (w) => `# ${w}\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\n`,
  (w) => `# escape=${w}\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\n`,
];
const WORD_UNITS = ['a', '-', '.', 'a-', '1.', '$', '\\', '"', '0', 'é', '😀', '${A}', ':'];

const hugeWord: fc.Arbitrary<Shape> = fc.record({ site: fc.integer({ min: 0, max: WORD_SITES.length - 1 }), unit: fc.integer({ min: 0, max: WORD_UNITS.length - 1 }), length: fc.integer({ min: 1000, max: 500_000 }) }).map(({ site, unit, length }) => {
  const word = WORD_UNITS[unit]!.repeat(Math.ceil(length / WORD_UNITS[unit]!.length)).slice(0, length);
  return shape('huge word', { site, unit, length }, cap(WORD_SITES[site]!(word)));
});

const manyStages: fc.Arbitrary<Shape> = fc.record({ stages: fc.integer({ min: 100, max: 4000 }), seed: fc.integer() }).map(({ stages, seed }) => {
  const next = random(seed);
  const bases = ['mcr.microsoft.com/dotnet/sdk:10.0', 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled', 'mcr.microsoft.com/dotnet/runtime:9.0', 'alpine:3.20', 'scratch'];
  const parts: string[] = [];
  for (let i = 0; i < stages; i++) {
    parts.push(`FROM ${bases[Math.floor(next() * bases.length)]} AS s${i}\n`);
    if (i > 0) parts.push(`COPY --from=s${Math.floor(next() * i)} /app /app${i}\n`);
    if (next() < 0.3) parts.push(`# stage ${i}\n`);
    if (next() < 0.3) parts.push(`CMD dotnet s${i}.dll\n`);
  }
  return shape('many stages', { stages, seed }, cap(parts.join('')));
});

const binaryJunk: fc.Arbitrary<Shape> = fc.record({ length: fc.integer({ min: 1000, max: MAX_TEXT }), seed: fc.integer(), flavour: fc.integer({ min: 0, max: 2 }) }).map(({ length, seed, flavour }) => {
  const next = random(seed);
  const codes = new Uint16Array(length);
  for (let i = 0; i < length; i++) {
    const r = next();
    // any code unit; control characters and line breaks; or Dockerfile punctuation among them
    codes[i] = flavour === 0 ? Math.floor(r * 0x10000) : flavour === 1 ? Math.floor(r * 0x20) : '\\$\n{}[]"\'` #=:-'.charCodeAt(Math.floor(r * 16)) || 0x41;
  }
  let text = '';
  for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode(...codes.subarray(i, i + 8192));
  return shape('binary junk', { length, seed, flavour }, text);
});

export const SHAPES: ReadonlyArray<readonly [string, fc.Arbitrary<Shape>]> = [
  ['repetition', repetition],
  ['nesting', nesting],
  ['expansion', expansion],
  ['size', size],
  ['deep continuation', continuation],
  ['huge words', hugeWord],
  ['many stages', manyStages],
  ['binary junk', binaryJunk],
];
