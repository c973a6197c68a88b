/** Move build steps into an SDK stage: the cases of moveToSdkStage.test.ts and endToEnd.test.ts, and issue 18's two. */
import { APP, BUILD_STAGE, CHISELED10, SDK10, type FixCase } from './fixCase';

const RULE = 'shell-form-without-shell';
const FAMILY = 'move into the SDK stage';

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
    name: 'issue 18: a single-stage file that publishes: the sources go into the new SDK stage, the published app comes back',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into a new SDK stage 'build', with the COPY it reads",
    beforeOutcome: 'build-fails',
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
COPY . .
RUN dotnet publish -c Release -o /app/publish

FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish /app/publish
ENTRYPOINT ["dotnet", "/app/publish/App.dll"]
`,
  },
  {
    name: 'a single-stage file that restores, then publishes: both steps and both COPY steps move, in order',
    family: FAMILY,
    rule: RULE,
    title: "Move 2 RUN steps into a new SDK stage 'build', with the 2 COPY steps they read",
    beforeOutcome: 'build-fails',
    referenceFails: '`dotnet restore` needs the SDK: on aspnet:10.0-noble, with a shell, the step fails too',
    expectedArgv: { start: ['/app/publish/App.dll'], reason: 'the file before never worked: what its ENTRYPOINT names' },
    context: APP,
    before: `FROM ${CHISELED10}
WORKDIR /src
COPY App.csproj .
RUN dotnet restore
COPY . .
|RUN dotnet publish --no-restore -c Release -o /app/publish
WORKDIR /app
ENTRYPOINT ["dotnet", "/app/publish/App.dll"]
`,
    after: `FROM ${SDK10} AS build
WORKDIR /src
COPY App.csproj .
RUN dotnet restore
COPY . .
RUN dotnet publish --no-restore -c Release -o /app/publish

FROM ${CHISELED10}
WORKDIR /src
COPY --from=build /app/publish /app/publish
WORKDIR /app
ENTRYPOINT ["dotnet", "/app/publish/App.dll"]
`,
  },
  {
    name: 'a single-stage file that publishes without -o: the sources stay where the start command reads them, bin comes back',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into a new SDK stage 'build', with the COPY it reads",
    beforeOutcome: 'build-fails',
    referenceFails: '`dotnet publish` needs the SDK: on aspnet:10.0-noble, with a shell, the step fails too',
    expectedArgv: { start: ['bin/Release/net10.0/publish/App.dll', '--config', '/src/appsettings.json'], reason: 'the file before never worked: what its ENTRYPOINT names' },
    context: { ...APP, 'appsettings.json': '{}\n' },
    before: `FROM ${CHISELED10}
WORKDIR /src
COPY . .
|RUN dotnet publish -c Release
ENTRYPOINT ["dotnet", "bin/Release/net10.0/publish/App.dll", "--config", "/src/appsettings.json"]
`,
    after: `FROM ${SDK10} AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release

FROM ${CHISELED10}
WORKDIR /src
COPY . .
COPY --from=build /src/bin /src/bin
ENTRYPOINT ["dotnet", "bin/Release/net10.0/publish/App.dll", "--config", "/src/appsettings.json"]
`,
  },
  {
    name: 'a script of the sources: the COPY comes along; what it writes cannot be read, so the COPY path is a snippet placeholder',
    family: FAMILY,
    rule: RULE,
    title: "Move RUN into a new SDK stage 'sdk', with the COPY it reads (fill in the path it produces)",
    fill: { 1: '/src' },
    beforeOutcome: 'build-fails',
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
COPY . .
RUN ./configure

# final image
FROM ${CHISELED10}
WORKDIR /src
COPY . .
COPY --from=sdk /src /src
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
  {
    name: 'an exec-form `sh -c` of a missing-tool finding: the script is read, what it makes comes back',
    family: FAMILY,
    rule: 'missing-tool',
    title: "Move RUN into the SDK stage 'build'",
    beforeOutcome: 'build-fails',
    before: `${BUILD_STAGE}
FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
RUN [|"/bin/sh", "-c", "mkdir -p /app/cache && echo ready > /app/cache/state"]
ENTRYPOINT ["dotnet", "App.dll"]
`,
    after: `${BUILD_STAGE}WORKDIR /app
RUN ["/bin/sh", "-c", "mkdir -p /app/cache && echo ready > /app/cache/state"]

FROM ${CHISELED10}
WORKDIR /app
COPY --from=build /app/publish .
COPY --from=build /app/cache /app/cache
ENTRYPOINT ["dotnet", "App.dll"]
`,
  },
];
