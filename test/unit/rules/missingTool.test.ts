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
