/**
 * privileged-port: ports below 1024 need root to bind (outside Docker Engine's relaxed default, e.g. on
 * Kubernetes). .NET 8+ images listen on 8080 for that reason, and chiseled/distroless images run as the
 * non-root `app` user, as does every stage after `USER app` / `USER $APP_UID`. So ASPNETCORE_URLS,
 * ASPNETCORE_HTTP_PORTS / HTTPS_PORTS (or `--urls`) making the app listen below 1024 in a stage that runs as
 * non-root is a port the app cannot listen on. Where the app listens is the build model's (listening.ts); an
 * `EXPOSE 80` the app does not listen on is port-mismatch's finding, not this one's (one cause, one finding).
 * Windows has no privileged ports.
 */
import { majorOf } from '../images/dotnetImages';
import { quote } from '../texts/quote';
import type { Fix } from '../fixes/editKit';
import type { PortSource } from '../document/listening';
import { isCoreImage } from '../images/dotnetImages';
import type { Finding, StageRule } from '../diagnostics/rule';

/** How the finding names the setting: `ASPNETCORE_URLS on port 80`. */
function describeUse(use: PortSource): string {
  return `${use.setting} on port ${use.port}`;
}

/** The non-privileged port to suggest instead. */
function suggestedPort(port: number): number {
  return port === 443 ? 8443 : 8080;
}

export const privilegedPort: StageRule = {
  id: 'privileged-port',
  defaultSeverity: 'warning',
  summary: 'The app is made to listen below 1024 (ASPNETCORE_URLS/HTTP_PORTS, --urls) in a .NET stage that runs as non-root and cannot bind it.',
  // An ENV of a stage this one is built FROM is the runner's to report once (rule.ts, StageRule).
  checkStage({ build }, stage) {
    const findings: Finding[] = [];
    const seen = new Set<number>();
    const facts = build.stage(stage);
    const image = facts.image;
    if (!isCoreImage(image) || image.platform === 'windows' || !image.version) return findings;
    const user = facts.finalUser();
    if (majorOf(image.version) < 8 || user.nonRoot !== true) return findings;
    let who: string | undefined;
    for (const use of build.listening(stage).ports ?? []) {
      const span = use.span ?? use.where;
      if (use.port >= 1024 || use.port === 0 || !span || seen.has(span.start)) continue;
      seen.add(span.start);
      who ??= user.user !== undefined ? `runs as ${quote(user.user)} (a non-root user)` : `runs as the non-root 'app' user (${image.shellReason ?? 'chiseled/distroless'} image)`;
      const port = suggestedPort(use.port);
      const fixes: Fix[] = use.edit ? [{ title: `Use port ${port}`, edits: [{ start: use.edit.start, end: use.edit.end, newText: use.implied ? `:${port}` : String(port) }], preferred: true }] : [];
      findings.push({
        span,
        message: `${describeUse(use)}: this stage ${who}, which cannot bind ports below 1024. .NET 8+ images listen on 8080 (ASPNETCORE_HTTP_PORTS); use ${port} and map it when running ('-p ${use.port}:${port}').`,
        fixes,
      });
    }
    return findings;
  },
};
