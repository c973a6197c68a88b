/**
 * port-mismatch: EXPOSE or a HEALTHCHECK URL names a port the app does not listen on. .NET 8+ images make ASP.NET
 * Core listen on 8080 (`ASPNETCORE_HTTP_PORTS`), older ones on 80 (`ASPNETCORE_URLS=http://+:80`), unless the
 * Dockerfile's ENV or `--urls` say otherwise (the build model's listening.ts decides). The classic case is a
 * Dockerfile moved to .NET 8 that still says `EXPOSE 80`: `docker run -P` and orchestrators then publish a port
 * nobody answers on, and a health check on `http://localhost/health` never passes.
 *
 * Judged only where the answer is sure: the final stage of a web app (an aspnet image, a web project, or the
 * Dockerfile setting where it listens) whose container starts the app itself (`dotnet App.dll`, `./App`); a
 * `dotnet run` or a script may set the URLs its own way. EXPOSE is reported only when none of its ports is one the
 * app listens on (an extra port for HTTPS or metrics set at run time is fine), and ports that are HTTPS by
 * convention (443, 8443, 8081, 5001) are left alone unless the app listens on HTTPS. privileged-port owns the
 * other cause: the app made to listen below 1024 as a non-root user.
 */
import type { Instruction, Span } from '../syntax/model';
import type { Fix } from '../fixes/editKit';
import type { Finding, Rule } from '../diagnostics/rule';
import type { PortSource } from '../document/listening';
import { dotnetFamilyOf } from '../images/retiredFamily';
import { quote } from '../texts/quote';

const EXPOSED = /^(\d+)(?:-(\d+))?(?:\/(?:tcp|udp|sctp))?$/i;
const HTTPS_BY_CONVENTION = new Set([443, 8443, 8081, 5001]);
/** `http://localhost:8080/health`: a URL the container calls on itself. Global: exec from lastIndex 0. */
const LOCAL_URL = /\b(https?):\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+)|:\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?)?/gi;

interface Exposed {
  readonly low: number;
  readonly high: number;
  readonly span: Span;
}

function exposedPorts(instruction: Instruction): Exposed[] {
  const ports: Exposed[] = [];
  for (const word of instruction.words) {
    const match = EXPOSED.exec(word.text);
    if (!match) continue;
    const low = Number(match[1]);
    ports.push({ low, high: match[2] ? Number(match[2]) : low, span: { start: word.span.start, end: word.span.start + match[1]!.length } });
  }
  return ports;
}

/** "8080 (ASPNETCORE_HTTP_PORTS=8080 in .NET 10.0 images)", "5000 (ASPNETCORE_URLS)". */
function describeListening(ports: readonly PortSource[]): string {
  const bySetting = new Map<string, number[]>();
  for (const source of ports) bySetting.set(source.setting, [...(bySetting.get(source.setting) ?? []), source.port]);
  return [...bySetting].map(([setting, list]) => `${list.join(', ')} (${setting.startsWith('the image') ? setting.slice('the image ('.length, -1) : setting})`).join(' and ');
}

export const portMismatch: Rule = {
  id: 'port-mismatch',
  defaultSeverity: 'warning',
  summary: 'EXPOSE or a HEALTHCHECK URL names a port the app does not listen on (.NET 8+ listens on 8080, older images on 80, unless ASPNETCORE_URLS/HTTP_PORTS say otherwise).',
  check({ build }) {
    const facts = build.final;
    if (!facts) return [];
    const listening = build.listening(facts.stage);
    const ports = listening.ports;
    if (!ports || ports.length === 0 || !listening.startedDirectly()) return [];
    const web = dotnetFamilyOf(facts.image) === 'aspnet' || build.project?.isWeb === true || listening.explicit;
    if (!web) return [];
    const listened = new Set(ports.map((p) => p.port));
    const https = ports.some((p) => p.scheme === 'https');
    const target = ports.find((p) => p.scheme === 'http') ?? ports[0]!;
    const where = describeListening(ports);
    const findings: Finding[] = [];
    const fixTo = (span: Span, implied: boolean, port: number): Fix => ({
      title: `Use port ${port}`,
      edits: [{ start: span.start, end: span.end, newText: implied ? `:${port}` : String(port) }],
      preferred: true,
    });

    const exposed: Exposed[] = [];
    let healthcheck: Instruction | undefined;
    for (const stage of [...facts.lineage()].reverse()) {
      for (const instruction of stage.instructions) {
        if (instruction.name === 'EXPOSE') exposed.push(...exposedPorts(instruction));
        else if (instruction.name === 'HEALTHCHECK') healthcheck = instruction;
      }
    }
    const matches = exposed.some((e) => [...listened].some((port) => port >= e.low && port <= e.high));
    if (!matches) {
      for (const port of exposed) {
        if (port.low !== port.high || (HTTPS_BY_CONVENTION.has(port.low) && !https)) continue;
        findings.push({
          span: port.span,
          message: `EXPOSE ${port.low}, but the app listens on ${where}: a client of port ${port.low} reaches nothing. Expose ${target.port} (map it with '-p ${port.low}:${target.port}' when running), or make the app listen on ${port.low} (ENV ASPNETCORE_HTTP_PORTS=${port.low}), unless it sets its own URLs in code or appsettings.json.`,
          fixes: [fixTo(port.span, false, target.port)],
        });
      }
    }

    if (healthcheck && healthcheck.subcommand?.text.toUpperCase() === 'CMD') {
      const text = build.model.syntax.text.slice(healthcheck.argsSpan.start, healthcheck.argsSpan.end);
      LOCAL_URL.lastIndex = 0;
      const values = build.stage(facts.lineage().find((stage) => stage.instructions.includes(healthcheck!)) ?? facts.stage).lookupAt(healthcheck.span.start);
      for (let match = LOCAL_URL.exec(text); match; match = LOCAL_URL.exec(text)) {
        const scheme = match[1]!.toLowerCase();
        if (match[4]) {
          // `http://localhost:$PORT`: the container's ENV decides (the shell expands it when the check runs).
          const value = values.env(match[4])?.value;
          if (value === undefined || !/^\d+$/.test(value) || listened.has(Number(value))) continue;
          findings.push({
            span: { start: healthcheck.argsSpan.start + match.index, end: healthcheck.argsSpan.start + match.index + match[0].length },
            message: `The health check calls ${quote(match[0])} (port ${value}), but the app listens on ${where}, so the check can never pass. Call port ${target.port}.`,
          });
          continue;
        }
        const port = match[3] ? Number(match[3]) : scheme === 'https' ? 443 : 80;
        if (listened.has(port)) continue;
        const urlStart = healthcheck.argsSpan.start + match.index;
        const span = match[3] ? { start: urlStart + match[0].length - match[3].length, end: urlStart + match[0].length } : { start: urlStart, end: urlStart + match[0].length };
        const edit = match[3] ? span : { start: span.end, end: span.end };
        findings.push({
          span,
          message: `The health check calls ${quote(match[0])}${match[3] ? '' : ` (port ${port})`}, but the app listens on ${where}, so the check can never pass. Call port ${target.port}.`,
          fixes: [fixTo(edit, !match[3], target.port)],
        });
      }
    }
    return findings;
  },
};
