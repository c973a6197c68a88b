/**
 * cmd-after-image-entrypoint: an exec-form CMD that repeats the program of the image's own ENTRYPOINT (the chiseled
 * and distroless runtime and aspnet images run `/usr/bin/dotnet`).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectFix, expectRule, lint } from './ruleTest';
import { checkFix } from '../fixes/fixHarness';

const RULE = 'cmd-after-image-entrypoint';
const CHISELED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';

describe(RULE, () => {
  test('CMD ["dotnet", ...] under the image ENTRYPOINT of chiseled and distroless runtime and aspnet images', () => {
    const found = expectRule(
      RULE,
      `${CHISELED}
WORKDIR /app
CMD [|"dotnet", "App.dll", "--urls", "http://+:8080"]
FROM mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless AS worker
CMD [ |"/usr/bin/dotnet", "/app/Worker.dll" ]
FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled-composite
CMD [|"dotnet", "App.dll"]
`,
    );
    assert.equal(found[0]!.severity, 1);
    assert.equal(
      found[0]!.message,
      `This CMD is handed to the image's own ENTRYPOINT '["/usr/bin/dotnet"]' as arguments: the container runs '/usr/bin/dotnet dotnet App.dll --urls http://+:8080', which takes 'dotnet' for what to run, so it cannot start. Write it as 'ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080"]', or leave 'dotnet' out of the CMD ('CMD ["App.dll", "--urls", "http://+:8080"]').`,
    );
  });

  test('quiet where the CMD is right or the image brings no ENTRYPOINT', () => {
    // The image's ENTRYPOINT runs the app: the intended use.
    expectRule(RULE, `${CHISELED}\nCMD ["App.dll"]\n`);
    // The Dockerfile's own ENTRYPOINT replaces the image's, in the stage or one it is built FROM.
    expectRule(RULE, `${CHISELED}\nENTRYPOINT ["dotnet"]\nCMD ["dotnet", "App.dll"]\n`);
    expectRule(RULE, `${CHISELED} AS base\nENTRYPOINT ["dotnet", "App.dll"]\nFROM base\nCMD ["dotnet", "Other.dll"]\n`);
    // Full images, runtime-deps and the SDK set no ENTRYPOINT; .NET 6.0 CBL-Mariner distroless did not either.
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nCMD ["dotnet", "App.dll"]\n`);
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled\nCMD ["dotnet", "App.dll"]\n`);
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/runtime:6.0-cbl-mariner2.0-distroless\nCMD ["dotnet", "App.dll"]\n`);
    // An earlier CMD replaced by a later one does not run.
    expectRule(RULE, `${CHISELED}\nCMD ["dotnet", "App.dll"]\nCMD ["App.dll"]\n`);
    // Not an image we know the ENTRYPOINT of.
    expectRule(RULE, `FROM example.com/some/image:1\nCMD ["dotnet", "App.dll"]\n`);
  });

  test('a stage built FROM the stage with the CMD: reported once, at the CMD', () => {
    expectRule(RULE, `${CHISELED} AS base\nCMD [|"dotnet", "App.dll"]\nFROM base\nENV X=1\n`);
  });

  test('the monitor images run dotnet-monitor: a CMD starting with it again is reported', () => {
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/monitor:9\nCMD [|"dotnet-monitor", "collect"]\n`);
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/monitor:9\nCMD ["collect", "--no-auth"]\n`);
  });

  test('fix: write it as ENTRYPOINT (preferred, safe), keeping the keyword case', () => {
    expectFix(RULE, `${CHISELED}\nWORKDIR /app\nCMD ["dotnet", "App.dll"]\n`, `${CHISELED}\nWORKDIR /app\nENTRYPOINT ["dotnet", "App.dll"]\n`);
    expectFix(RULE, `${CHISELED}\ncmd ["dotnet", "App.dll"]\n`, `${CHISELED}\nentrypoint ["dotnet", "App.dll"]\n`);
    const [found] = lint(`${CHISELED}\nCMD ["dotnet", "App.dll"]\n`).filter((d) => d.code === RULE);
    assert.deepEqual(
      found!.replacements.map((r) => [r.title, r.preferred ?? false, r.safe ?? false]),
      [
        ['Write it as ENTRYPOINT ["dotnet", "App.dll"]: it replaces the image\'s ENTRYPOINT', true, true],
        ['Leave dotnet out of the CMD: the image\'s ENTRYPOINT ["/usr/bin/dotnet"] runs the rest', false, false],
      ],
    );
  });

  test('fix: written as ENTRYPOINT it is not safe when a stage built FROM this one may set its own CMD', () => {
    const [found] = lint(`${CHISELED} AS base\nCMD ["dotnet", "App.dll"]\nFROM base\nCMD ["Other.dll"]\n`).filter((d) => d.code === RULE);
    assert.equal(found!.replacements[0]!.safe, undefined);
  });

  test('fix: leave dotnet out of the CMD, whole text, applied twice changes nothing', () => {
    checkFix({
      rule: RULE,
      title: `Leave dotnet out of the CMD: the image's ENTRYPOINT ["/usr/bin/dotnet"] runs the rest`,
      before: `${CHISELED}\nWORKDIR /app\nCMD [|"dotnet",  "App.dll", "--urls", "http://+:8080"]\n`,
      after: `${CHISELED}\nWORKDIR /app\nCMD ["App.dll", "--urls", "http://+:8080"]\n`,
    });
    checkFix({
      rule: RULE,
      title: `Write it as ENTRYPOINT ["dotnet", "App.dll"]: it replaces the image's ENTRYPOINT`,
      before: `${CHISELED}\nWORKDIR /app\nCMD [|"dotnet", "App.dll"]\n`,
      after: `${CHISELED}\nWORKDIR /app\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    });
  });

  test('not offered to leave the program out when the CMD has nothing else', () => {
    const [found] = lint(`${CHISELED}\nCMD ["dotnet"]\n`).filter((d) => d.code === RULE);
    assert.deepEqual(found!.replacements.map((r) => r.title), ['Write it as ENTRYPOINT ["dotnet"]: it replaces the image\'s ENTRYPOINT']);
  });
});
