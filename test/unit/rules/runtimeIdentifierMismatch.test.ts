import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';
import { projectFacts } from '../../helpers/project';

const RULE = 'runtime-identifier-mismatch';
const DOTNET = 'mcr.microsoft.com/dotnet';

/** A self-contained publish shipped on `final`. */
const text = (sdk: string, run: string, final: string, start = 'ENTRYPOINT ["/app/Api"]'): string =>
  `FROM ${DOTNET}/sdk:${sdk} AS build\nWORKDIR /src\nCOPY . .\n${run}\n\nFROM ${final}\nCOPY --from=build /app /app\n${start}\n`;

describe(RULE, () => {
  test('linux-musl on a glibc image: an error on the final tag, fixed in the RID', () => {
    const run = 'RUN dotnet publish -r linux-musl-x64 --self-contained -o /app';
    const [found] = expectRule(RULE, text('10.0', run, `${DOTNET}/runtime-deps:|10.0-noble-chiseled`));
    assert.equal(found!.severity, 1);
    assert.equal(found!.text, '10.0-noble-chiseled');
    assert.match(found!.message, /published for musl Linux \(Alpine\) x64 \(-r linux-musl-x64\), but the final image '.*runtime-deps:10\.0-noble-chiseled' is Ubuntu, glibc/);
    assert.match(found!.message, /Publish for 'linux-x64'/);
    expectFix(RULE, text('10.0', run, `${DOTNET}/runtime-deps:10.0-noble-chiseled`), text('10.0', run.replace('linux-musl-x64', 'linux-x64'), `${DOTNET}/runtime-deps:10.0-noble-chiseled`));
  });

  test('linux on Alpine: fixed to linux-musl, the image fix offered too', () => {
    const run = 'RUN dotnet publish -r linux-arm64 --self-contained true -o /app';
    const [found] = expectRule(RULE, text('10.0', run, `${DOTNET}/runtime-deps:|10.0-alpine`));
    assert.deepEqual(
      found!.replacements.map((r) => r.newText),
      ['linux-musl-arm64', '10.0'],
    );
    expectFix(RULE, text('10.0', run, `${DOTNET}/runtime-deps:10.0-alpine`), text('10.0', run.replace('linux-arm64', 'linux-musl-arm64'), `${DOTNET}/runtime-deps:10.0-alpine`));
  });

  test('an Alpine SDK builds the app host for musl with -a: started directly on a glibc image it fails; the fix moves the image to Alpine', () => {
    const source = text('10.0-alpine', 'ARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app', `${DOTNET}/aspnet:10.0-noble-chiseled`, 'WORKDIR /app\nENTRYPOINT ["./Api"]');
    const [found] = expectRule(RULE, source.replace('aspnet:10.0', 'aspnet:|10.0'), { project: projectFacts({ projectFile: 'Api.csproj', isWeb: true }) });
    assert.match(found!.message, /published for musl Linux \(Alpine\) \(-a … on the sdk:10\.0-alpine image\), but the final image .* is Ubuntu, glibc/);
    expectFix(RULE, source, source.replace('aspnet:10.0-noble-chiseled', 'aspnet:10.0-alpine'), { project: projectFacts({ projectFile: 'Api.csproj', isWeb: true }) });
  });

  test('an architecture the image does not have: from the tag, or from --platform', () => {
    const run = 'RUN dotnet publish -r linux-arm64 --self-contained -o /app';
    const [found] = expectRule(RULE, text('10.0', run, `${DOTNET}/runtime-deps:|10.0-noble-chiseled-amd64`));
    assert.match(found!.message, /runs only on x64 \(the tag's -amd64\)/);
    expectFix(RULE, text('10.0', run, `${DOTNET}/runtime-deps:10.0-noble-chiseled-amd64`), text('10.0', run.replace('linux-arm64', 'linux-x64'), `${DOTNET}/runtime-deps:10.0-noble-chiseled-amd64`));
    expectRule(RULE, text('10.0', run, `--platform=linux/amd64 ${DOTNET}/runtime-deps:|10.0-noble-chiseled`));
  });

  test("the project's RuntimeIdentifier, and a Native AOT publish without one (it builds for the SDK's platform)", () => {
    const project = projectFacts({ projectFile: 'Api.csproj', publishAot: true, selfContained: true, publishRuntimeIdentifier: 'linux-musl-x64' });
    const [fromProject] = expectRule(RULE, text('10.0-alpine-aot', 'RUN dotnet publish -o /app', `${DOTNET}/runtime-deps:|10.0-noble-chiseled`), { project });
    assert.match(fromProject!.message, /Api\.csproj sets RuntimeIdentifier linux-musl-x64/);
    const [implicit] = expectRule(RULE, text('10.0-alpine-aot', 'RUN dotnet publish -o /app', `${DOTNET}/runtime-deps:|10.0-noble-chiseled`), {
      project: projectFacts({ projectFile: 'Api.csproj', publishAot: true, selfContained: true }),
    });
    assert.match(implicit!.message, /a Native AOT publish without a runtime identifier on the sdk:10\.0-alpine-aot image/);
  });

  test('a framework-dependent app published for musl with -r, started with dotnet on glibc: its native libraries do not load', () => {
    const [found] = expectRule(
      RULE,
      text('10.0', 'RUN dotnet publish -r linux-musl-x64 --self-contained false -o /app', `${DOTNET}/aspnet:|10.0-noble-chiseled`, 'ENTRYPOINT ["dotnet", "/app/Api.dll"]'),
    );
    assert.match(found!.message, /runtime-specific native libraries\) does not load there/);
  });

  test('Windows binaries on a Linux image', () => {
    expectRule(RULE, text('10.0', 'RUN dotnet publish -r win-x64 --self-contained -o /app', `${DOTNET}/runtime-deps:|10.0`));
  });

  test('quiet: matching platforms, a framework-dependent app started with dotnet, unknown architectures', () => {
    expectRule(RULE, text('10.0', 'RUN dotnet publish -r linux-x64 --self-contained -o /app', `${DOTNET}/runtime-deps:10.0-noble-chiseled`));
    expectRule(RULE, text('10.0', 'RUN dotnet publish -r linux-musl-x64 --self-contained -o /app', `${DOTNET}/runtime-deps:10.0-alpine`));
    // Managed code runs on any runtime: `dotnet Api.dll` of a publish whose RID only follows from the SDK is left alone.
    expectRule(RULE, text('10.0-alpine', 'ARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app', `${DOTNET}/aspnet:10.0-noble-chiseled`, 'ENTRYPOINT ["dotnet", "/app/Api.dll"]'));
    // `-a $TARGETARCH` on a glibc SDK for a glibc image, whatever the architecture.
    expectRule(RULE, text('10.0-noble', 'ARG TARGETARCH\nRUN dotnet publish -a $TARGETARCH -o /app', `${DOTNET}/aspnet:10.0-noble-chiseled`, 'WORKDIR /app\nENTRYPOINT ["./Api"]'));
    expectRule(RULE, text('10.0', 'ARG RID\nRUN dotnet publish -r $RID --self-contained -o /app', `${DOTNET}/runtime-deps:10.0-alpine`));
    expectRule(RULE, text('10.0', 'RUN dotnet publish -r linux-arm64 --self-contained -o /app', `${DOTNET}/runtime-deps:10.0-noble-chiseled`));
    // A publish that does not reach the final stage says nothing about it.
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0 AS tool\nRUN dotnet publish -r linux-musl-x64 --self-contained -o /tool\nFROM ${DOTNET}/runtime-deps:10.0-noble-chiseled\nCOPY app /app\n`);
  });
});
