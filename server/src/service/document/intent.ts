/**
 * What the app is and how it is published, decided once from the project (when the host found it) and the
 * Dockerfile's own words; every rule, fix, hover and completion that needs it reads it from here:
 *  - web (ASP.NET Core) or not;
 *  - framework-dependent, self-contained or Native AOT, and so which runtime image family it needs
 *    (aspnet, runtime, runtime-deps: the SDK's own container publishing decides the same way);
 *  - the target framework's version;
 *  - the role of each stage (builds the app, or ships it).
 *
 * Each answer keeps where it came from, so a message can say why, and so a rule can tell a fact from a guess.
 */
import type { ProjectFacts } from '../context';
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { ReferenceSite } from './referenceSites';
import type { Instruction } from '../syntax/model';
import type { StageFacts } from './stageFacts';
import { isTrue, type DotnetCommand } from './dotnetCommands';
import { flagNamed, programName } from './instructionFields';
import { targetFrameworkVersion } from '../msbuild/projectFacts';
import { majorOf } from '../images/dotnetImages';

export type Deployment = 'framework-dependent' | 'self-contained' | 'aot';
export type RuntimeFamily = 'aspnet' | 'runtime' | 'runtime-deps';
export type StageRole = 'build' | 'final' | 'unknown';

/** Where an answer comes from: the project file, or the Dockerfile (a flag, an image, the ENTRYPOINT). */
export interface Evidence<T> {
  readonly value: T;
  readonly source: 'project' | 'dockerfile';
  /** In words, for messages: "App.csproj", "-p:PublishAot=true", "the sdk:10.0-noble-aot image". */
  readonly because: string;
}

export interface AppIntent {
  /** An ASP.NET Core app; undefined when nothing says. */
  readonly web: Evidence<boolean> | undefined;
  /** How the app is published; undefined when nothing says. */
  readonly deployment: Evidence<Deployment> | undefined;
  /** The target framework's major.minor (`10.0`). */
  readonly targetVersion: Evidence<string> | undefined;
  /** The runtime image family the app needs (from the deployment and the kind; `runtime` when nothing says web). */
  readonly runtimeFamily: RuntimeFamily;
  /** The family as far as facts decide it (undefined when web/deployment are guesses). */
  readonly knownRuntimeFamily: RuntimeFamily | undefined;
}

/** The image family a publish runs on: what `dotnet publish /t:PublishContainer` picks, and what our rules expect. */
export function runtimeFamilyFor(deployment: Deployment | undefined, web: boolean | undefined): RuntimeFamily {
  if (deployment === 'self-contained' || deployment === 'aot') return 'runtime-deps';
  return web === true ? 'aspnet' : 'runtime';
}

/** What the intent is read from, besides the model: per stage facts and the dotnet calls. */
export interface IntentInputs {
  readonly model: DockerfileModel;
  readonly project: ProjectFacts | undefined;
  readonly facts: (stage: Stage) => StageFacts;
  readonly dotnetCommands: () => readonly DotnetCommand[];
  /** The words a stage's container starts with (ENTRYPOINT + CMD), when they can be read. */
  readonly startWords: (stage: Stage) => readonly string[] | undefined;
}

const ASPNETCORE_ENV = /^(ASPNETCORE_|DOTNET_URLS$|DOTNET_HTTP)/i;
/** A framework version in a copied path: `bin/Release/net9.0/publish/`. */
const FRAMEWORK_IN_PATH = /(?:^|[/\\])(net(?:coreapp)?\d+\.\d+)(?:-[a-z]+)?(?:[/\\]|$)/i;

export function decideIntent(inputs: IntentInputs): AppIntent {
  const { model, project } = inputs;
  const commands = inputs.dotnetCommands();
  const publishes = commands.filter((c) => c.verb === 'publish');
  const final = model.stages.finalStage;

  // Deployment: the Dockerfile's flags say how this build publishes, and they win over the project file.
  let deployment: Evidence<Deployment> | undefined =
    project?.publishAot ? { value: 'aot', source: 'project', because: `${project.projectFile} sets PublishAot` }
    : project?.selfContained ? { value: 'self-contained', source: 'project', because: `${project.projectFile} publishes self-contained` }
    : project ? { value: 'framework-dependent', source: 'project', because: `${project.projectFile} is published framework-dependent` }
    : undefined;
  for (const command of publishes) {
    if (isTrue(command.properties.get('publishaot'))) {
      deployment = { value: 'aot', source: 'dockerfile', because: '-p:PublishAot=true' };
      break;
    }
    if (command.selfContained === true && deployment?.value !== 'aot') deployment = { value: 'self-contained', source: 'dockerfile', because: '--self-contained' };
    if (command.selfContained === false) deployment = { value: 'framework-dependent', source: 'dockerfile', because: '--self-contained false' };
  }
  if (deployment?.value !== 'aot') {
    for (const stage of model.stages.stages) {
      const image = inputs.facts(stage).image;
      if (image?.family === 'sdk' && image.parsedTag?.variants.some((v) => v.value === 'aot')) {
        deployment = { value: 'aot', source: 'dockerfile', because: `the ${image.family}:${image.tag ?? ''} image (the SDK for Native AOT)` };
        break;
      }
    }
  }
  let web: Evidence<boolean> | undefined = project ? { value: project.isWeb, source: 'project', because: project.projectFile } : undefined;
  if (!web) web = webFromDockerfile(model, inputs.facts);

  let targetVersion: Evidence<string> | undefined = project?.targetVersion ? { value: project.targetVersion, source: 'project', because: project.projectFile } : undefined;
  if (!targetVersion) {
    for (const command of commands) {
      const version = command.framework ? targetFrameworkVersion(command.framework) : undefined;
      if (version) {
        targetVersion = { value: version, source: 'dockerfile', because: `-f ${command.framework}` };
        break;
      }
    }
  }
  if (!targetVersion && final) targetVersion = frameworkOfCopiedPath(inputs.facts(final));
  if (!deployment || (deployment.source === 'project' && deployment.value === 'framework-dependent' && !project?.runtimeIdentifier)) {
    deployment = selfContainedByRuntimeIdentifier(inputs, publishes, targetVersion) ?? deployment;
  }
  // `dotnet App.dll` as the start command: a framework-dependent app, whatever else is guessed.
  if (!deployment && final) {
    const words = inputs.startWords(final);
    if (words && words[0] !== undefined && programName(words[0]) === 'dotnet' && words[1]?.toLowerCase().endsWith('.dll')) {
      deployment = { value: 'framework-dependent', source: 'dockerfile', because: `the start command 'dotnet ${words[1]}'` };
    }
  }

  const runtimeFamily = runtimeFamilyFor(deployment?.value, web?.value);
  const decided = deployment && (deployment.value !== 'framework-dependent' || web?.source === 'project');
  return { web, deployment, targetVersion, runtimeFamily, knownRuntimeFamily: decided ? runtimeFamily : undefined };
}

/**
 * Before .NET 8 a runtime identifier made `dotnet publish` self-contained (NETSDK1179 warned about it from SDK 6 on);
 * for projects targeting .NET 8 and later it no longer does (NETSDK1201). So `-r linux-x64` says self-contained when the
 * target is below 8.0: the target framework when known, else the SDK's own version (an SDK cannot target a newer
 * .NET). A start command that runs a native executable (`./App`) is no evidence alone: a framework-dependent app has
 * an apphost too; it is only named as corroboration.
 */
function selfContainedByRuntimeIdentifier(inputs: IntentInputs, publishes: readonly DotnetCommand[], target: Evidence<string> | undefined): Evidence<Deployment> | undefined {
  const final = inputs.model.stages.finalStage;
  const start = final ? inputs.startWords(final) : undefined;
  const native = start && start.length > 0 && start[0] !== 'dotnet' && !start[0]!.endsWith('.dll') ? start[0] : undefined;
  for (const command of publishes) {
    if (!command.runtime || command.selfContained !== undefined) continue;
    const sdk = inputs.facts(command.stage).image;
    const sdkVersion = sdk?.family === 'sdk' ? sdk.version : undefined;
    const version = target?.value ?? sdkVersion;
    if (!version || majorOf(version) >= 8) continue;
    const basis = target ? `a .NET ${target.value} target` : `the .NET ${sdkVersion} SDK`;
    const started = native ? `, started as ${native}` : '';
    return { value: 'self-contained', source: 'dockerfile', because: `-r ${command.runtime} on ${basis}${started}` };
  }
  return undefined;
}

/** EXPOSE or ASPNETCORE_* in a stage the app ships in says "web" (a guess: a worker may expose a metrics port). */
function webFromDockerfile(model: DockerfileModel, facts: (stage: Stage) => StageFacts): Evidence<boolean> | undefined {
  const final = model.stages.finalStage;
  if (!final) return undefined;
  for (const stage of facts(final).lineage()) {
    for (const instruction of stage.instructions) {
      if (instruction.name === 'EXPOSE') return { value: true, source: 'dockerfile', because: 'EXPOSE' };
    }
  }
  for (const declaration of facts(final).effectiveEnv()) {
    if (ASPNETCORE_ENV.test(declaration.name)) return { value: true, source: 'dockerfile', because: declaration.name };
  }
  return undefined;
}

/** `COPY bin/Release/net9.0/publish/ .` into the final stage names the framework the app was built for. */
function frameworkOfCopiedPath(final: StageFacts): Evidence<string> | undefined {
  for (const stage of final.lineage()) {
    for (const instruction of stage.instructions) {
      if (instruction.name !== 'COPY' && instruction.name !== 'ADD') continue;
      if (flagNamed(instruction, 'from')) continue;
      const words = instruction.execArgs ?? instruction.words.map((w) => w.text);
      for (const word of words.slice(0, -1)) {
        const match = FRAMEWORK_IN_PATH.exec(word);
        const version = match ? targetFrameworkVersion(match[1]!) : undefined;
        if (version) return { value: version, source: 'dockerfile', because: `the copied path ${word}` };
      }
    }
  }
  return undefined;
}

const DOTNET_BUILD_VERBS = new Set(['restore', 'build', 'publish', 'test', 'pack']);
const BUILD_STAGE_NAME = /^(?:build|builder|publish|restore|compile|sdk|test)(?:$|[-_])/i;

/** The stages other stages copy from or mount: the targets of the document's `--from` sites (referenceSites.ts). */
export function copySourcesOf(sites: readonly ReferenceSite[]): ReadonlySet<Stage> {
  const sources = new Set<Stage>();
  for (const site of sites) {
    if (site.kind !== 'from' && site.target && site.target !== site.stage) sources.add(site.target);
  }
  return sources;
}

/** Whether a stage builds (runs the SDK, is copied from) or ships (the final stage and the stages it is built FROM). */
export function stageRole(model: DockerfileModel, stage: Stage, copySources: ReadonlySet<Stage>, commands: readonly DotnetCommand[], facts: (stage: Stage) => StageFacts): StageRole {
  if (commands.some((c) => c.stage === stage && DOTNET_BUILD_VERBS.has(c.verb)) || copySources.has(stage)) return 'build';
  if (stage.name && BUILD_STAGE_NAME.test(stage.name)) return 'build';
  const final = model.stages.finalStage;
  const all = model.stages.stages;
  // A stage the final stage is built FROM (the `base` of Visual Studio's template) ships too.
  if (final && all.length > 1 && facts(final).lineage().includes(stage)) return 'final';
  if (all.length === 1 && stage.instructions.some((i: Instruction) => i.name === 'ENTRYPOINT' || i.name === 'CMD')) return 'final';
  return 'unknown';
}
