/**
 * What the Dockerfile says about the app it builds, read from its own text (and the project facts when
 * the server found the project): is it an ASP.NET Core app, is it published self-contained or native AOT,
 * which framework does it target. Heuristics, used only to pick the best suggestion, never to raise a finding.
 */
import type { ProjectFacts } from '../context';
import type { DockerfileModel } from './model';
import type { DocumentAnalysis } from './analysis';

export interface BuildIntent {
  readonly web: boolean;
  /** Self-contained or native AOT: the app carries its runtime, so runtime-deps is enough. */
  readonly selfContained: boolean;
  /** major.minor from `-f net10.0` / `--framework net10.0` or the project's target framework. */
  readonly targetVersion: string | undefined;
}

const AOT = /PublishAot\s*[=:]\s*true/i;
const SELF_CONTAINED = /--self-contained(?![\s=]+false)|(?:^|\s)--sc(?:\s|$)|SelfContained\s*[=:]\s*true/i;
const RUNTIME_IDENTIFIER = /(?:^|\s)(?:-r|--runtime)(?:\s+|=)\S/;
const FRAMEWORK = /(?:^|\s)(?:-f|--framework)(?:\s+|=)net(\d+\.\d+)\b/;
const ASPNETCORE = /(?:^|\s)ASPNETCORE_/i;
const PUBLISH = /\bdotnet\s+publish\b/;

export function buildIntent(model: DockerfileModel, analysis: DocumentAnalysis, project: ProjectFacts | undefined): BuildIntent {
  let web = project?.isWeb ?? false;
  let selfContained = (project?.publishAot ?? false) || (project?.selfContained ?? false);
  let targetVersion = project?.targetVersion;
  for (let s = 0; s < model.stages.stages.length; s++) {
    const stage = model.stages.stages[s]!;
    const image = analysis.stageFacts(stage).image;
    // The SDK's `-aot` images exist to publish native AOT apps.
    if (image?.family === 'sdk' && image.parsedTag?.variants.some((v) => v.value === 'aot')) selfContained = true;
    // Before .NET 8, a runtime identifier made `dotnet publish` self-contained.
    const sdkMajor = image?.family === 'sdk' && image.version ? Number(image.version.split('.')[0]) : undefined;
    for (let i = 0; i < stage.instructions.length; i++) {
      const instruction = stage.instructions[i]!;
      if (instruction.name === 'EXPOSE') web = true;
      if (instruction.name === 'ENV' && !web && ASPNETCORE.test(instruction.args)) web = true;
      if (instruction.name !== 'RUN') continue;
      const command = instruction.args;
      // Each answer only ever turns true or gets set once, so what is known already needs no more matching.
      if (!selfContained && (AOT.test(command) || SELF_CONTAINED.test(command))) selfContained = true;
      if (!selfContained && sdkMajor !== undefined && sdkMajor < 8 && PUBLISH.test(command) && RUNTIME_IDENTIFIER.test(command)) selfContained = true;
      if (!targetVersion) {
        const framework = FRAMEWORK.exec(command);
        if (framework) targetVersion = framework[1];
      }
    }
  }
  return { web, selfContained, targetVersion };
}
