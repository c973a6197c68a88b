/**
 * The image's own ENTRYPOINT and CMD (images/imageStart.ts, from Microsoft's Dockerfiles) and the start command of a
 * stage that includes them (stageFacts.startCommand, build.startWords).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildOf } from '../../server/src/service/document/build';
import { realCatalog, testService, TODAY } from './../helpers/service';

const service = testService();
const catalog = realCatalog();
const DOTNET = 'mcr.microsoft.com/dotnet';

function startOf(text: string): { words: readonly string[] | undefined; image: readonly string[] | undefined } {
  const model = service.parse(TextDocument.create('file:///work/Dockerfile', 'dockerfile', 1, text));
  const build = buildOf(model, { catalog, today: TODAY, project: undefined, snippetSupport: true });
  const final = model.stages.finalStage!;
  return { words: build.startWords(final), image: build.stage(final).startCommand().imageEntrypoint };
}

describe('the image brings its own ENTRYPOINT and CMD', () => {
  test('chiseled and distroless runtime and aspnet: /usr/bin/dotnet --info; the others: nothing', () => {
    for (const image of [`${DOTNET}/aspnet:10.0-noble-chiseled`, `${DOTNET}/runtime:10.0-azurelinux3.0-distroless`, `${DOTNET}/aspnet:8.0-jammy-chiseled-composite-amd64`, `${DOTNET}/runtime:7.0-cbl-mariner2.0-distroless`]) {
      assert.deepEqual(startOf(`FROM ${image}\n`), { words: ['/usr/bin/dotnet', '--info'], image: ['/usr/bin/dotnet'] }, image);
    }
    for (const image of [`${DOTNET}/aspnet:10.0-noble`, `${DOTNET}/runtime-deps:10.0-noble-chiseled`, `${DOTNET}/sdk:10.0`, `${DOTNET}/runtime:6.0-cbl-mariner2.0-distroless`, `${DOTNET}/aspnet:10.0-nanoserver-ltsc2022`]) {
      assert.deepEqual(startOf(`FROM ${image}\n`), { words: undefined, image: undefined }, image);
    }
  });

  test('the appliances start their own program', () => {
    assert.deepEqual(startOf(`FROM ${DOTNET}/monitor:9\n`).words, ['dotnet-monitor', 'collect', '--urls', 'https://+:52323', '--metricUrls', 'http://+:52325']);
    assert.deepEqual(startOf(`FROM ${DOTNET}/aspire-dashboard:9\n`).words, ['dotnet', '/app/Aspire.Dashboard.dll']);
  });

  test('a CMD becomes the arguments of the image ENTRYPOINT; a shell-form one as /bin/sh -c', () => {
    const chiseled = `FROM ${DOTNET}/aspnet:10.0-noble-chiseled\n`;
    assert.deepEqual(startOf(`${chiseled}CMD ["App.dll"]\n`).words, ['/usr/bin/dotnet', 'App.dll']);
    assert.deepEqual(startOf(`${chiseled}CMD ["dotnet", "App.dll"]\n`).words, ['/usr/bin/dotnet', 'dotnet', 'App.dll']);
    assert.deepEqual(startOf(`${chiseled}CMD dotnet App.dll\n`).words, ['/usr/bin/dotnet', '/bin/sh', '-c', 'dotnet App.dll']);
  });

  test("the Dockerfile's ENTRYPOINT replaces the image's and drops its CMD, also through FROM <stage>", () => {
    const chiseled = `FROM ${DOTNET}/aspnet:10.0-noble-chiseled AS base\n`;
    assert.deepEqual(startOf(`${chiseled}ENTRYPOINT ["dotnet", "App.dll"]\n`), { words: ['dotnet', 'App.dll'], image: undefined });
    assert.deepEqual(startOf(`${chiseled}ENTRYPOINT ["dotnet", "App.dll"]\nFROM base\nCMD ["--urls", "http://+:8080"]\n`).words, ['dotnet', 'App.dll', '--urls', 'http://+:8080']);
    assert.deepEqual(startOf(`${chiseled}FROM base\nCMD ["App.dll"]\n`), { words: ['/usr/bin/dotnet', 'App.dll'], image: ['/usr/bin/dotnet'] });
  });
});
