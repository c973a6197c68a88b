/**
 * Rewrite in exec form (shell-form-without-shell, and missing-tool's switch for an exec `/bin/sh -c`): the cases of
 * test/unit/fixes/execForm.test.ts and endToEnd.test.ts as real Dockerfiles, plus ENTRYPOINT/CMD interplay.
 */
import { APP, BUILD_STAGE, CHISELED10, type FixCase } from './fixCase';

const RULE = 'shell-form-without-shell';
const EXEC = 'Rewrite in exec form';
const FAMILY = 'exec-form rewrite';

/** The chiseled runtime and aspnet images set ENTRYPOINT ["/usr/bin/dotnet"]: in exec form a CMD would become its arguments. */
const AS_ENTRYPOINT = `Rewrite in exec form as ENTRYPOINT (as a CMD it would be arguments to the image's ENTRYPOINT ["/usr/bin/dotnet"])`;
const AS_ENTRYPOINT_INLINED = `Rewrite in exec form as ENTRYPOINT (inlines $PORT=8080) (as a CMD it would be arguments to the image's ENTRYPOINT ["/usr/bin/dotnet"])`;

export const execFormCases: readonly FixCase[] = [
  {
    name: 'CMD under the image ENTRYPOINT ["/usr/bin/dotnet"] becomes ENTRYPOINT: quotes removed, JSON escaped',
    family: FAMILY,
    rule: RULE,
    title: AS_ENTRYPOINT,
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|CMD dotnet App.dll --urls "http://+:8080" --name 'my "app"'
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080", "--name", "my \\"app\\""]
`,
  },
  {
    name: 'ENTRYPOINT: quotes removed, JSON escaped',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|ENTRYPOINT dotnet App.dll --urls "http://+:8080" --name 'my "app"'
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080", "--name", "my \\"app\\""]
`,
  },
  {
    name: 'the keyword keeps its case, a leading exec is dropped',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|entrypoint exec dotnet App.dll
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
entrypoint ["dotnet", "App.dll"]
`,
  },
  {
    name: 'continuation lines are joined and comments inside them move above the instruction',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
  |ENTRYPOINT dotnet \\
    App.dll \\
  # the port
    --urls http://+:8080
USER app
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
  # the port
  ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080"]
USER app
`,
  },
  {
    name: 'RUN keeps its --mount flag on its own line',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'build-fails',
    context: { ...APP, tool: { program: true } },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY tool /app/tool
|RUN --mount=type=cache,target=/home/app/.cache \\
    /app/tool init --force
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY tool /app/tool
RUN --mount=type=cache,target=/home/app/.cache ["/app/tool", "init", "--force"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'RUN keeps --mount and --network flags on their own lines',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'build-fails',
    builderLimit: 'buildah 1.28 (Debian 12) has no RUN --network: "RUN only supports the --mount flag"',
    context: { ...APP, tool: { program: true } },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
COPY tool /app/tool
|RUN --mount=type=cache,target=/home/app/.cache \\
    --network=none \\
    /app/tool init --force
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
COPY tool /app/tool
RUN --mount=type=cache,target=/home/app/.cache \\
    --network=none ["/app/tool", "init", "--force"]
`,
  },
  {
    name: 'HEALTHCHECK keeps its options and the CMD word',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'healthcheck-fails',
    context: { ...APP, 'healthcheck.dll': 'a stand-in assembly\n' },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY healthcheck.dll /app/
|HEALTHCHECK --interval=30s --timeout=3s CMD dotnet /app/healthcheck.dll 'http://localhost:8080/healthz'
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY healthcheck.dll /app/
HEALTHCHECK --interval=30s --timeout=3s CMD ["dotnet", "/app/healthcheck.dll", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'HEALTHCHECK CMD on continuation lines with an ENV value inlined',
    family: FAMILY,
    rule: RULE,
    title: 'Rewrite in exec form (inlines $PORT=8080)',
    beforeOutcome: 'healthcheck-fails',
    context: { ...APP, health: { program: true } },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY health /app/health
ENV PORT=8080
|HEALTHCHECK --interval=5s CMD /app/health \\
  http://localhost:$PORT/healthz
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY health /app/health
ENV PORT=8080
HEALTHCHECK --interval=5s CMD ["/app/health", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'with the escape directive set to a backquote, continuations end in a backquote and the JSON is still backslash-escaped (CMD, written as ENTRYPOINT)',
    family: FAMILY,
    rule: RULE,
    title: AS_ENTRYPOINT,
    beforeOutcome: 'start-fails',
    before: `# escape=\`
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app/publish .
|CMD dotnet \`
    App.dll "a\\"b" 'c\\d' e\\ f
`,
    after: `# escape=\`
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll", "a\\"b", "c\\\\d", "e f"]
`,
  },
  {
    name: 'with the escape directive set to a backquote (ENTRYPOINT)',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'start-fails',
    before: `# escape=\`
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app/publish .
|ENTRYPOINT dotnet \`
    App.dll "a\\"b" 'c\\d' e\\ f
`,
    after: `# escape=\`
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll", "a\\"b", "c\\\\d", "e f"]
`,
  },
  {
    name: 'CRLF line ends are kept',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|ENTRYPOINT dotnet \\
  App.dll
EXPOSE 8080
`.replace(/\n/g, '\r\n'),
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll"]
EXPOSE 8080
`.replace(/\n/g, '\r\n'),
  },
  {
    name: 'non-ASCII text stays as it is; CMD of a self-contained app on runtime-deps (no inherited ENTRYPOINT)',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'start-fails',
    before: `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -r linux-x64 --self-contained -o /app/publish

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app/publish .
|CMD ./App --greeting "héllo wörld" 日本語
`,
    after: `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -r linux-x64 --self-contained -o /app/publish

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
WORKDIR /app
COPY --from=build /app/publish .
CMD ["./App", "--greeting", "héllo wörld", "日本語"]
`,
  },
  {
    name: 'an ENV value is inlined and the title says so',
    family: FAMILY,
    rule: RULE,
    title: 'Rewrite in exec form (inlines $PORT=8080)',
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENV PORT=8080
|ENTRYPOINT dotnet App.dll --urls "http://+:\${PORT}"
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENV PORT=8080
ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080"]
`,
  },
  {
    name: 'an ENV value inlined into a CMD written as ENTRYPOINT',
    family: FAMILY,
    rule: RULE,
    title: AS_ENTRYPOINT_INLINED,
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENV PORT=8080
|CMD dotnet App.dll --urls "http://+:\${PORT}"
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENV PORT=8080
ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080"]
`,
  },
  {
    name: 'ENV from a parent stage and ENV built from an ARG are known',
    family: FAMILY,
    rule: RULE,
    title: 'Rewrite in exec form (inlines $APP=/app/App.dll, $LEVEL=info)',
    beforeOutcome: 'start-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10} AS base
ARG DIR=/app
ENV APP=$DIR/App.dll
COPY --from=build /app/publish /app

FROM base
ENV LEVEL="info"
|ENTRYPOINT dotnet $APP --log $LEVEL
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10} AS base
ARG DIR=/app
ENV APP=$DIR/App.dll
COPY --from=build /app/publish /app

FROM base
ENV LEVEL="info"
ENTRYPOINT ["dotnet", "/app/App.dll", "--log", "info"]
`,
  },
  {
    name: 'RUN sees the stage ARGs too',
    family: FAMILY,
    rule: RULE,
    title: 'Rewrite in exec form (inlines $CONFIG=Release)',
    beforeOutcome: 'build-fails',
    context: { ...APP, setup: { program: true } },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY setup /app/setup
ARG CONFIG=Release
|RUN /app/setup --configuration $CONFIG
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY setup /app/setup
ARG CONFIG=Release
RUN ["/app/setup", "--configuration", "Release"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'a shell-form ENTRYPOINT with an exec-form CMD: in exec form the CMD becomes its arguments',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    beforeOutcome: 'start-fails',
    expectedArgv: {
      start: ['App.dll', '--urls', 'http://+:8080'],
      reason: '`/bin/sh -c "dotnet App.dll"` ignores the CMD; the exec-form ENTRYPOINT takes it as arguments, as the file meant',
    },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|ENTRYPOINT dotnet App.dll
CMD ["--urls", "http://+:8080"]
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet", "App.dll"]
CMD ["--urls", "http://+:8080"]
`,
  },
  {
    name: 'an exec-form ENTRYPOINT with a shell-form CMD: the CMD was `/bin/sh -c ...` as arguments',
    family: FAMILY,
    rule: RULE,
    title: EXEC,
    // dotnet is asked to run /bin/sh as an application: a chiseled image has none, and where there is one it is no assembly.
    beforeOutcome: 'start-fails',
    referenceFails: 'on the image with a shell too, the exec-form ENTRYPOINT hands `/bin/sh -c "<text>"` to dotnet, which cannot run /bin/sh as an app',
    expectedArgv: {
      start: ['App.dll', '--urls', 'http://+:8080'],
      reason: 'a shell-form CMD under an exec-form ENTRYPOINT passes `/bin/sh -c "<text>"` as arguments; the exec form passes the words, as the file meant',
    },
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet"]
|CMD App.dll --urls http://+:8080
`,
    after: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
ENTRYPOINT ["dotnet"]
CMD ["App.dll", "--urls", "http://+:8080"]
`,
  },
];
