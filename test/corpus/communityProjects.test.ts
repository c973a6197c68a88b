/**
 * The project search on the community corpus (test/fixtures/community): real Dockerfiles written by the .NET
 * community, with the project files stored beside seven of them.
 *  - every stored project is the one the host finds for its Dockerfile (repository folder as the workspace);
 *  - on every Visual Studio-layout and multi-project Dockerfile, the search's first candidate is the project the
 *    final stage's publish names;
 *  - the three project-aware rules find exactly the judged findings on the whole corpus.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDotnetDockerfileService } from '../../server/src/service';
import { readProjectForDockerfile } from '../../server/src/host/project/readProject';
import { testService } from '../helpers/service';

const ROOT = path.resolve(__dirname, '..', 'fixtures', 'community');

interface Row {
  readonly file: string;
  readonly kind: string;
  readonly notes: string;
}

const rows: Row[] = readFileSync(path.join(ROOT, 'SOURCES.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map((cells) => ({ file: cells[0]!, kind: cells[7]!, notes: cells[8] ?? '' }));
const dockerfiles = rows.filter((r) => r.kind === 'dockerfile');
const repositoryOf = (file: string): string => path.join(ROOT, file.split('/')[0]!);

/** Dockerfile → the project stored for it (SOURCES.tsv's README explains which). */
const STORED: Readonly<Record<string, string>> = {
  'AntonioFalcaoJr__EventualShop/src/Services/Account/WebAPI/Dockerfile': 'AntonioFalcaoJr__EventualShop/src/Services/Account/WebAPI/WebAPI.csproj',
  'TechEmpower__FrameworkBenchmarks/frameworks/CSharp/appmpower/appmpower.dockerfile': 'TechEmpower__FrameworkBenchmarks/frameworks/CSharp/appmpower/src/appMpower.csproj',
  'Tyrrrz__DiscordChatExporter/DiscordChatExporter.Cli.dockerfile': 'Tyrrrz__DiscordChatExporter/DiscordChatExporter.Cli/DiscordChatExporter.Cli.csproj',
  'ardalis__CleanArchitecture/src/Clean.Architecture.Web/Dockerfile': 'ardalis__CleanArchitecture/src/Clean.Architecture.Web/Clean.Architecture.Web.csproj',
  'aspnetrun__run-aspnetcore-microservices/src/Services/Catalog/Catalog.API/Dockerfile': 'aspnetrun__run-aspnetcore-microservices/src/Services/Catalog/Catalog.API/Catalog.API.csproj',
  'discord-csharp__MODiX/Dockerfile': 'discord-csharp__MODiX/Modix/Modix.csproj',
  'kgrzybek__modular-monolith-with-ddd/src/Dockerfile': 'kgrzybek__modular-monolith-with-ddd/src/API/CompanyName.MyMeetings.API/CompanyName.MyMeetings.API.csproj',
};

/** Judged by reading each file: every finding of the three rules on the corpus, `file:line rule`. */
const JUDGED = [
  // `dotnet publish -r linux-musl-x64` and run on the glibc sdk:8.0 (the corpus notes say "musl-rid-on-glibc-image"):
  // DSharpPlus.VoiceLink's native voice libraries are published for musl and do not load. True positive.
  'OoLunar__DSharpPlus.VoiceLink/Dockerfile:1 runtime-identifier-mismatch',
];

describe('the project search on community Dockerfiles', () => {
  test('the stored project of each Dockerfile is the one found, whatever the layout', () => {
    const rowsWithProject = rows.filter((r) => r.kind === 'project').map((r) => r.file).sort();
    assert.deepEqual(Object.values(STORED).sort(), rowsWithProject, 'every stored project is checked');
    for (const [dockerfile, project] of Object.entries(STORED)) {
      const file = path.join(ROOT, dockerfile);
      const read = readProjectForDockerfile(file, readFileSync(file, 'utf8'), { root: repositoryOf(dockerfile) });
      assert.equal(read.projectFile, path.join(ROOT, project), `${dockerfile}: ${JSON.stringify(read.searched)}`);
      assert.ok(read.facts, dockerfile);
    }
  });

  test('the AssemblyName a project sets is the name it builds', () => {
    const dockerfile = 'kgrzybek__modular-monolith-with-ddd/src/Dockerfile';
    const file = path.join(ROOT, dockerfile);
    assert.equal(readProjectForDockerfile(file, readFileSync(file, 'utf8'), { root: repositoryOf(dockerfile) }).facts?.assemblyName, 'CompanyName.MyMeetings.APIx');
  });

  test("on Visual Studio's layout and multi-project builds, the first candidate is the project the final stage's publish names", () => {
    const service = createDotnetDockerfileService({ catalog: undefined });
    const checked: string[] = [];
    for (const row of dockerfiles.filter((r) => /(?:^|,)(?:vs-layout|multi-project)(?:,|$)/.test(r.notes))) {
      const text = readFileSync(path.join(ROOT, row.file), 'utf8');
      const model = service.parse(TextDocument.create(`file:///${row.file}`, 'dockerfile', 1, text));
      const first = service.projectSearch(model).candidates[0];
      // The project the last `dotnet publish` names, as the Dockerfile writes it.
      const named = [...text.matchAll(/dotnet\s+publish\b[^\n]*?["']?([\w./\\-]+\.(?:cs|fs|vb)proj)\b/gi)].at(-1)?.[1];
      if (!named || !first) continue;
      assert.equal(first.reason, 'published into the final stage', `${row.file}: ${JSON.stringify(first)}`);
      assert.equal(path.posix.basename(first.path), path.posix.basename(named.replace(/\\/g, '/')), row.file);
      checked.push(row.file);
    }
    assert.ok(checked.length >= 30, `checked ${checked.length} Dockerfiles`);
  });

  test('the project-aware rules on the whole corpus find exactly the judged findings', () => {
    const service = testService();
    const rules = new Set(['entrypoint-not-built', 'aot-without-toolchain', 'runtime-identifier-mismatch']);
    const found: string[] = [];
    for (const row of dockerfiles) {
      const file = path.join(ROOT, row.file);
      const text = readFileSync(file, 'utf8');
      const project = readProjectForDockerfile(file, text, { root: repositoryOf(row.file) }).facts;
      const model = service.parse(TextDocument.create(`file:///${row.file}`, 'dockerfile', 1, text));
      for (const d of service.validate(model, { project })) if (rules.has(String(d.code))) found.push(`${row.file}:${d.range.start.line + 1} ${String(d.code)}`);
    }
    assert.deepEqual(found, JUDGED);
  });
});
