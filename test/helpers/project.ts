/** Project facts for tests: a net10.0 console app unless the overrides say otherwise. */
import type { ProjectFacts } from '../../server/src/service/context';

export function projectFacts(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    projectFile: 'App.csproj',
    targetVersion: '10.0',
    isWeb: false,
    publishAot: false,
    selfContained: false,
    invariantGlobalization: undefined,
    runtimeIdentifier: undefined,
    containerFamily: undefined,
    ...overrides,
  };
}
