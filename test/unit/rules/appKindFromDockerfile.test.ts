/**
 * version-mismatch and wrong-runtime-family read the app's kind from the Dockerfile too (the build model's intent,
 * document/intent.ts): `-p:PublishAot=true`, `--self-contained`, `-r <rid>` before .NET 8, the `-aot` SDK, and the
 * target framework of a copied `bin/Release/net9.0/publish` path. A start command that runs `./App` is no evidence
 * alone (a framework-dependent app has an apphost too); a runtime-deps final image is the author's choice, not
 * evidence about the app.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule } from './ruleTest';

const DOTNET = 'mcr.microsoft.com/dotnet';
const VERSION = 'version-mismatch';
const FAMILY = 'wrong-runtime-family';

function twoStages(publish: string, final: string, start = 'ENTRYPOINT ["./App"]', sdk = `${DOTNET}/sdk:10.0`): string {
  return `FROM ${sdk} AS build\nWORKDIR /src\nCOPY . .\nRUN ${publish}\nFROM ${final}\nCOPY --from=build /app .\n${start}\n`;
}

describe('the app kind read from the Dockerfile', () => {
  test('a Native AOT app (-p:PublishAot=true, /p:PublishAot=true, the -aot SDK) has no runtime to mismatch', () => {
    expectRule(VERSION, twoStages('dotnet publish -c Release -r linux-x64 -p:PublishAot=true -o /app', `${DOTNET}/runtime-deps:9.0`));
    expectRule(VERSION, twoStages('dotnet publish -c Release /p:PublishAot=true -o /app', `${DOTNET}/aspnet:9.0`));
    expectRule(VERSION, twoStages('dotnet publish -c Release -o /app', `${DOTNET}/runtime:9.0`, 'ENTRYPOINT ["./App"]', `${DOTNET}/sdk:10.0-noble-aot`));
    // And on aspnet it is dead weight (wrong-runtime-family), with the reason from the Dockerfile.
    const [found] = expectRule(FAMILY, twoStages('dotnet publish -c Release -p:PublishAot=true -o /app', `|${DOTNET}/aspnet:10.0`));
    assert.match(found!.message, /Native AOT app \(-p:PublishAot=true\)/);
    expectFix(FAMILY, twoStages('dotnet publish -p:PublishAot=true -o /app', `${DOTNET}/aspnet:10.0`), twoStages('dotnet publish -p:PublishAot=true -o /app', `${DOTNET}/runtime-deps:10.0`));
  });

  test('--self-contained: no version mismatch, and runtime is dead weight', () => {
    expectRule(VERSION, twoStages('dotnet publish -r linux-x64 --self-contained -o /app', `${DOTNET}/runtime:8.0`));
    expectRule(FAMILY, twoStages('dotnet publish -r linux-x64 --self-contained true -o /app', `|${DOTNET}/runtime:10.0`));
  });

  test('-r <rid> made an app self-contained before .NET 8 (the target, or else the SDK, decides)', () => {
    const [found] = expectRule(FAMILY, twoStages('dotnet publish -r linux-x64 -o /app', `|${DOTNET}/aspnet:7.0`, 'ENTRYPOINT ["./App"]', `${DOTNET}/sdk:7.0`));
    assert.match(found!.message, /self-contained app \(-r linux-x64 on the \.NET 7\.0 SDK, started as \.\/App\)/);
    expectRule(FAMILY, twoStages('dotnet publish -r linux-x64 -f net6.0 -o /app', `|${DOTNET}/runtime:6.0`));
    // From .NET 8 on, -r alone is framework-dependent (NETSDK1201): no finding, and the SDK/runtime mismatch is real.
    expectRule(FAMILY, twoStages('dotnet publish -r linux-x64 -o /app', `${DOTNET}/runtime:10.0`));
    expectRule(VERSION, twoStages('dotnet publish -r linux-x64 -o /app', `${DOTNET}/runtime:|9.0`));
    expectRule(FAMILY, twoStages('dotnet publish -r linux-x64 --self-contained false -o /app', `${DOTNET}/aspnet:7.0`, 'ENTRYPOINT ["./App"]', `${DOTNET}/sdk:7.0`));
  });

  test('./App as the start command alone is no evidence (a framework-dependent app has an apphost)', () => {
    expectRule(VERSION, twoStages('dotnet publish -c Release -o /app', `${DOTNET}/runtime:|9.0`, 'ENTRYPOINT ["./App"]'));
    expectRule(FAMILY, twoStages('dotnet publish -c Release -o /app', `${DOTNET}/runtime:10.0`, 'ENTRYPOINT ["./App"]'));
  });

  test('a runtime-deps final image is no evidence either: a framework-dependent app there is the family, not the version', () => {
    expectRule(VERSION, twoStages('dotnet publish -c Release -o /app', `${DOTNET}/runtime-deps:9.0`, 'ENTRYPOINT ["dotnet", "App.dll"]'));
    expectRule(FAMILY, twoStages('dotnet publish -c Release -o /app', `|${DOTNET}/runtime-deps:10.0`, 'ENTRYPOINT ["dotnet", "App.dll"]'));
  });

  test('the target framework in a copied path: bin/Release/net9.0/publish onto a 10.0 runtime', () => {
    const [found] = expectRule(VERSION, `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/aspnet:|10.0\nCOPY bin/Release/net9.0/publish/ /app/\nENTRYPOINT ["dotnet", "/app/App.dll"]\n`);
    assert.match(found!.message, /the app targets \.NET 9\.0 \(the copied path bin\/Release\/net9\.0\/publish\/\)/);
    expectRule(VERSION, `FROM ${DOTNET}/sdk:10.0 AS build\nFROM ${DOTNET}/aspnet:10.0\nCOPY ["bin/Release/net10.0/linux-x64/publish", "/app/"]\nENTRYPOINT ["dotnet", "/app/App.dll"]\n`);
  });
});
