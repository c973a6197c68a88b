import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from '../../helpers/markers';
import { actions, checkFix, diagnosticFor, parse, titles } from './fixHarness';
import { fillSnippet } from '../../helpers/snippetFill';

const RULE = 'shell-form-without-shell';
const SDK = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build';
const CHISELED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';

function moveTitles(source: string, rule = RULE, snippetEditSupport = true): string[] {
  const m = marked(source);
  const model = parse(m.text);
  return titles(actions(model, [diagnosticFor(model, m.offsets[0]!, rule)], undefined, snippetEditSupport)).filter((t) => t.startsWith('Move'));
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

  test('outputs that cannot be read from the command: a snippet whose placeholder is the path; the script it runs comes along', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into the SDK stage 'build', with the COPY it reads (fill in the path it produces)",
      fill: { 1: '/etc/app' },
      before: `${SDK}
RUN dotnet publish -o /app

${CHISELED}
COPY --from=build /app /app
COPY scripts/ /scripts/
|RUN /scripts/generate-config --out-dir /etc/app
`,
      after: `${SDK}
RUN dotnet publish -o /app
COPY scripts/ /scripts/
RUN /scripts/generate-config --out-dir /etc/app

${CHISELED}
COPY --from=build /app /app
COPY scripts/ /scripts/
COPY --from=build /etc/app /etc/app
`,
    });
  });

  test('the snippet escapes what is not a placeholder, and is never offered to a client without snippet edits', () => {
    const step = String.raw`RUN tool --level $LEVEL --cost '\$5}'`;
    const source = `${SDK}\nRUN dotnet publish -o /app\n\n${CHISELED}\nARG LEVEL=2\nCOPY --from=build /app /app\n|${step}\n`;
    const m = marked(source);
    const model = parse(m.text);
    const diagnostic = diagnosticFor(model, m.offsets[0]!, RULE);
    assert.deepEqual(titles(actions(model, [diagnostic])).filter((t) => t.startsWith('Move')), []);
    const action = actions(model, [diagnostic], undefined, true).find((a) => a.title.startsWith('Move'));
    assert.ok(action, 'offered to a client with snippet edits');
    const change = action.edit!.documentChanges![0]!;
    assert.ok('edits' in change);
    const snippets = change.edits.map((e) => ('snippet' in e ? e.snippet.value : ''));
    assert.deepEqual(snippets, [String.raw`
ARG LEVEL=2
RUN tool --level \$LEVEL --cost '\\\$5\}'`, 'COPY --from=build ${1:/path/in/build/stage} $1']);
    assert.equal(fillSnippet(snippets[0]!, {}), `\nARG LEVEL=2\n${step}`);
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
      title: "Move RUN into a new SDK stage 'sdk' (fill in the path it produces)",
      fill: { 1: '/out' },
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
COPY --from=sdk /out /out
`,
    });
  });

  test('not offered for CMD, in a stage with a shell, or when the .NET version is unknown', () => {
    assert.deepEqual(moveTitles(`${CHISELED}\n|CMD dotnet App.dll\n`), []);
    assert.deepEqual(moveTitles(`FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\n|RUN mkdir /x\n`), []);
    assert.deepEqual(moveTitles(`FROM gcr.io/distroless/base-debian12\n|RUN mkdir /x\n`), []);
  });

  test('offered for an exec-form RUN of a missing tool, which moves alone; its shell script is read', () => {
    checkFix({
      rule: 'missing-tool',
      title: "Move RUN into a new SDK stage 'sdk'",
      before: `${SDK}\n${CHISELED}\nRUN ["/app/setup"]\nRUN [|"/bin/sh", "-c", "mkdir -p /app/data"]\nRUN ["/app/check"]\n`,
      after: `${SDK}\nFROM mcr.microsoft.com/dotnet/sdk:10.0 AS sdk\nRUN ["/bin/sh", "-c", "mkdir -p /app/data"]\n\n${CHISELED}\nRUN ["/app/setup"]\nCOPY --from=sdk /app/data /app/data\nRUN ["/app/check"]\n`,
    });
  });

  test('never for a package install: it would never reach the image that wanted it', () => {
    assert.deepEqual(moveTitles(`${SDK}\n${CHISELED}\n|RUN ["apt-get", "install", "-y", "tzdata"]\n`, 'missing-tool'), []);
    assert.deepEqual(moveTitles(`${SDK}\n${CHISELED}\n|RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n`), []);
    // A neighbour that installs packages is not taken along either.
    assert.deepEqual(moveTitles(`${SDK}\n${CHISELED}\nRUN apk add --no-cache icu-libs\n|RUN mkdir -p /app/data\n`), ["Move RUN into a new SDK stage 'sdk'"]);
  });

  test('not offered where an input cannot be brought: made by a step that stays, or copied from the target stage', () => {
    assert.deepEqual(moveTitles(`${SDK}\nRUN dotnet publish -o /app\n${CHISELED}\nRUN ["/app/setup", "--out", "/app/tools"]\n|RUN cp -r /app/tools /opt/tools\n`), []);
    assert.deepEqual(moveTitles(`${SDK}\nRUN dotnet publish -o /app\n${CHISELED}\nCOPY --from=build /app /app\n|RUN cp /app/App.dll /opt/App.dll\n`), []);
  });
});

describe('a self-contained static tool for a shell-less image: downloaded in the build stage, the binary copied', () => {
  test('the download and chmod move; the binary comes back, owned by the USER', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into the SDK stage 'build'",
      before: `${SDK}\nRUN dotnet publish -o /app\n\n${CHISELED}\nCOPY --from=build /app /app\nUSER app\n|RUN curl -fsSL -o /usr/local/bin/grpc_health_probe https://example.com/grpc_health_probe-linux-amd64 && chmod +x /usr/local/bin/grpc_health_probe\nHEALTHCHECK CMD ["/usr/local/bin/grpc_health_probe", "-addr=localhost:8080"]\n`,
      after: `${SDK}\nRUN dotnet publish -o /app\nRUN curl -fsSL -o /usr/local/bin/grpc_health_probe https://example.com/grpc_health_probe-linux-amd64 && chmod +x /usr/local/bin/grpc_health_probe\n\n${CHISELED}\nCOPY --from=build /app /app\nUSER app\nCOPY --from=build --chown=app /usr/local/bin/grpc_health_probe /usr/local/bin/grpc_health_probe\nHEALTHCHECK CMD ["/usr/local/bin/grpc_health_probe", "-addr=localhost:8080"]\n`,
    });
  });
});

describe('move build steps into a new SDK stage of a single-stage file (issue 18)', () => {
  test('the sources go with the publish, and only what it produces comes back', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into a new SDK stage 'build', with the COPY it reads",
      before: `${CHISELED}\nWORKDIR /app\nCOPY . .\n|RUN dotnet publish -c Release -o /app/publish\nENTRYPOINT ["dotnet", "/app/publish/App.dll"]\n`,
      after: `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /app\nCOPY . .\nRUN dotnet publish -c Release -o /app/publish\n\n${CHISELED}\nWORKDIR /app\nCOPY --from=build /app/publish /app/publish\nENTRYPOINT ["dotnet", "/app/publish/App.dll"]\n`,
    });
  });

  test('restore and publish move together with both COPY steps, in order', () => {
    checkFix({
      rule: RULE,
      title: "Move 2 RUN steps into a new SDK stage 'build', with the 2 COPY steps they read",
      before: `${CHISELED}\nWORKDIR /src\nCOPY App.csproj .\nRUN dotnet restore\nCOPY . .\n|RUN dotnet publish --no-restore -c Release -o /app/publish\nWORKDIR /app\nENTRYPOINT ["dotnet", "/app/publish/App.dll"]\n`,
      after: `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nCOPY App.csproj .\nRUN dotnet restore\nCOPY . .\nRUN dotnet publish --no-restore -c Release -o /app/publish\n\n${CHISELED}\nWORKDIR /src\nCOPY --from=build /app/publish /app/publish\nWORKDIR /app\nENTRYPOINT ["dotnet", "/app/publish/App.dll"]\n`,
    });
  });

  test('a COPY something that stays still reads is copied, not moved; without -o the bin folder comes back', () => {
    checkFix({
      rule: RULE,
      title: "Move RUN into a new SDK stage 'build', with the COPY it reads",
      before: `${CHISELED}\nWORKDIR /src\nCOPY . .\n|RUN dotnet publish -c Release\nENTRYPOINT ["dotnet", "bin/Release/net10.0/publish/App.dll", "--config", "/src/appsettings.json"]\n`,
      after: `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release\n\n${CHISELED}\nWORKDIR /src\nCOPY . .\nCOPY --from=build /src/bin /src/bin\nENTRYPOINT ["dotnet", "bin/Release/net10.0/publish/App.dll", "--config", "/src/appsettings.json"]\n`,
    });
  });
});
