/** Move build steps into an SDK stage: the cases of moveToSdkStage.test.ts and endToEnd.test.ts, and issue 18's two. */
import { APP, BUILD_STAGE, CHISELED10, SDK10, type FixCase } from './fixCase';

const RULE = 'shell-form-without-shell';
const FAMILY = 'move into the SDK stage';
const PLACEHOLDER_PATH = 'the fix inserts `COPY --from=... /path/to/output /path/to/output`, a path it does not know, and the build fails on it';

export const moveToSdkStageCases: readonly FixCase[] = [
  {
    name: 'the RUN moves, its WORKDIR comes along, and what it creates is copied back',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into the SDK stage 'build'",
    beforeOutcome: 'build-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|RUN mkdir -p /app/data && touch /app/data/.keep
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}WORKDIR /app
RUN mkdir -p /app/data && touch /app/data/.keep

FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY --from=build /app/data /app/data
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'consecutive RUN steps move together with their comment and the ENV they use; temporary files are not copied',
    family: FAMILY,
    rule: RULE,
    title: "Move 2 RUN steps into the SDK stage 'build'",
    beforeOutcome: 'build-fails',
    before: `${BUILD_STAGE}
FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled AS final
WORKDIR /app
ENV TOOL_VERSION=1.2.3 OTHER=x
COPY --from=build /app/publish .
# unpack the tool
RUN mkdir -p /tmp/tool && echo "tool $TOOL_VERSION" > /tmp/tool/tool.txt
|RUN mkdir -p tools && cp /tmp/tool/tool.txt tools/ && rm -r /tmp/tool
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}ENV TOOL_VERSION=1.2.3
WORKDIR /app
# unpack the tool
RUN mkdir -p /tmp/tool && echo "tool $TOOL_VERSION" > /tmp/tool/tool.txt
RUN mkdir -p tools && cp /tmp/tool/tool.txt tools/ && rm -r /tmp/tool

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled AS final
WORKDIR /app
ENV TOOL_VERSION=1.2.3 OTHER=x
COPY --from=build /app/publish .
COPY --from=build /app/tools /app/tools
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'stages built FROM the SDK stage keep their WORKDIR, ENV becomes ARG, and the copy keeps the USER as owner',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into the SDK stage 'build'",
    beforeOutcome: 'build-fails',
    before: `${BUILD_STAGE}
FROM build AS test
RUN dotnet test

FROM ${CHISELED10}
ENV DATA_DIR=/home/app/data
WORKDIR /app
COPY --from=build /app/publish .
USER app
|RUN mkdir -p $DATA_DIR/cache
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}ARG DATA_DIR=/home/app/data
WORKDIR /app
RUN mkdir -p $DATA_DIR/cache
WORKDIR /src

FROM build AS test
RUN dotnet test

FROM ${CHISELED10}
ENV DATA_DIR=/home/app/data
WORKDIR /app
COPY --from=build /app/publish .
USER app
COPY --from=build --chown=app /home/app/data/cache /home/app/data/cache
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'a heredoc RUN moves as written',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into the SDK stage 'build'",
    beforeOutcome: 'build-fails',
    builderLimit: 'buildah 1.28 (Debian 12) has no heredocs: it reads the script lines as instructions ("Unknown instruction")',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
COPY --from=build /app/publish /app
|RUN <<EOF
mkdir -p /app/logs
touch /app/logs/app.log
EOF
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
    after: `${BUILD_STAGE}WORKDIR /
RUN <<EOF
mkdir -p /app/logs
touch /app/logs/app.log
EOF

FROM ${CHISELED10}
COPY --from=build /app/publish /app
COPY --from=build /app/logs /app/logs
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
  },
  {
    name: 'a step with no effect on files moves without a COPY',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into the SDK stage 'build'",
    beforeOutcome: 'build-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
COPY --from=build /app/publish /app
|RUN echo "built on $(date)"
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
    after: `${BUILD_STAGE}WORKDIR /
RUN echo "built on $(date)"

FROM ${CHISELED10}
COPY --from=build /app/publish /app
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
  },
  {
    name: 'a new SDK stage of the same version goes right before the stage, with the ARG and WORKDIR the step uses',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into a new SDK stage 'build'",
    beforeOutcome: 'build-fails',
    context: { app: { program: true } },
    before: `# The app, built self-contained by CI
FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled
ARG VERSION=1.0
WORKDIR /app
COPY app .
|RUN mkdir -p config && echo "version=$VERSION" > config/app.ini
ENTRYPOINT ["./app"]
`,
    after: `# The app, built self-contained by CI
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
ARG VERSION=1.0
WORKDIR /app
RUN mkdir -p config && echo "version=$VERSION" > config/app.ini

FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled
ARG VERSION=1.0
WORKDIR /app
COPY app .
COPY --from=build /app/config /app/config
ENTRYPOINT ["./app"]
`,
  },
  {
    name: 'issue 18: a single-stage file that publishes; the sources stay behind',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into a new SDK stage 'build'",
    beforeOutcome: 'build-fails',
    expectBroken: 'the new SDK stage never gets the sources (`COPY . .` stays in the final stage), so `dotnet publish` finds no project',
    referenceFails: '`dotnet publish` needs the SDK: on aspnet:10.0-noble, with a shell, the step fails too',
    expectedArgv: { start: ['/app/publish/App.dll'], reason: 'the file before never worked: what its ENTRYPOINT names' },
    context: APP,
    before: `FROM ${CHISELED10}
WORKDIR /app
COPY . .
|RUN dotnet publish -c Release -o /app/publish
ENTRYPOINT ["dotnet", "/app/publish/App.dll"]
`,
    after: `FROM ${SDK10} AS build
WORKDIR /app
RUN dotnet publish -c Release -o /app/publish

FROM ${CHISELED10}
WORKDIR /app
COPY . .
COPY --from=build /app/publish /app/publish
ENTRYPOINT ["dotnet", "/app/publish/App.dll"]
`,
  },
  {
    name: 'issue 18: a package install for the HEALTHCHECK moves where it helps nothing',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into the SDK stage 'build' (complete the COPY paths)",
    beforeOutcome: 'build-fails',
    expectBroken: `${PLACEHOLDER_PATH}; and curl, installed in the SDK stage, would never reach the image whose HEALTHCHECK needs it`,
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
|RUN apt-get update && apt-get install -y curl
HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}WORKDIR /app
RUN apt-get update && apt-get install -y curl

FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY --from=build /path/to/output /path/to/output
HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'outputs that cannot be read from the command: a placeholder COPY, and the title says so',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into the SDK stage 'build' (complete the COPY paths)",
    beforeOutcome: 'build-fails',
    expectBroken: PLACEHOLDER_PATH,
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
COPY --from=build /app/publish /app
|RUN apt-get update && apt-get install -y libgdiplus
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
    after: `${BUILD_STAGE}WORKDIR /
RUN apt-get update && apt-get install -y libgdiplus

FROM ${CHISELED10}
COPY --from=build /app/publish /app
COPY --from=build /path/to/output /path/to/output
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
  },
  {
    name: 'a later stage: a new stage with a free name, above the comment that introduces the stage',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into a new SDK stage 'sdk' (complete the COPY paths)",
    beforeOutcome: 'build-fails',
    expectBroken: `${PLACEHOLDER_PATH}; and ./configure, a file of the sources, is not copied into the new stage`,
    // The app is built outside (App.dll in the context); ./configure is a program of the sources.
    context: { ...APP, 'App.dll': 'a stand-in assembly\n', configure: { program: true } },
    before: `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS build
RUN echo not an sdk

# final image
FROM ${CHISELED10}
WORKDIR /src
COPY . .
|RUN ./configure
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS build
RUN echo not an sdk

FROM ${SDK10} AS sdk
WORKDIR /src
RUN ./configure

# final image
FROM ${CHISELED10}
WORKDIR /src
COPY . .
COPY --from=sdk /path/to/output /path/to/output
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
];
