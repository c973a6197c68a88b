/**
 * What `dotnet publish /t:PublishContainer` would choose (the SDK's ComputeDotnetBaseImageAndTag rules),
 * and the family order completion uses for a project. Each chosen tag must exist in the real catalog.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProjectFacts } from '../../server/src/service';
import { publishContainerBaseImage } from '../../server/src/service/msbuild/containerDefaults';
import { realCatalog } from '../helpers/service';
import { projectFacts } from '../helpers/project';

function project(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return projectFacts(overrides);
}

const cases: [string, Partial<ProjectFacts>, string][] = [
  ['web app', { isWeb: true }, 'mcr.microsoft.com/dotnet/aspnet:10.0'],
  ['console app', {}, 'mcr.microsoft.com/dotnet/runtime:10.0'],
  ['self-contained app', { selfContained: true }, 'mcr.microsoft.com/dotnet/runtime-deps:10.0'],
  ['AOT app with globalization', { publishAot: true, selfContained: true }, 'mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra'],
  ['AOT app, invariant', { publishAot: true, selfContained: true, invariantGlobalization: true }, 'mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled'],
  ['web app on a chiseled family, globalized', { isWeb: true, containerFamily: 'noble-chiseled' }, 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra'],
  ['web app on a chiseled family, invariant', { isWeb: true, containerFamily: 'noble-chiseled', invariantGlobalization: true }, 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled'],
  ['musl RID', { isWeb: true, runtimeIdentifier: 'linux-musl-x64' }, 'mcr.microsoft.com/dotnet/aspnet:10.0-alpine'],
  ['musl AOT with globalization', { publishAot: true, selfContained: true, runtimeIdentifier: 'linux-musl-arm64' }, 'mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine-extra'],
  ['family wins over the RID', { isWeb: true, runtimeIdentifier: 'linux-musl-x64', containerFamily: 'azurelinux3.0' }, 'mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0'],
  ['.NET 6 has no -extra', { targetVersion: '6.0', isWeb: true, containerFamily: 'jammy-chiseled' }, 'mcr.microsoft.com/dotnet/aspnet:6.0-jammy-chiseled'],
  ['.NET 8 web app', { targetVersion: '8.0', isWeb: true }, 'mcr.microsoft.com/dotnet/aspnet:8.0'],
];

describe('publishContainerBaseImage', () => {
  for (const [name, overrides, expected] of cases) {
    test(name, () => {
      const choice = publishContainerBaseImage(project(overrides));
      assert.equal(choice?.image, expected);
      assert.ok(choice.reason.length > 0);
    });
  }

  test('every choice for a supported version is a published tag', () => {
    const catalog = realCatalog();
    for (const [name, overrides] of cases.filter(([, o]) => (o.targetVersion ?? '10.0') !== '6.0')) {
      const choice = publishContainerBaseImage(project(overrides))!;
      assert.ok(catalog.tag(choice.repository, choice.tag), `${name}: ${choice.image} is not in the catalog`);
    }
  });

  test('the reason says why, step by step', () => {
    const choice = publishContainerBaseImage(project({ isWeb: true, containerFamily: 'noble-chiseled' }))!;
    assert.equal(choice.reason, 'ASP.NET Core app → aspnet; net10.0 → 10.0; ContainerFamily noble-chiseled; globalization is not invariant, chiseled has no ICU → -extra');
  });

  test('no target framework, no choice', () => {
    assert.equal(publishContainerBaseImage(project({ targetVersion: undefined })), undefined);
  });
});
