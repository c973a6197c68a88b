/**
 * privileged-port: ports below 1024 need root to bind (outside Docker Engine's relaxed default, e.g. on
 * Kubernetes). .NET 8+ images listen on 8080 for that reason, and chiseled/distroless images run as the
 * non-root `app` user, as does any stage after `USER app` / `USER $APP_UID`. So `EXPOSE 80`, or
 * ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS / ASPNETCORE_HTTPS_PORTS on port 80 (any port < 1024), in a stage
 * that runs as non-root is a port the app cannot listen on. Windows has no privileged ports.
 */
import type { Instruction, Span } from '../syntax/model';
import type { Declaration } from '../document/environment';
import { majorOf } from '../images/dotnetImages';
import { quote } from '../texts/quote';
import type { Fix } from '../fixes/editKit';
import { isCoreImage } from '../images/dotnetImages';
import type { Finding, Rule } from '../diagnostics/rule';

// ASP.NET Core reads its host settings from ASPNETCORE_* and DOTNET_* variables.
const PORT_KEYS = new Set(['ASPNETCORE_HTTP_PORTS', 'ASPNETCORE_HTTPS_PORTS', 'DOTNET_HTTP_PORTS', 'DOTNET_HTTPS_PORTS']);
const URL_KEYS = new Set(['ASPNETCORE_URLS', 'DOTNET_URLS']);

interface PortUse {
  readonly port: number;
  readonly span: Span;
  /** Where to write the new port (empty for a URL that has no port). */
  readonly edit: Span;
  /** True when the port is implied (a URL without one): the fix appends `:8080`. */
  readonly implied: boolean;
  /** The ENV key that sets the port; undefined for EXPOSE. */
  readonly setting: string | undefined;
}

/** How the finding names the setting: `EXPOSE 80`, `ASPNETCORE_URLS on port 80` (built for findings only). */
function describeUse(use: PortUse): string {
  return use.setting === undefined ? `EXPOSE ${use.port}` : `${use.setting} on port ${use.port}`;
}

/** The non-privileged port to suggest instead. */
function suggestedPort(port: number): number {
  return port === 443 ? 8443 : 8080;
}

const EXPOSED = /^(\d+)(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/i;
const DIGITS = /\d+/g;
// Global: read with exec from lastIndex 0, one match after the other (no iterator per value).
const URL_PORT = /(https?):\/\/([^;\s"':/]+|\[[^\]]*\])(?::(\d+))?/gi;

function addExposedPorts(instruction: Instruction, out: PortUse[]): void {
  for (const word of instruction.words) {
    const match = EXPOSED.exec(word.text);
    if (!match) continue;
    const port = Number(match[1]);
    const span = { start: word.span.start, end: word.span.start + match[1]!.length };
    out.push({ port, span, edit: span, implied: false, setting: undefined });
  }
}

/** The document span of `length` characters at `offset` in an ENV value. */
function valueSpan(assignment: Declaration, offset: number, length: number): Span {
  const start = assignment.instruction.argsMap.toDocument(assignment.rawValueStart + offset);
  return { start, end: start + length };
}

function addEnvPorts(assignment: Declaration, out: PortUse[]): void {
  const key = assignment.name.toUpperCase();
  const raw = assignment.rawValue;
  if (raw === undefined || assignment.keyword !== 'ENV') return;
  if (PORT_KEYS.has(key)) {
    DIGITS.lastIndex = 0;
    for (let match = DIGITS.exec(raw); match; match = DIGITS.exec(raw)) {
      const span = valueSpan(assignment, match.index, match[0].length);
      const port = Number(match[0]);
      out.push({ port, span, edit: span, implied: false, setting: assignment.name });
    }
  } else if (URL_KEYS.has(key)) {
    URL_PORT.lastIndex = 0;
    for (let match = URL_PORT.exec(raw); match; match = URL_PORT.exec(raw)) {
      const index = match.index;
      if (match[3]) {
        const span = valueSpan(assignment, index + match[0].length - match[3].length, match[3].length);
        const port = Number(match[3]);
        out.push({ port, span, edit: span, implied: false, setting: assignment.name });
      } else {
        // `http://+` listens on 80, `https://+` on 443.
        const port = match[1]!.toLowerCase() === 'https' ? 443 : 80;
        out.push({
          port,
          span: valueSpan(assignment, index, match[0].length),
          edit: valueSpan(assignment, index + match[0].length, 0),
          implied: true,
          setting: assignment.name,
        });
      }
    }
  }
}

export const privilegedPort: Rule = {
  id: 'privileged-port',
  defaultSeverity: 'warning',
  summary: 'A port below 1024 (EXPOSE 80, ASPNETCORE_URLS/HTTP_PORTS) in a .NET stage that runs as non-root and cannot bind it.',
  check({ model, build }) {
    const findings: Finding[] = [];
    const seen = new Set<number>();
    for (let s = 0; s < model.stages.stages.length; s++) {
      const stage = model.stages.stages[s]!;
      const facts = build.stage(stage);
      const image = facts.image;
      if (!isCoreImage(image) || image.platform === 'windows' || !image.version) continue;
      const user = facts.finalUser();
      if (majorOf(image.version) < 8 || user.nonRoot !== true) continue;
      const uses: PortUse[] = [];
      for (let i = 0; i < stage.instructions.length; i++) {
        const instruction = stage.instructions[i]!;
        if (instruction.name === 'EXPOSE') addExposedPorts(instruction, uses);
      }
      for (const assignment of facts.effectiveEnv()) addEnvPorts(assignment, uses);
      let who: string | undefined;
      for (const use of uses) {
        if (use.port >= 1024 || use.port === 0 || seen.has(use.span.start)) continue;
        seen.add(use.span.start);
        who ??= user.user !== undefined ? `runs as ${quote(user.user)} (a non-root user)` : `runs as the non-root 'app' user (${image.shellReason ?? 'chiseled/distroless'} image)`;
        const port = suggestedPort(use.port);
        const fix: Fix = {
          title: `Use port ${port}`,
          edits: [{ start: use.edit.start, end: use.edit.end, newText: use.implied ? `:${port}` : String(port) }],
          preferred: true,
        };
        findings.push({
          span: use.span,
          message: `${describeUse(use)}: this stage ${who}, which cannot bind ports below 1024. .NET 8+ images listen on 8080 (ASPNETCORE_HTTP_PORTS); use ${port} and map it when running ('-p ${use.port}:${port}').`,
          fixes: [fix],
        });
      }
    }
    return findings;
  },
};
