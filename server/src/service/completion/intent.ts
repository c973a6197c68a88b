/**
 * What the person is most likely after in a stage, for ranking: a build stage wants the SDK, the stage
 * that ships wants a runtime image of the same .NET version as the SDK stage.
 */
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import type { Stage } from '../document/stages';
import type { Instruction } from '../syntax/model';
import { describeImageCached } from '../images/imageFacts';
import { memoSlot } from '../document/modelMemo';

export type StageRole = 'build' | 'final' | 'unknown';

export interface Intent {
  readonly role: StageRole;
  /** The .NET major.minor to rank first (`10.0`): the SDK stage's for a runtime stage, and the other way round. */
  readonly preferredVersion: string | undefined;
  /** The runtime family the project needs in its final stage, when the project facts say. */
  readonly runtimeFamily: 'aspnet' | 'runtime' | 'runtime-deps' | undefined;
  /** The project publishes Native AOT: the SDK's `-aot` variant carries the native toolchain it needs. */
  readonly prefersAot: boolean;
}

const DOTNET_BUILD_COMMAND = /\bdotnet\s+(?:restore|build|publish|test|pack)\b/;
const BUILD_STAGE_NAME = /^(?:build|builder|publish|restore|compile|sdk|test)(?:$|[-_])/i;

function runsDotnetBuild(stage: Stage): boolean {
  return stage.instructions.some((i) => i.name === 'RUN' && DOTNET_BUILD_COMMAND.test(i.args));
}

/** The `from` of `RUN --mount=...,from=x,...`. */
function mountFrom(instruction: Instruction): string | undefined {
  const mount = instruction.flags.find((f) => f.name.toLowerCase() === 'mount');
  const match = mount?.value ? /(?:^|,)from=([^,]*)/.exec(mount.value) : null;
  return match?.[1];
}

/** The stages other stages copy from (or mount), computed once per parsed model: the model never changes. */
const COPY_SOURCES = memoSlot<ReadonlySet<Stage>>('copy sources');

function copySources(model: DockerfileModel): ReadonlySet<Stage> {
  return model.memo.get(COPY_SOURCES, () => findCopySources(model));
}

function findCopySources(model: DockerfileModel): ReadonlySet<Stage> {
  const sources = new Set<Stage>();
  for (const stage of model.stages.stages) {
    for (const instruction of stage.instructions) {
      const from =
        instruction.name === 'COPY' || instruction.name === 'ADD'
          ? instruction.flags.find((f) => f.name.toLowerCase() === 'from')?.value
          : instruction.name === 'RUN'
            ? mountFrom(instruction)
            : undefined;
      const source = from === undefined ? undefined : model.stages.stageByName(from);
      if (source && source !== stage) sources.add(source);
    }
  }
  return sources;
}

/** The role of a stage, from what it does, what others take from it and where it sits. */
export function stageRole(model: DockerfileModel, stage: Stage): StageRole {
  if (runsDotnetBuild(stage) || copySources(model).has(stage)) return 'build';
  if (stage.name && BUILD_STAGE_NAME.test(stage.name)) return 'build';
  const final = model.stages.finalStage;
  const all = model.stages.stages;
  // A stage the final stage is built FROM (the `base` of Visual Studio's template) ships too.
  if (final && all.length > 1 && model.stages.lineage(final).includes(stage)) return 'final';
  if (all.length === 1 && stage.instructions.some((i) => i.name === 'ENTRYPOINT' || i.name === 'CMD')) return 'final';
  return 'unknown';
}

/** The .NET version of other stages' images, by family. */
function versionsOfOtherStages(context: ServiceContext, model: DockerfileModel, stage: Stage): { sdk: string | undefined; runtime: string | undefined } {
  let sdk: string | undefined;
  let runtime: string | undefined;
  for (const other of model.stages.stages) {
    if (other === stage || other.parent || !other.image) continue;
    const facts = describeImageCached(other.image, context.catalog);
    if (facts.kind !== 'dotnet' || !facts.version) continue;
    if (facts.family === 'sdk') sdk ??= facts.version;
    else if (facts.family === 'aspnet' || facts.family === 'runtime' || facts.family === 'runtime-deps') runtime ??= facts.version;
    // Only the first of each counts: a 10,000-line file need not be walked to the end on every keystroke.
    if (sdk && runtime) break;
  }
  return { sdk, runtime };
}

function runtimeFamilyOfProject(context: ServiceContext): Intent['runtimeFamily'] {
  const project = context.project;
  if (!project) return undefined;
  if (project.publishAot || project.selfContained) return 'runtime-deps';
  return project.isWeb ? 'aspnet' : 'runtime';
}

/** The intent for completing an image in `stage` (undefined for a position before the first FROM). */
export function intentFor(context: ServiceContext, model: DockerfileModel, stage: Stage | undefined): Intent {
  const runtimeFamily = runtimeFamilyOfProject(context);
  const projectVersion = context.project?.targetVersion;
  const prefersAot = context.project?.publishAot === true;
  if (!stage) return { role: 'unknown', preferredVersion: projectVersion, runtimeFamily, prefersAot };
  const role = stageRole(model, stage);
  const others = versionsOfOtherStages(context, model, stage);
  const preferredVersion = (role === 'build' ? (others.runtime ?? others.sdk) : (others.sdk ?? others.runtime)) ?? projectVersion;
  return { role, preferredVersion, runtimeFamily, prefersAot };
}

/** The order of repositories (lower first) for a role; appliances and samples after, nightly last. */
export function familyRank(family: string, nightly: boolean, intent: Intent): number {
  const runtimeOrder: readonly string[] =
    intent.runtimeFamily === 'runtime-deps'
      ? ['runtime-deps', 'aspnet', 'runtime']
      : intent.runtimeFamily === 'runtime'
        ? ['runtime', 'aspnet', 'runtime-deps']
        : ['aspnet', 'runtime', 'runtime-deps'];
  const order: readonly string[] = intent.role === 'final' ? [...runtimeOrder, 'sdk'] : ['sdk', ...runtimeOrder];
  const appliances = ['monitor', 'monitor-base', 'aspire-dashboard', 'yarp', 'samples'];
  const core = order.indexOf(family);
  const rank = core >= 0 ? core : appliances.includes(family) ? 10 + appliances.indexOf(family) : 30;
  return rank + (nightly ? 50 : 0);
}
