/**
 * Where an ASP.NET Core app in a stage listens: a fact of the stage, read by privileged-port (the app made to listen
 * below 1024 as non-root) and port-mismatch (EXPOSE or a HEALTHCHECK URL that is not where the app listens).
 *
 * As ASP.NET Core decides it (later wins): the image's environment (.NET 8+ images set `ASPNETCORE_HTTP_PORTS=8080`,
 * older ones `ASPNETCORE_URLS=http://+:80`), the Dockerfile's ENV (`URLS` < `DOTNET_URLS` < `ASPNETCORE_URLS`;
 * `HTTP_PORTS`/`HTTPS_PORTS` likewise, from .NET 8), then `--urls` on the command line. A URL setting wins over the
 * port settings. What the app sets in code or appsettings.json (Kestrel endpoints) cannot be seen here; a start
 * command that is not the app itself (`dotnet run`, a script) may change the settings, so the answer says whether the
 * app is started directly.
 */
import type { Span } from '../syntax/model';
import type { Instruction } from '../syntax/model';
import type { Declaration } from './environment';
import type { StageFacts } from './stageFacts';
import type { AppStart } from './appStart';
import { majorOf } from '../images/dotnetImages';
import { dotnetFamilyOf } from '../images/retiredFamily';

export interface PortSource {
  readonly port: number;
  readonly scheme: 'http' | 'https';
  /** The setting that decides it: `ASPNETCORE_URLS`, `ASPNETCORE_HTTP_PORTS`, `--urls`, or `the image` for its default. */
  readonly setting: string;
  /** Where the port is written (a URL without a port: the URL); undefined for the image's default. */
  readonly span: Span | undefined;
  /** Where a new port goes (empty at the end of a URL that has none). */
  readonly edit: Span | undefined;
  /** True when the port is implied by a URL without one (`http://+` is 80). */
  readonly implied: boolean;
  /** The declaration or instruction that sets it (for a finding when the port itself cannot be pointed at). */
  readonly where: Span | undefined;
}

export interface Listening {
  /** The ports the settings make the app listen on; undefined when they cannot be told (see `unknown`). */
  readonly ports: readonly PortSource[] | undefined;
  /** Why the ports cannot be told. */
  readonly unknown: string | undefined;
  /** The container starts the app itself (`dotnet App.dll`, `./App`): nothing between can change the settings. */
  startedDirectly(): boolean;
  /** The Dockerfile itself sets where the app listens (ENV or `--urls`), a sign of a web app. */
  readonly explicit: boolean;
}

const URL_SETTINGS = ['ASPNETCORE_URLS', 'DOTNET_URLS', 'URLS'] as const;
const HTTP_PORT_SETTINGS = ['ASPNETCORE_HTTP_PORTS', 'DOTNET_HTTP_PORTS', 'HTTP_PORTS'] as const;
const HTTPS_PORT_SETTINGS = ['ASPNETCORE_HTTPS_PORTS', 'DOTNET_HTTPS_PORTS', 'HTTPS_PORTS'] as const;
/** `scheme://host[:port]`, one URL of a `;`-separated list. Global: read with exec from lastIndex 0. */
const URL_PORT = /(https?):\/\/([^;\s"':/]+|\[[^\]]*\])(?::(\d+))?/gi;
const DIGITS = /\d+/g;

/** The names ASP.NET Core reads its URLs and ports from (checked before anything is allocated). */
const LISTENING_NAME = /^(?:ASPNETCORE_|DOTNET_)?(?:URLS|HTTPS?_PORTS)$/i;

/** Where the app of a stage listens. `start` tells how the stage's container starts (asked only when needed). */
export function listeningOf(facts: StageFacts, start: () => AppStart, startInstructions: readonly (Instruction | undefined)[]): Listening {
  let direct: boolean | undefined;
  const startedDirectly = (): boolean => (direct ??= start().kind === 'dotnet-app' || start().kind === 'native-app');
  let env: Map<string, Declaration> | undefined;
  const declarations = facts.effectiveEnv();
  for (let i = 0; i < declarations.length; i++) {
    const declaration = declarations[i]!;
    if (LISTENING_NAME.test(declaration.name)) (env ??= new Map()).set(declaration.name.toUpperCase(), declaration);
  }
  const setting = (name: string): Declaration | undefined => env?.get(name);
  const image = facts.image;
  const version = image && (image.kind === 'dotnet' || image.kind === 'retired-dotnet') ? image.version : undefined;
  const major = version ? majorOf(version) : undefined;

  // --urls on the command line wins over everything.
  const text = facts.model.syntax.text;
  const mentionsUrls = startInstructions.some((instruction) => instruction !== undefined && (instruction.execArgs ? instruction.execArgs.some((w) => w.startsWith('--urls')) : text.slice(instruction.argsSpan.start, instruction.argsSpan.end).includes('--urls')));
  const words = mentionsUrls && startedDirectly() ? (start().words ?? []) : [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const value = word === '--urls' ? words[i + 1] : word.startsWith('--urls=') ? word.slice('--urls='.length) : undefined;
    if (value === undefined) continue;
    const at = locate(value, startInstructions, facts);
    const where = startInstructions.find((instruction) => instruction !== undefined)?.argsSpan;
    return { ports: urlPorts(value, '--urls', at, where), unknown: undefined, startedDirectly, explicit: true };
  }

  for (const name of URL_SETTINGS) {
    const declaration = setting(name);
    if (!declaration || declaration.keyword !== 'ENV') continue;
    if (declaration.value === undefined) return { ports: undefined, unknown: `${declaration.name} depends on a value the Dockerfile does not give`, startedDirectly, explicit: true };
    if (declaration.value.trim() === '') continue;
    return { ports: urlPorts(declaration.value, declaration.name, rawLocator(declaration), declaration.span), unknown: undefined, startedDirectly, explicit: true };
  }

  // HTTP_PORTS/HTTPS_PORTS came with .NET 8; before, the image set ASPNETCORE_URLS=http://+:80, which wins over them.
  if (major !== undefined && major < 8) {
    const known = imageDefaultKnown(facts);
    return known
      ? { ports: [{ port: 80, scheme: 'http', setting: `the image (ASPNETCORE_URLS=http://+:80 in .NET ${version} images)`, span: undefined, edit: undefined, implied: false, where: undefined }], unknown: undefined, startedDirectly, explicit: false }
      : { ports: undefined, unknown: 'the image does not say where ASP.NET Core listens', startedDirectly, explicit: false };
  }
  const ports: PortSource[] = [];
  let explicit = false;
  for (const [settings, scheme] of [[HTTP_PORT_SETTINGS, 'http'], [HTTPS_PORT_SETTINGS, 'https']] as const) {
    const declaration = env && settings.map(setting).find((d) => d !== undefined && d.keyword === 'ENV');
    if (declaration) {
      explicit = true;
      if (declaration.value === undefined) return { ports: undefined, unknown: `${declaration.name} depends on a value the Dockerfile does not give`, startedDirectly, explicit };
      ports.push(...listedPorts(declaration, scheme));
    } else if (scheme === 'http') {
      if (major === undefined || !imageDefaultKnown(facts)) return { ports: undefined, unknown: 'the image does not say where ASP.NET Core listens', startedDirectly, explicit };
      ports.push({ port: 8080, scheme: 'http', setting: `the image (ASPNETCORE_HTTP_PORTS=8080 in .NET ${version} images)`, span: undefined, edit: undefined, implied: false, where: undefined });
    }
  }
  return { ports, unknown: undefined, startedDirectly, explicit };
}

/** The images whose environment says where ASP.NET Core listens: the product images (the SDK's from .NET 5). */
function imageDefaultKnown(facts: StageFacts): boolean {
  const image = facts.image;
  if (!image?.version) return false;
  const family = dotnetFamilyOf(image);
  const major = majorOf(image.version);
  // A retired name never had .NET 6+ images (unknown-tag says so): nothing listens there.
  if (image.kind === 'retired-dotnet' && major >= 6) return false;
  if (family === 'aspnet' || family === 'runtime' || family === 'runtime-deps') return major >= 2;
  return family === 'sdk' && major >= 5;
}

type Locator = (offset: number, length: number) => Span | undefined;

/** Spans in an ENV value: offsets of its evaluated value line up with the raw value only when they are equal. */
function rawLocator(declaration: Declaration): Locator {
  const raw = declaration.rawValue;
  const value = declaration.value;
  if (raw === undefined || value === undefined) return () => undefined;
  // A quoted value (`"http://+:80"`): the evaluated value starts one character in.
  const shift = raw === value ? 0 : raw.length === value.length + 2 && raw.slice(1, -1) === value ? 1 : -1;
  if (shift < 0) return () => undefined;
  return (offset, length) => {
    const start = declaration.instruction.argsMap.toDocument(declaration.rawValueStart + shift + offset);
    return { start, end: start + length };
  };
}

/** A `--urls` value in the start instructions' text. */
function locate(value: string, instructions: readonly (Instruction | undefined)[], facts: StageFacts): Locator {
  const text = facts.model.syntax.text;
  for (const instruction of instructions) {
    if (!instruction) continue;
    const at = text.indexOf(value, instruction.argsSpan.start);
    if (at >= 0 && at + value.length <= instruction.argsSpan.end) return (offset, length) => ({ start: at + offset, end: at + offset + length });
  }
  return () => undefined;
}

function urlPorts(value: string, setting: string, locator: Locator, where: Span | undefined): PortSource[] {
  const ports: PortSource[] = [];
  URL_PORT.lastIndex = 0;
  for (let match = URL_PORT.exec(value); match; match = URL_PORT.exec(value)) {
    const scheme = match[1]!.toLowerCase() === 'https' ? 'https' : 'http';
    if (match[3]) {
      const span = locator(match.index + match[0].length - match[3].length, match[3].length);
      ports.push({ port: Number(match[3]), scheme, setting, span, edit: span, implied: false, where });
    } else {
      ports.push({ port: scheme === 'https' ? 443 : 80, scheme, setting, span: locator(match.index, match[0].length), edit: locator(match.index + match[0].length, 0), implied: true, where });
    }
  }
  return ports;
}

function listedPorts(declaration: Declaration, scheme: 'http' | 'https'): PortSource[] {
  const ports: PortSource[] = [];
  const value = declaration.value ?? '';
  const locator = rawLocator(declaration);
  DIGITS.lastIndex = 0;
  for (let match = DIGITS.exec(value); match; match = DIGITS.exec(value)) {
    const span = locator(match.index, match[0].length);
    ports.push({ port: Number(match[0]), scheme, setting: declaration.name, span, edit: span, implied: false, where: declaration.span });
  }
  return ports;
}
