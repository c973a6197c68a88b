import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';

const RULE = 'privileged-port';
const DOTNET = 'mcr.microsoft.com/dotnet';

describe(RULE, () => {
  test('ASPNETCORE_HTTP_PORTS=80 on a chiseled image (non-root by default): on the port', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV ASPNETCORE_HTTP_PORTS=|80\n`);
    assert.equal(found!.text, '80');
    assert.equal(found!.severity, 2);
    assert.match(found!.message, /non-root/);
    assert.match(found!.message, /8080/);
  });

  test('after USER app / USER $APP_UID any .NET 8+ image runs as non-root', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nENV ASPNETCORE_HTTP_PORTS=|80\nUSER $APP_UID\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-alpine\nUSER app\nENV ASPNETCORE_URLS="http://+:|80;http://+:8081"\n`);
  });

  test('a URL without a port listens on 80', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-azurelinux3.0-distroless\nENV ASPNETCORE_URLS=|http://+\n`);
    assert.equal(found!.text, 'http://+');
    expectFix(
      RULE,
      `FROM ${DOTNET}/aspnet:10.0-azurelinux3.0-distroless\nENV ASPNETCORE_URLS=http://+\n`,
      `FROM ${DOTNET}/aspnet:10.0-azurelinux3.0-distroless\nENV ASPNETCORE_URLS=http://+:8080\n`,
    );
  });

  test('the fix moves to 8080 (8443 for 443)', () => {
    expectFix(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV ASPNETCORE_HTTP_PORTS=80\n`, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV ASPNETCORE_HTTP_PORTS=8080\n`);
    expectFix(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV ASPNETCORE_HTTPS_PORTS=443\n`, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV ASPNETCORE_HTTPS_PORTS=8443\n`);
  });

  test('--urls on the command line is where the app listens', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:|80"]\n`);
    expectFix(
      RULE,
      `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:80"]\n`,
      `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080"]\n`,
    );
  });

  test('a parent stage USER carries over, a later USER root undoes it', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0 AS base\nUSER app\nFROM base\nENV ASPNETCORE_URLS=http://+:|80\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV ASPNETCORE_HTTP_PORTS=80\nUSER root\n`);
  });

  test('one cause, one finding: EXPOSE 80 where the app listens on 8080 is port-mismatch, not this', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nEXPOSE 80\nENTRYPOINT ["dotnet", "App.dll"]\n`);
    expectRule('port-mismatch', `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nEXPOSE |80\nENTRYPOINT ["dotnet", "App.dll"]\n`);
    // Where the app is made to listen on 80, the setting is the finding and the EXPOSE agrees with it.
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV ASPNETCORE_HTTP_PORTS=|80\nEXPOSE 80\nENTRYPOINT ["dotnet", "App.dll"]\n`);
    expectRule('port-mismatch', `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV ASPNETCORE_HTTP_PORTS=80\nEXPOSE 80\nENTRYPOINT ["dotnet", "App.dll"]\n`);
  });

  test('fine: root images, ports from 1024, Windows, .NET before 8, other images, URLS winning over ports', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nENV ASPNETCORE_HTTP_PORTS=80\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nEXPOSE 8080\nENV ASPNETCORE_HTTP_PORTS=8080\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-nanoserver-ltsc2022\nENV ASPNETCORE_HTTP_PORTS=80\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:7.0\nUSER app\nENV ASPNETCORE_URLS=http://+:80\n`);
    expectRule(RULE, `FROM nginx:alpine\nUSER nginx\nENV ASPNETCORE_HTTP_PORTS=80\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\nENV ASPNETCORE_HTTP_PORTS=80\nENV ASPNETCORE_URLS=http://+:8080\n`);
  });
});
