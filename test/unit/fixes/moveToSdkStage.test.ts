import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from '../../helpers/markers';
import { actions, checkFix, diagnosticFor, parse, titles } from './fixHarness';

const RULE = 'shell-form-without-shell';
const SDK = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build';
const CHISELED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';

function moveTitles(source: string, rule = RULE): string[] {
  const m = marked(source);
  const model = parse(m.text);
  return titles(actions(model, [diagnosticFor(model, m.offsets[0]!, rule)])).filter((t) => t.startsWith('Move'));
}

describe('move build steps into the SDK stage the stage copies from', () => {
  test('the RUN moves, its WORKDIR comes along, and what it creates is copied back', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into the SDK stage 'build'",
      preferred: false,
      before: `${SDK}
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app/publish

${CHISELED}
WORKDIR /app
COPY --from=build /app/publish .
|RUN mkdir -p /app/data && touch /app/data/.keep
ENTRYPOINT ["dotnet", "App.dll"]
`,
      after: `${SDK}
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app/publish
WORKDIR /app
RUN mkdir -p /app/data && touch /app/data/.keep

${CHISELED}
WORKDIR /app
COPY --from=build /app/publish .
COPY --from=build /app/data /app/data
ENTRYPOINT ["dotnet", "App.dll"]
`,
    });
  });

  test('consecutive RUN steps move together with their comment and the ENV they use; temporary files are not copied', () => {
    checkFix({
      rule: RULE,
      title: "Move 2 RUN steps into the SDK stage 'build'",
      before: `${SDK}
WORKDIR /src
RUN dotnet publish -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled AS final
WORKDIR /app
ENV TOOL_VERSION=1.2.3 OTHER=x
COPY --from=build /app .
# fetch the tool
RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool-$TOOL_VERSION.tgz
|RUN mkdir -p tools && tar -xzf /tmp/tool.tgz -C tools && rm /tmp/tool.tgz
ENTRYPOINT ["dotnet", "App.dll"]
`,
      after: `${SDK}
WORKDIR /src
RUN dotnet publish -o /app
ENV TOOL_VERSION=1.2.3
WORKDIR /app
# fetch the tool
RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool-$TOOL_VERSION.tgz
RUN mkdir -p tools && tar -xzf /tmp/tool.tgz -C tools && rm /tmp/tool.tgz

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled AS final
WORKDIR /app
ENV TOOL_VERSION=1.2.3 OTHER=x
COPY --from=build /app .
COPY --from=build /app/tools /app/tools
ENTRYPOINT ["dotnet", "App.dll"]
`,
    });
  });

  test('stages built FROM the SDK stage keep their WORKDIR, and ENV becomes ARG so it does not leak into them', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into the SDK stage 'build'",
      before: `${SDK}
WORKDIR /src
RUN dotnet publish -o /out

FROM build AS test
RUN dotnet test

${CHISELED}
ENV DATA_DIR=/data
WORKDIR /app
COPY --from=build /out .
USER app
|RUN mkdir -p $DATA_DIR/cache
`,
      after: `${SDK}
WORKDIR /src
RUN dotnet publish -o /out
ARG DATA_DIR=/data
WORKDIR /app
RUN mkdir -p $DATA_DIR/cache
WORKDIR /src

FROM build AS test
RUN dotnet test

${CHISELED}
ENV DATA_DIR=/data
WORKDIR /app
COPY --from=build /out .
USER app
COPY --from=build --chown=app /data/cache /data/cache
`,
    });
  });

  test('a heredoc RUN moves as written', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into the SDK stage 'build'",
      before: `${SDK}
RUN dotnet publish -o /app

${CHISELED}
COPY --from=build /app /app
|RUN <<EOF
mkdir -p /app/logs
touch /app/logs/app.log
EOF
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
      after: `${SDK}
RUN dotnet publish -o /app
RUN <<EOF
mkdir -p /app/logs
touch /app/logs/app.log
EOF

${CHISELED}
COPY --from=build /app /app
COPY --from=build /app/logs /app/logs
ENTRYPOINT ["dotnet", "/app/App.dll"]
`,
    });
  });

  test('outputs that cannot be read from the command: a placeholder COPY, and the title says so', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into the SDK stage 'build' (complete the COPY paths)",
      before: `${SDK}
RUN dotnet publish -o /app

${CHISELED}
COPY --from=build /app /app
|RUN apt-get update && apt-get install -y libgdiplus
`,
      after: `${SDK}
RUN dotnet publish -o /app
RUN apt-get update && apt-get install -y libgdiplus

${CHISELED}
COPY --from=build /app /app
COPY --from=build /path/to/output /path/to/output
`,
    });
  });

  test('a step with no effect on files moves without a COPY', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into the SDK stage 'build'",
      before: `${SDK}\nRUN dotnet publish -o /app\n\n${CHISELED}\nCOPY --from=build /app /app\n|RUN echo "built on $(date)"\nENTRYPOINT ["dotnet", "/app/App.dll"]\n`,
      after: `${SDK}\nRUN dotnet publish -o /app\nRUN echo "built on $(date)"\n\n${CHISELED}\nCOPY --from=build /app /app\nENTRYPOINT ["dotnet", "/app/App.dll"]\n`,
    });
  });
});

describe('move build steps into a new SDK stage', () => {
  test('FROM sdk:<same major.minor> AS build goes right before the stage, with the ARG and WORKDIR the step uses', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into a new SDK stage 'build'",
      before: `# The app
FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled
ARG VERSION=1.0
WORKDIR /app
|RUN mkdir -p config && echo "version=$VERSION" > config/app.ini
ENTRYPOINT ["./app"]
`,
      after: `# The app
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
ARG VERSION=1.0
WORKDIR /app
RUN mkdir -p config && echo "version=$VERSION" > config/app.ini

FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled
ARG VERSION=1.0
WORKDIR /app
COPY --from=build /app/config /app/config
ENTRYPOINT ["./app"]
`,
    });
  });

  test('a later stage: the new stage goes above the comment that introduces the stage, and gets a free name', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into a new SDK stage 'sdk' (complete the COPY paths)",
      before: `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS build
RUN echo not an sdk

# final image
${CHISELED}
|RUN ./configure
`,
      after: `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS build
RUN echo not an sdk

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS sdk
RUN ./configure

# final image
${CHISELED}
COPY --from=sdk /path/to/output /path/to/output
`,
    });
  });

  test('not offered for CMD, in a stage with a shell, or when the .NET version is unknown', () => {
    assert.deepEqual(moveTitles(`${CHISELED}\n|CMD dotnet App.dll\n`), []);
    assert.deepEqual(moveTitles(`FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\n|RUN mkdir /x\n`), []);
    assert.deepEqual(moveTitles(`FROM gcr.io/distroless/base-debian12\n|RUN mkdir /x\n`), []);
  });

  test('offered for an exec-form RUN of a missing tool, which moves alone', () => {
    assert.deepEqual(moveTitles(`${SDK}\n${CHISELED}\nRUN ["/app/setup"]\n|RUN ["apt-get", "install", "-y", "tzdata"]\nRUN ["/app/check"]\n`, 'missing-tool'), [
      "Move RUN into a new SDK stage 'sdk' (complete the COPY paths)",
    ]);
  });
});
