/**
 * Validation stays on the typing path's budget: a 10,000-line multi-stage Dockerfile validates in under
 * 50 ms (parse excluded: the server parses once per version and caches the model). The best of several runs
 * is compared, so a busy machine does not make the test flaky; a quadratic rule would still blow it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { testService } from '../../helpers/service';

/** ~100 lines per app: a build stage and a runtime stage, with the usual instructions and a few findings. */
function bigDockerfile(lines: number): string {
  const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG SDK=mcr.microsoft.com/dotnet/sdk:10.0', 'ARG RUNTIME_TAG=10.0-noble-chiseled'];
  const runtimes = ['mcr.microsoft.com/dotnet/aspnet:${RUNTIME_TAG}', 'mcr.microsoft.com/dotnet/aspnet:8.0', 'mcr.microsoft.com/dotnet/runtime:10.0-alpine', 'mcr.microsoft.com/dotnet/aspnet', 'mcr.microsoft.com/dotnet/aspnet:10.0-nobel-chiseled'];
  for (let app = 0; out.length < lines; app++) {
    out.push(`FROM --platform=$BUILDPLATFORM \${SDK} AS build${app}`, 'ARG TARGETARCH', 'WORKDIR /source');
    for (let i = 0; i < 20; i++) out.push(`COPY src/Project${i}/*.csproj src/Project${i}/`);
    out.push('RUN dotnet restore -a $TARGETARCH \\', '    --locked-mode \\', '    && echo restored');
    for (let i = 0; i < 20; i++) out.push(`COPY src/Project${i}/ src/Project${i}/`);
    out.push(`RUN dotnet publish -a $TARGETARCH --no-restore -o /app${app}`, '');
    out.push(`FROM ${runtimes[app % runtimes.length]} AS app${app}`, 'WORKDIR /app');
    for (let i = 0; i < 20; i++) out.push(`ENV SETTING_${i}=value${i} OTHER_${i}="quoted value"`);
    for (let i = 0; i < 15; i++) out.push(`LABEL org.example.label${i}="${i}"`);
    out.push('EXPOSE 8080', `COPY --link --from=build${app} /app${app} .`, 'USER $APP_UID');
    out.push('HEALTHCHECK CMD ["dotnet", "app.dll", "--health"]', 'CMD dotnet app.dll', 'ENTRYPOINT ["dotnet", "app.dll"]', '');
  }
  return out.slice(0, lines).join('\n') + '\n';
}

test('validating a 10,000-line multi-stage Dockerfile takes under 50 ms', (t) => {
  const service = testService();
  const text = bigDockerfile(10_000);
  assert.equal(text.split('\n').length - 1, 10_000);
  const model = service.parse(TextDocument.create('file:///perf/Dockerfile', 'dockerfile', 1, text));
  assert.ok(model.stages.stages.length > 150);
  const first = service.validate(model); // warms the JIT and the per-catalog indexes, as the first keystroke does
  assert.ok(first.length > 50, 'the file has findings, so their cost is measured too');
  // CPU time (this process's, microseconds): what the validation costs, whatever else runs on the machine (at a
  // load of 10, wall time took 56-70 ms best of 15 for 30 ms of work). Wall time is reported beside it.
  let best = Number.POSITIVE_INFINITY;
  let bestWall = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 15; run++) {
    const fresh = service.parse(TextDocument.create('file:///perf/Dockerfile', 'dockerfile', run + 2, text));
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const diagnostics = service.validate(fresh);
    const used = process.cpuUsage(cpu);
    bestWall = Math.min(bestWall, performance.now() - wall);
    best = Math.min(best, (used.user + used.system) / 1000);
    assert.equal(diagnostics.length, first.length);
  }
  t.diagnostic(`best of 15: ${best.toFixed(1)} ms of CPU, ${bestWall.toFixed(1)} ms of wall time`);
  assert.ok(best < 50, `best of 15 validations took ${best.toFixed(1)} ms of CPU (${bestWall.toFixed(1)} ms of wall time)`);
});
