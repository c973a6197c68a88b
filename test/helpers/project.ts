/** Project facts for tests: a net10.0 console app unless the overrides say otherwise. */
import type { ProjectFacts } from '../../server/src/service/context';

export function projectFacts(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  const projectFile = overrides.projectFile ?? 'App.csproj';
  const projectFileName = projectFile.slice(projectFile.lastIndexOf('/') + 1);
  return {
    projectFile,
    targetVersion: '10.0',
    isWeb: false,
    publishAot: false,
    selfContained: false,
    invariantGlobalization: undefined,
    runtimeIdentifier: undefined,
    containerFamily: undefined,
    projectFileName,
    assemblyName: projectFileName.replace(/\.[^.]*$/, ''),
    ...overrides,
  };
}
