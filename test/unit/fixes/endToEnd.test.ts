/**
 * validate → fix → validate, with the diagnostics the rules really publish (not built by hand): the marker
 * is where the rule's diagnostic starts. One case per rule that has a fix.
 */
import { describe, test } from 'node:test';
import { checkFix } from './fixHarness';

const CHISELED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';

describe('quick fixes on the diagnostics validate publishes', () => {
  test('shell-form-without-shell → exec form', () => {
    checkFix({
      rule: 'shell-form-without-shell',
      title: 'Rewrite in exec form',
      preferred: true,
      before: `${CHISELED}\nWORKDIR /app\n|ENTRYPOINT dotnet App.dll\n`,
      after: `${CHISELED}\nWORKDIR /app\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
  });

  test('shell-form-without-shell → exec form of HEALTHCHECK CMD', () => {
    checkFix({
      rule: 'shell-form-without-shell',
      title: 'Rewrite in exec form (inlines $PORT=8080)',
      before: `${CHISELED}\nENV PORT=8080\n|HEALTHCHECK --interval=5s CMD /app/health \\\n  http://localhost:$PORT/healthz\n`,
      after: `${CHISELED}\nENV PORT=8080\nHEALTHCHECK --interval=5s CMD ["/app/health", "http://localhost:8080/healthz"]\n`,
    });
  });

  test('shell-form-without-shell → move the RUN into the SDK stage', () => {
    checkFix({
      rule: 'shell-form-without-shell',
      title: "Move RUN into the SDK stage 'build'",
      before: `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nRUN dotnet publish -o /app\n\n${CHISELED}\nWORKDIR /app\nCOPY --from=build /app .\n|RUN mkdir -p logs\nENTRYPOINT ["dotnet", "App.dll"]\n`,
      after: `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nRUN dotnet publish -o /app\nWORKDIR /app\nRUN mkdir -p logs\n\n${CHISELED}\nWORKDIR /app\nCOPY --from=build /app .\nCOPY --from=build /app/logs /app/logs\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
  });

  test('shell-form-without-shell → switch to the image with a shell', () => {
    checkFix({
      rule: 'shell-form-without-shell',
      title: 'Switch to aspnet:10.0-noble, which has a shell',
      // `||` is a literal `|` in marked text.
      before: `${CHISELED}\n|CMD dotnet App.dll || tee /tmp/log\n`,
      after: `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nCMD dotnet App.dll | tee /tmp/log\n`,
    });
  });

  test('missing-tool → switch to the image with a shell', () => {
    checkFix({
      rule: 'missing-tool',
      title: 'Switch to aspnet:10.0-noble, which has a shell',
      before: `${CHISELED}\nENTRYPOINT [|"/bin/sh", "-c", "exec dotnet App.dll"]\n`,
      after: `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nENTRYPOINT ["/bin/sh", "-c", "exec dotnet App.dll"]\n`,
    });
  });

  test('unknown-tag → the nearest real tag', () => {
    checkFix({
      rule: 'unknown-tag',
      title: 'Use 10.0-noble-chiseled',
      preferred: true,
      before: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-|chisled\nENTRYPOINT ["dotnet", "App.dll"]\n',
      after: `${CHISELED}\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
  });

  test('eol-version → the newest LTS', () => {
    checkFix({
      rule: 'eol-version',
      title: 'Use 10.0 (.NET 10.0 LTS)',
      before: 'FROM mcr.microsoft.com/dotnet/aspnet:|8.0\nENTRYPOINT ["dotnet", "App.dll"]\n',
      after: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nENTRYPOINT ["dotnet", "App.dll"]\n',
    });
  });

  test('retired-repository → the current name', () => {
    checkFix({
      rule: 'retired-repository',
      title: 'Use mcr.microsoft.com/dotnet/aspnet',
      before: 'FROM |mcr.microsoft.com/dotnet/core/aspnet:10.0\nENTRYPOINT ["dotnet", "App.dll"]\n',
      after: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nENTRYPOINT ["dotnet", "App.dll"]\n',
    });
  });

  test('sdk-in-final-stage → a runtime image', () => {
    checkFix({
      rule: 'sdk-in-final-stage',
      title: 'Use mcr.microsoft.com/dotnet/runtime:10.0',
      before: 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\nFROM |mcr.microsoft.com/dotnet/sdk:10.0\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "App.dll"]\n',
      after: 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/runtime:10.0\nCOPY --from=build /app .\nENTRYPOINT ["dotnet", "App.dll"]\n',
    });
  });

  test('version-mismatch → the SDK version', () => {
    checkFix({
      rule: 'version-mismatch',
      title: 'Use aspnet:10.0-noble-chiseled (.NET 10.0, as the SDK builds)',
      before: 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:|9.0-noble-chiseled\nCOPY --from=build /app .\n',
      after: `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\n${CHISELED}\nCOPY --from=build /app .\n`,
    });
  });

  test('privileged-port → 8080', () => {
    checkFix({
      rule: 'privileged-port',
      title: 'Use port 8080',
      before: `${CHISELED}\nENV ASPNETCORE_HTTP_PORTS=|80\nENTRYPOINT ["dotnet", "App.dll"]\n`,
      after: `${CHISELED}\nENV ASPNETCORE_HTTP_PORTS=8080\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
  });

  test('port-mismatch → the port the app listens on', () => {
    checkFix({
      rule: 'port-mismatch',
      title: 'Use port 8080',
      before: `${CHISELED}\nEXPOSE |80\nENTRYPOINT ["dotnet", "App.dll"]\n`,
      after: `${CHISELED}\nEXPOSE 8080\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
  });

  test('globalization-without-icu → -extra', () => {
    checkFix({
      rule: 'globalization-without-icu',
      title: 'Use 10.0-noble-chiseled-extra',
      before: `${CHISELED}\nENV |TZ=Europe/Berlin\nENTRYPOINT ["dotnet", "App.dll"]\n`,
      after: `${CHISELED}-extra\nENV TZ=Europe/Berlin\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
  });

  test('untagged-image → a version tag', () => {
    checkFix({
      rule: 'untagged-image',
      title: 'Use mcr.microsoft.com/dotnet/aspnet:10.0',
      before: 'FROM |mcr.microsoft.com/dotnet/aspnet\nENTRYPOINT ["dotnet", "App.dll"]\n',
      after: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nENTRYPOINT ["dotnet", "App.dll"]\n',
    });
  });
});
