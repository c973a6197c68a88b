import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDotnetDockerfileService } from '../../../server/src/service';
import { marked } from '../../helpers/markers';
import { actions, checkFix, diagnosticFor, parse, titles } from './fixHarness';

const RULE = 'shell-form-without-shell';

function switchTitles(source: string, rule = RULE): string[] {
  const m = marked(source);
  const model = parse(m.text);
  return titles(actions(model, [diagnosticFor(model, m.offsets[0]!, rule)])).filter((t) => t.startsWith('Switch to'));
}

describe('switch to the image with a shell', () => {
  test('Ubuntu chiseled → the full Ubuntu image of the same version', () => {
    checkFix({
      rule: RULE,
      title: 'Switch to aspnet:10.0-noble, which has a shell',
      preferred: false,
      before: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /app\n|CMD dotnet App.dll && echo started\n',
      after: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nWORKDIR /app\nCMD dotnet App.dll && echo started\n',
    });
  });

  test('-chiseled-extra → full Ubuntu (it ships ICU), the arch kept', () => {
    checkFix({
      rule: RULE,
      title: 'Switch to aspnet:10.0-noble-arm64v8, which has a shell',
      before: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra-arm64v8\n|RUN mkdir -p /app/data\n',
      after: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-arm64v8\nRUN mkdir -p /app/data\n',
    });
  });

  test('Azure Linux distroless → Azure Linux, a fixed version kept', () => {
    checkFix({
      rule: RULE,
      title: 'Switch to aspnet:10.0-azurelinux3.0-amd64, which has a shell',
      before: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0-distroless-extra-amd64\n|ENTRYPOINT dotnet App.dll $ARGS\n',
      after: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0-amd64\nENTRYPOINT dotnet App.dll $ARGS\n',
    });
    checkFix({
      rule: RULE,
      title: 'Switch to aspnet:10.0.11-noble, which has a shell',
      before: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0.11-noble-chiseled\n|CMD dotnet App.dll > /dev/stdout\n',
      after: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0.11-noble\nCMD dotnet App.dll > /dev/stdout\n',
    });
  });

  test('through FROM <stage>, the root image is switched', () => {
    checkFix({
      rule: RULE,
      title: 'Switch to runtime-deps:8.0-jammy, which has a shell',
      before: 'FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled AS base\nFROM base AS final\n|RUN echo hi > /tmp/x\n',
      after: 'FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy AS base\nFROM base AS final\nRUN echo hi > /tmp/x\n',
    });
  });

  test('offered for missing-tool only when the tool is a shell', () => {
    assert.deepEqual(switchTitles('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\n|RUN ["/bin/sh", "-c", "echo"]\n', 'missing-tool'), [
      'Switch to aspnet:10.0-noble, which has a shell',
    ]);
    assert.deepEqual(switchTitles('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\n|HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080"]\n', 'missing-tool'), []);
  });

  test('not offered: a tag from an ARG, an image with a shell, appliances, no catalog', () => {
    assert.deepEqual(switchTitles('ARG TAG=10.0-noble-chiseled\nFROM mcr.microsoft.com/dotnet/aspnet:$TAG\n|CMD dotnet App.dll\n'), []);
    assert.deepEqual(switchTitles('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\n|CMD dotnet App.dll\n'), []);
    assert.deepEqual(switchTitles('FROM mcr.microsoft.com/dotnet/monitor:9\n|CMD dotnet-monitor collect\n'), []);
    const service = createDotnetDockerfileService({ catalog: undefined, today: () => '2026-11-22' });
    const m = marked('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\n|CMD dotnet App.dll\n');
    const model = service.parse(parse(m.text).document);
    const diagnostic = diagnosticFor(model, m.offsets[0]!, RULE);
    assert.deepEqual(titles(service.codeActions(model, diagnostic.range, { diagnostics: [diagnostic] })).filter((t) => t.startsWith('Switch')), []);
  });
});
