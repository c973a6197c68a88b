/**
 * A tool a HEALTHCHECK needs in a shell-less stage (issue 18: `RUN apt-get install -y curl` for `HEALTHCHECK CMD
 * ["curl", ...]` on a chiseled image). Moving the install into the SDK stage would help nothing; the honest fixes are
 * removing the install and the HEALTHCHECK when it is the install's only user (health is then probed from outside),
 * and the image of the same version with a shell (test/fixes/cases/switchToShellImage.ts has those).
 */
import { BUILD_STAGE, CHISELED10, type FixCase } from './fixCase';

const FAMILY = 'remove a health check the image cannot run';
const NOT_MOVED = { titles: ['Move'], reason: 'a package installed in the SDK stage never reaches the image whose HEALTHCHECK needs it' };
const PROBE = 'probe http://localhost:8080/healthz from outside the container instead';

export const healthCheckCases: readonly FixCase[] = [
  {
    name: 'issue 18: curl installed only for the HEALTHCHECK: both go, and the title says why',
    family: FAMILY,
    rule: 'shell-form-without-shell',
    title: `Remove the curl install and the HEALTHCHECK, its only user: this image has no package manager to install it (${PROBE})`,
    beforeOutcome: 'build-fails',
    notOffered: NOT_MOVED,
    removes: { healthcheck: true, files: ['/usr/bin/curl'], reason: 'curl was there only for the HEALTHCHECK; an orchestrator probe checks health instead' },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|RUN apt-get update && apt-get install -y curl
HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'the same from the shell-form HEALTHCHECK, with the apt lists cleaned and a comment above the install',
    family: FAMILY,
    rule: 'shell-form-without-shell',
    title: `Remove the curl install and the HEALTHCHECK, its only user: this image has no package manager to install it (${PROBE})`,
    beforeOutcome: 'build-fails',
    notOffered: NOT_MOVED,
    removes: { healthcheck: true, files: ['/usr/bin/curl'], reason: 'curl was there only for the HEALTHCHECK; an orchestrator probe checks health instead' },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
# curl for the health check
RUN apt-get update \\
    && apt-get install -y --no-install-recommends curl \\
    && rm -rf /var/lib/apt/lists/*
|HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/healthz |||| exit 1
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'missing-tool: a HEALTHCHECK calling curl, which the image does not have: the HEALTHCHECK goes',
    family: FAMILY,
    rule: 'missing-tool',
    title: `Remove the HEALTHCHECK: this image has no curl (${PROBE})`,
    beforeOutcome: 'healthcheck-fails',
    referenceFails: 'the full aspnet image has no curl either: its HEALTHCHECK fails too',
    expectedArgv: { start: ['App.dll'], reason: 'what the ENTRYPOINT runs' },
    removes: { healthcheck: true, reason: 'no program in the image can run it; an orchestrator probe checks health instead' },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
HEALTHCHECK --interval=30s CMD [|"curl", "-f", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
];
