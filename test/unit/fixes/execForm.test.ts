import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from '../../helpers/markers';
import { actions, apply, checkFix, diagnosticFor, parse, service, titles } from './fixHarness';

const RULE = 'shell-form-without-shell';
const EXEC = 'Rewrite in exec form';
const CHISELED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';
/** The chiseled aspnet and runtime images have `ENTRYPOINT ["/usr/bin/dotnet"]`: a CMD in exec form would be its arguments. */
const AS_ENTRYPOINT = `Rewrite in exec form as ENTRYPOINT (as a CMD it would be arguments to the image's ENTRYPOINT ["/usr/bin/dotnet"])`;
const asEntrypoint = (inlines: string): string => `Rewrite in exec form as ENTRYPOINT (inlines ${inlines}) (as a CMD it would be arguments to the image's ENTRYPOINT ["/usr/bin/dotnet"])`;

/** Titles of the fixes that can be applied for the shell-form diagnostic at the marker. */
function offered(source: string): string[] {
  const m = marked(source);
  const model = parse(m.text);
  return titles(actions(model, [diagnosticFor(model, m.offsets[0]!, RULE)]).filter((a) => !a.disabled));
}

/** The reason of the disabled exec-form action at the marker, for clients that show them. */
function refusal(source: string): string | undefined {
  const m = marked(source);
  const model = parse(m.text);
  return actions(model, [diagnosticFor(model, m.offsets[0]!, RULE)]).find((a) => a.title === EXEC && a.disabled)?.disabled?.reason;
}

describe('exec-form rewrite: the quick fix', () => {
  test('CMD under the image ENTRYPOINT ["/usr/bin/dotnet"] is written as ENTRYPOINT: quotes removed, JSON escaped, preferred and safe', () => {
    const action = checkFix({
      rule: RULE,
      title: AS_ENTRYPOINT,
      preferred: true,
      before: `${CHISELED}\nWORKDIR /app\n|CMD dotnet App.dll --urls "http://+:8080" --name 'my "app"'\n`,
      after: `${CHISELED}\nWORKDIR /app\nENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080", "--name", "my \\"app\\""]\n`,
    });
    assert.equal(action.isPreferred, true);
  });

  test('CMD stays CMD where the image has no ENTRYPOINT (runtime-deps, images with a shell)', () => {
    checkFix({
      rule: RULE,
      title: EXEC,
      preferred: true,
      before: `FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled\nWORKDIR /app\n|CMD ./App --urls "http://+:8080"\n`,
      after: `FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled\nWORKDIR /app\nCMD ["./App", "--urls", "http://+:8080"]\n`,
    });
    const m = marked(`FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\n|CMD dotnet App.dll\n`);
    const model = parse(m.text);
    assert.deepEqual(titles(service.codeActions(model, { start: m.position(0), end: m.position(0) }, { diagnostics: [], only: ['refactor.rewrite'] })), [EXEC]);
  });

  test('a lowercase cmd becomes a lowercase entrypoint; comments inside the continuation move above it', () => {
    checkFix({
      rule: RULE,
      title: AS_ENTRYPOINT,
      before: `${CHISELED}\n|cmd dotnet \\\n# the app\n  App.dll\n`,
      after: `${CHISELED}\n# the app\nentrypoint ["dotnet", "App.dll"]\n`,
    });
  });

  test('written as ENTRYPOINT, it is not safe when a stage built FROM this one could set its own CMD', () => {
    const m = marked(`${CHISELED} AS base\n|CMD dotnet App.dll\nFROM base\nCMD ["--urls", "http://+:8080"]\n`);
    const model = parse(m.text);
    const fixes = service.codeActions(model, { start: m.position(0), end: m.position(0) }, { diagnostics: [], only: ['source.fixAll'] });
    assert.deepEqual(fixes, []);
  });

  test('the keyword keeps its case, a leading exec is dropped', () => {
    checkFix({
      rule: RULE,
      title: EXEC,
      before: `${CHISELED}\n|entrypoint exec dotnet App.dll\n`,
      after: `${CHISELED}\nentrypoint ["dotnet", "App.dll"]\n`,
    });
  });

  test('continuation lines are joined and comments inside them move above the instruction', () => {
    checkFix({
      rule: RULE,
      title: EXEC,
      before: `${CHISELED}\n  |ENTRYPOINT dotnet \\\n    App.dll \\\n  # the port\n    --urls http://+:8080\nUSER app\n`,
      after: `${CHISELED}\n  # the port\n  ENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080"]\nUSER app\n`,
    });
  });

  test('RUN keeps its flags, also when they stand on their own lines', () => {
    checkFix({
      rule: RULE,
      title: EXEC,
      before: `${CHISELED}\n|RUN --mount=type=cache,target=/root/.cache \\\n    --network=none \\\n    /app/tool init --force\n`,
      after: `${CHISELED}\nRUN --mount=type=cache,target=/root/.cache \\\n    --network=none ["/app/tool", "init", "--force"]\n`,
    });
  });

  test('HEALTHCHECK keeps its options and the CMD word', () => {
    checkFix({
      rule: RULE,
      title: EXEC,
      before: `${CHISELED}\n|HEALTHCHECK --interval=30s --timeout=3s CMD dotnet /app/healthcheck.dll 'http://localhost:8080/healthz'\n`,
      after: `${CHISELED}\nHEALTHCHECK --interval=30s --timeout=3s CMD ["dotnet", "/app/healthcheck.dll", "http://localhost:8080/healthz"]\n`,
    });
  });

  test('with # escape=` the continuation is a backquote, and the JSON is still backslash-escaped', () => {
    checkFix({
      rule: RULE,
      title: AS_ENTRYPOINT,
      before: `# escape=\`\nFROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled\n|CMD dotnet \`\n    App.dll "a\\"b" 'c\\d' e\\ f\n`,
      after: `# escape=\`\nFROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled\nENTRYPOINT ["dotnet", "App.dll", "a\\"b", "c\\\\d", "e f"]\n`,
    });
  });

  test('CRLF line ends are kept', () => {
    checkFix({
      rule: RULE,
      title: AS_ENTRYPOINT,
      before: `${CHISELED}\r\n|CMD dotnet \\\r\n  App.dll\r\nEXPOSE 8080\r\n`,
      after: `${CHISELED}\r\nENTRYPOINT ["dotnet", "App.dll"]\r\nEXPOSE 8080\r\n`,
    });
  });

  test('non-ASCII text stays as it is', () => {
    checkFix({
      rule: RULE,
      title: EXEC,
      before: `${CHISELED}\n|ENTRYPOINT dotnet App.dll --greeting "héllo wörld" 日本語\n`,
      after: `${CHISELED}\nENTRYPOINT ["dotnet", "App.dll", "--greeting", "héllo wörld", "日本語"]\n`,
    });
  });

  test('what looks like JSON but is not is shell form; sh would glob it, so no plain rewrite', () => {
    assert.ok(!offered(`${CHISELED}\n|CMD ['dotnet', 'App.dll']\n`).includes(EXEC));
  });
});

describe('exec-form rewrite: variables', () => {
  test('an ENV value is inlined and the title says so; not preferred', () => {
    checkFix({
      rule: RULE,
      title: asEntrypoint('$PORT=8080'),
      preferred: false,
      before: `${CHISELED}\nENV PORT=8080\n|CMD dotnet App.dll --urls "http://+:\${PORT}"\n`,
      after: `${CHISELED}\nENV PORT=8080\nENTRYPOINT ["dotnet", "App.dll", "--urls", "http://+:8080"]\n`,
    });
  });

  test('ENV from a parent stage and ENV built from an ARG are known', () => {
    checkFix({
      rule: RULE,
      title: asEntrypoint('$APP=/app/App.dll, $LEVEL=info'),
      before: `${CHISELED} AS base\nARG DIR=/app\nENV APP=$DIR/App.dll\nFROM base\nENV LEVEL="info"\n|CMD dotnet $APP --log $LEVEL\n`,
      after: `${CHISELED} AS base\nARG DIR=/app\nENV APP=$DIR/App.dll\nFROM base\nENV LEVEL="info"\nENTRYPOINT ["dotnet", "/app/App.dll", "--log", "info"]\n`,
    });
  });

  test('RUN sees the stage ARGs too', () => {
    checkFix({
      rule: RULE,
      title: 'Rewrite in exec form (inlines $CONFIG=Release)',
      before: `${CHISELED}\nARG CONFIG=Release\n|RUN /app/setup --configuration $CONFIG\n`,
      after: `${CHISELED}\nARG CONFIG=Release\nRUN ["/app/setup", "--configuration", "Release"]\n`,
    });
  });

  test('an ARG is not there when the container runs, so CMD does not inline it', () => {
    assert.ok(!offered(`${CHISELED}\nARG PORT=8080\n|CMD dotnet App.dll --port $PORT\n`).some((t) => t.startsWith(EXEC)));
  });

  test('a variable declared after the instruction, or with an unknown value, is not inlined', () => {
    assert.ok(!offered(`${CHISELED}\n|CMD dotnet App.dll --port $PORT\nENV PORT=8080\n`).some((t) => t.startsWith(EXEC)));
    assert.ok(!offered(`${CHISELED}\nENV PORT=$FROM_BASE_IMAGE\n|CMD dotnet App.dll --port $PORT\n`).some((t) => t.startsWith(EXEC)));
    assert.ok(!offered(`${CHISELED}\n|CMD dotnet App.dll --home $HOME\n`).some((t) => t.startsWith(EXEC)));
  });
});

describe('exec-form rewrite: not offered when meaning would change', () => {
  const cases: Record<string, string> = {
    'and-list': '|CMD dotnet App.dll && echo done',
    pipe: '|RUN /app/tool list || sort',
    redirection: '|CMD dotnet App.dll > /tmp/log',
    glob: '|RUN /app/tool *.json',
    'command substitution': '|CMD dotnet $(ls *.dll)',
    backquotes: '|CMD dotnet `cat name`',
    'a builtin': '|CMD cd /app',
    'an assignment': '|CMD DOTNET_gcServer=1 dotnet App.dll',
    'a heredoc RUN': '|RUN <<EOF\n/app/tool init\nEOF',
  };
  const reasons: Record<string, string> = {
    'and-list': "It cannot be rewritten in exec form as it is: the command uses '&&'.",
    pipe: "It cannot be rewritten in exec form as it is: the command uses a pipe '|'.",
    redirection: "It cannot be rewritten in exec form as it is: the command redirects with '>'.",
    glob: "It cannot be rewritten in exec form as it is: the command uses the wildcard '*'.",
    'command substitution': 'It cannot be rewritten in exec form as it is: the command uses command substitution.',
    backquotes: 'It cannot be rewritten in exec form as it is: the command uses command substitution.',
    'a builtin': "It cannot be rewritten in exec form as it is: the command runs the shell builtin 'cd'.",
    'an assignment': "It cannot be rewritten in exec form as it is: the command sets 'DOTNET_gcServer=1' for the command.",
    'a heredoc RUN': 'It cannot be rewritten in exec form as it is: it is a here-document script, which only a shell can run.',
  };
  for (const [name, line] of Object.entries(cases)) {
    test(name, () => {
      const source = `${CHISELED}\n${line}\n`;
      assert.ok(!offered(source).some((t) => t.startsWith(EXEC)), line);
      // Clients that show disabled actions learn why (VS Code lists it greyed out with the reason).
      assert.equal(refusal(source), reasons[name]);
    });
  }

  test('after a SHELL instruction the split would be the wrong shell', () => {
    const source = `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nSHELL ["/bin/bash", "-c"]\n|CMD dotnet App.dll\n`;
    const m = marked(source);
    const model = parse(m.text);
    assert.deepEqual(titles(service.codeActions(model, { start: m.position(0), end: m.position(0) }, { diagnostics: [] })), []);
  });
});

describe('exec-form rewrite: the refactor on request', () => {
  test('offered as refactor.rewrite on any shell-form command, without a diagnostic', () => {
    const m = marked(`FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nRUN apt-get update\nCMD dotnet |App.dll\n`);
    const model = parse(m.text);
    const list = service.codeActions(model, { start: m.position(0), end: m.position(0) }, { diagnostics: [] });
    assert.deepEqual(
      list.map((a) => ({ title: a.title, kind: a.kind, diagnostics: a.diagnostics, preferred: a.isPreferred })),
      [{ title: EXEC, kind: 'refactor.rewrite', diagnostics: undefined, preferred: undefined }],
    );
    const result = apply(model, list[0]!);
    assert.equal(result, `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nRUN apt-get update\nCMD ["dotnet", "App.dll"]\n`);
    // Twice changes nothing: the CMD is in exec form now, so the refactor is gone.
    const again = parse(result);
    assert.deepEqual(service.codeActions(again, { start: m.position(0), end: m.position(0) }, { diagnostics: [] }), []);
  });

  test('a selection covering several instructions offers one rewrite each', () => {
    const m = marked(`FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\n|RUN /app/tool init\nENTRYPOINT dotnet App.dll|\n`);
    const model = parse(m.text);
    const list = service.codeActions(model, m.range(0), { diagnostics: [] });
    assert.deepEqual(list.map((a) => apply(model, a)), [
      `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nRUN ["/app/tool", "init"]\nENTRYPOINT dotnet App.dll\n`,
      `FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nRUN /app/tool init\nENTRYPOINT ["dotnet", "App.dll"]\n`,
    ]);
  });

  test('not offered when only quick fixes are asked for, on Windows images, or on exec form', () => {
    const linux = marked(`FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nCMD dotnet |App.dll\n`);
    const linuxModel = parse(linux.text);
    assert.deepEqual(service.codeActions(linuxModel, { start: linux.position(0), end: linux.position(0) }, { diagnostics: [], only: ['quickfix'] }), []);
    const windows = marked(`FROM mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-ltsc2022\nCMD dotnet |App.dll\n`);
    assert.deepEqual(service.codeActions(parse(windows.text), { start: windows.position(0), end: windows.position(0) }, { diagnostics: [] }), []);
    const exec = marked(`FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nCMD ["dotnet", |"App.dll"]\n`);
    assert.deepEqual(service.codeActions(parse(exec.text), { start: exec.position(0), end: exec.position(0) }, { diagnostics: [] }), []);
  });

  test('with a diagnostic on the instruction, the quick fix replaces the refactor', () => {
    const m = marked(`${CHISELED}\n|CMD dotnet App.dll\n`);
    const model = parse(m.text);
    const diagnostic = diagnosticFor(model, m.offsets[0]!, RULE);
    const kinds = service.codeActions(model, diagnostic.range, { diagnostics: [diagnostic] }).filter((a) => a.title === AS_ENTRYPOINT).map((a) => a.kind);
    assert.deepEqual(kinds, ['quickfix']);
  });
});
