import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';
import { projectFacts } from '../../helpers/project';

const RULE = 'port-mismatch';
const DOTNET = 'mcr.microsoft.com/dotnet';
const START = 'ENTRYPOINT ["dotnet", "App.dll"]\n';

describe(RULE, () => {
  test('EXPOSE 80 on .NET 8+: the app listens on 8080 (the image sets ASPNETCORE_HTTP_PORTS)', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE |80\n${START}`);
    assert.equal(found!.text, '80');
    assert.equal(found!.severity, 2);
    assert.match(found!.message, /listens on 8080 \(ASPNETCORE_HTTP_PORTS=8080 in \.NET 10\.0 images\)/);
    expectFix(RULE, `FROM ${DOTNET}/aspnet:8.0\nEXPOSE 80/tcp\n${START}`, `FROM ${DOTNET}/aspnet:8.0\nEXPOSE 8080/tcp\n${START}`);
  });

  test('before .NET 8 the image listens on 80: EXPOSE 5000 is the mismatch', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:6.0 AS base\nEXPOSE |5000\nFROM base\n${START}`);
    expectFix(RULE, `FROM ${DOTNET}/aspnet:6.0\nEXPOSE 5000\n${START}`, `FROM ${DOTNET}/aspnet:6.0\nEXPOSE 80\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/core/aspnet:3.1\nEXPOSE |5000\n${START}`);
    expectRule(RULE, `FROM microsoft/dotnet:2.1-aspnetcore-runtime\nEXPOSE |5000\n${START}`);
  });

  test('the Dockerfile decides: ASPNETCORE_URLS wins over the ports, --urls over both', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE |80\nENV ASPNETCORE_URLS=http://*:8080\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE 5000\nENV ASPNETCORE_URLS=http://+:5000\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE 5000\nENV ASPNETCORE_HTTP_PORTS=5000\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE 5000\nENV URLS=http://+:5000\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE |8080\nENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:5000"]\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:7.0\nEXPOSE 5000\nENV ASPNETCORE_URLS=http://+:5000\n${START}`);
  });

  test('one matching EXPOSE is enough (an extra port may be HTTPS or metrics set at run time)', () => {
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE 8080\nEXPOSE 8081\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:6.0\nEXPOSE 80\nEXPOSE 443\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE 8080-8090\n${START}`);
    // 443 is HTTPS by convention: set up at run time with a certificate; the HTTP port is the finding.
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE |80\nEXPOSE 443\n${START}`);
  });

  test('a HEALTHCHECK URL on another port never passes', () => {
    const [found] = expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE 8080\nHEALTHCHECK CMD curl -f http://localhost:|80/health || exit 1\n${START}`);
    assert.match(found!.message, /never pass/);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nHEALTHCHECK CMD curl -f |http://localhost/health\n${START}`);
    // Microsoft's own 8.0 nanoserver sample (its history in the corpus): the image listens on 8080, the check calls 80.
    expectRule(RULE, `FROM ${DOTNET}/aspnet:8.0-nanoserver-ltsc2022\nEXPOSE 8080\nHEALTHCHECK CMD curl -sf --show-error http://localhost:|80/healthz |||| exit 1\nENTRYPOINT ["aspnetapp"]\n`);
    expectFix(
      RULE,
      `FROM ${DOTNET}/aspnet:10.0\nHEALTHCHECK CMD ["curl", "-f", "http://127.0.0.1/health"]\n${START}`,
      `FROM ${DOTNET}/aspnet:10.0\nHEALTHCHECK CMD ["curl", "-f", "http://127.0.0.1:8080/health"]\n${START}`,
    );
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nENV PORT=80\nHEALTHCHECK CMD curl -f |http://localhost:$PORT/health\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nENV PORT=8080\nHEALTHCHECK CMD curl -f http://localhost:$PORT/health\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nHEALTHCHECK CMD curl -f http://localhost:8080/health\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nHEALTHCHECK CMD curl -f http://other-service:80/health\n${START}`);
  });

  test('quiet where the Dockerfile cannot tell: dotnet run, a script, no start, a variable, a worker on runtime', () => {
    expectRule(RULE, `FROM ${DOTNET}/sdk:10.0\nEXPOSE 80\nCMD ["dotnet", "run"]\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE 80\nENTRYPOINT ["./entrypoint.sh"]\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nEXPOSE 80\n`);
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0\nARG PORT\nENV ASPNETCORE_URLS=http://+:$PORT\nEXPOSE 80\n${START}`);
    expectRule(RULE, `FROM ${DOTNET}/runtime:10.0\nEXPOSE 9090\n${START}`);
    expectRule(RULE, `FROM nginx\nEXPOSE 80\nCMD ["nginx"]\n`);
    // IIS hosts the app (ASP.NET Core Module): it listens where IIS does.
    expectRule(RULE, `FROM ${DOTNET}/aspnet:10.0-windowsservercore-ltsc2022\nRUN powershell -Command Add-WindowsFeature Web-Server\nEXPOSE 80\nENTRYPOINT ["C:\\\\ServiceMonitor.exe", "w3svc"]\n`);
  });

  test('a web project on the runtime-deps image (self-contained) is judged too', () => {
    expectRule(RULE, `FROM ${DOTNET}/runtime-deps:10.0\nEXPOSE |80\nENTRYPOINT ["./App"]\n`, { project: projectFacts({ isWeb: true, selfContained: true }) });
  });
});
