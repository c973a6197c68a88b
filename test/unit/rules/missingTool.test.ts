import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectRule } from './ruleTest';

const RULE = 'missing-tool';
const CHISELED = 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';

describe(RULE, () => {
  test('exec-form calls of tools a chiseled or distroless image lacks', () => {
    const found = expectRule(
      RULE,
      `FROM ${CHISELED}
HEALTHCHECK CMD [|"curl", "-f", "http://localhost:8080/healthz"]
RUN [|"/usr/bin/apt-get", "install", "-y", "tzdata"]
ENTRYPOINT [|"/bin/sh", "-c", "dotnet app.dll"]
FROM mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless
CMD [|"wget", "http://example.com"]
`,
    );
    assert.deepEqual(found.map((d) => d.text), ['"curl"', '"/usr/bin/apt-get"', '"/bin/sh"', '"wget"']);
    assert.ok(found.every((d) => d.severity === 2));
    assert.match(found[0]!.message, /curl/);
  });

  test("the HEALTHCHECK advice names the URL the check calls and the stage's real entry point, never a made-up flag", () => {
    const [withEntrypoint] = expectRule(RULE, `FROM ${CHISELED}\nWORKDIR /app\nHEALTHCHECK CMD [|"curl", "-f", "http://localhost:8080/healthz"]\nENTRYPOINT ["dotnet", "MyApi.dll"]\n`);
    assert.equal(
      withEntrypoint!.message,
      "'curl' is not in this stage's image: 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled' (Ubuntu chiseled) ships no shell, package manager, curl or wget. The health check can never pass. " +
        "Probe the app's health endpoint from outside the container instead (a Kubernetes or Docker Compose probe on 'http://localhost:8080/healthz'), or, if the app has a health-check argument of its own, run its entry point 'dotnet MyApi.dll' with that argument in exec form.",
    );
    // The image's own ENTRYPOINT runs the CMD: that is the entry point.
    const [underImage] = expectRule(RULE, `FROM ${CHISELED}\nHEALTHCHECK CMD [|"wget", "-qO-", "http://localhost:8080/"]\nCMD ["MyApi.dll"]\n`);
    assert.match(underImage!.message, /run its entry point '\/usr\/bin\/dotnet MyApi\.dll' with that argument/);
    // No start command of its own: the image's `dotnet --info` is not the app; nothing is named.
    const [none] = expectRule(RULE, `FROM ${CHISELED}\nHEALTHCHECK CMD [|"curl", "http://localhost:8080/"]\n`);
    assert.match(none!.message, /run the app with it in exec form\.$/);
    for (const found of [withEntrypoint, underImage, none]) assert.ok(!/--health|app\.dll/.test(found!.message), found!.message);
  });

  test('the same calls on images that have the tools are fine', () => {
    expectRule(RULE, `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/"]\nRUN ["apt-get", "update"]\n`);
  });

  test('other programs are fine', () => {
    expectRule(RULE, `FROM ${CHISELED}\nENTRYPOINT ["dotnet", "app.dll"]\nHEALTHCHECK CMD ["./healthcheck"]\n`);
  });

  test('a tool copied into the stage first is there', () => {
    expectRule(RULE, `FROM ${CHISELED}\nCOPY --from=busybox:uclibc /bin/sh /bin/sh\nENTRYPOINT ["/bin/sh", "-c", "dotnet app.dll"]\n`);
    expectRule(RULE, `FROM scratch\nCOPY --from=build /rootfs /\nCMD ["curl", "http://x"]\n`);
  });

  test('a tool copied only after the instruction is not', () => {
    expectRule(RULE, `FROM ${CHISELED}\nENTRYPOINT [|"/bin/sh", "-c", "dotnet app.dll"]\nCOPY --from=busybox:uclibc /bin/sh /bin/sh\n`);
  });

  test('shell-form calls are left to shell-form-without-shell', () => {
    expectRule(RULE, `FROM ${CHISELED}\nHEALTHCHECK CMD curl -f http://localhost:8080/\n`);
  });
});
