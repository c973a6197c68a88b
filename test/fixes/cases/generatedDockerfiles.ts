/**
 * Dockerfiles the generator writes ("Create a Dockerfile for this project", `dotnet-dockerfile init`), over the
 * project kinds it chooses images for, as cases for the build oracle: each must build (restore, cross-publish,
 * copy into the final image) and start, its container printing the words its exec-form ENTRYPOINT names. The build
 * context is the project the generator was given and a Program file.
 */
import type { ProjectFacts } from '../../../server/src/service';
import { generateDockerfile } from '../../../server/src/service/generate/dockerfileGenerator';
import { projectFacts } from '../../helpers/project';
import { realCatalog } from '../../helpers/service';
import { expectedStartOf, type StarterSnippetCase } from './starterSnippets';

interface Kind {
  readonly name: string;
  readonly project: ProjectFacts;
  readonly projectText: string;
  readonly program: readonly [string, string];
}

const csproj = (sdk: string, properties = ''): string => `<Project Sdk="${sdk}">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>${properties}
  </PropertyGroup>
</Project>
`;

const CS_PROGRAM: readonly [string, string] = ['Program.cs', 'System.Console.WriteLine("hello");\n'];

const KINDS: readonly Kind[] = [
  {
    name: 'an ASP.NET Core app',
    project: projectFacts({ projectFile: 'Api.csproj', isWeb: true, sdk: 'Microsoft.NET.Sdk.Web', outputType: 'Exe', targetFramework: 'net10.0' }),
    projectText: csproj('Microsoft.NET.Sdk.Web'),
    program: ['Program.cs', 'var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n'],
  },
  {
    name: 'an ASP.NET Core app with invariant globalization',
    project: projectFacts({ projectFile: 'Api.csproj', isWeb: true, sdk: 'Microsoft.NET.Sdk.Web', outputType: 'Exe', targetFramework: 'net10.0', invariantGlobalization: true }),
    projectText: csproj('Microsoft.NET.Sdk.Web', '\n    <InvariantGlobalization>true</InvariantGlobalization>'),
    program: ['Program.cs', 'var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n'],
  },
  {
    name: 'a worker service',
    project: projectFacts({ projectFile: 'Worker.csproj', sdk: 'Microsoft.NET.Sdk.Worker', outputType: 'Exe', targetFramework: 'net10.0' }),
    projectText: csproj('Microsoft.NET.Sdk.Worker'),
    program: CS_PROGRAM,
  },
  {
    name: 'a console app',
    project: projectFacts({ projectFile: 'App.csproj', sdk: 'Microsoft.NET.Sdk', outputType: 'Exe', targetFramework: 'net10.0' }),
    projectText: csproj('Microsoft.NET.Sdk'),
    program: CS_PROGRAM,
  },
  {
    name: 'a Native AOT console app',
    project: projectFacts({ projectFile: 'App.csproj', sdk: 'Microsoft.NET.Sdk', outputType: 'Exe', targetFramework: 'net10.0', publishAot: true }),
    projectText: csproj('Microsoft.NET.Sdk', '\n    <PublishAot>true</PublishAot>'),
    program: CS_PROGRAM,
  },
  {
    name: 'an F# console app',
    project: projectFacts({ projectFile: 'Tool.fsproj', sdk: 'Microsoft.NET.Sdk', outputType: 'Exe', targetFramework: 'net10.0' }),
    projectText: csproj('Microsoft.NET.Sdk'),
    program: ['Program.fs', 'printfn "hello"\n'],
  },
];

export function generatedDockerfileCases(): StarterSnippetCase[] {
  const catalog = realCatalog();
  return KINDS.map((kind) => {
    const result = generateDockerfile({ project: kind.project, projectPath: kind.project.projectFile, catalog, dockerfilePath: 'Dockerfile' });
    if (!result.ok) throw new Error(`the generator refused ${kind.name}: ${result.error}`);
    return {
      prefix: `generated for ${kind.name}`,
      text: result.dockerfile,
      context: { [kind.project.projectFile]: kind.projectText, [kind.program[0]]: kind.program[1], '.dockerignore': result.dockerignore },
      expectedStart: expectedStartOf(result.dockerfile, `generated for ${kind.name}`),
    };
  });
}
