/**
 * What the build publishes and where it ends up: each `dotnet publish`/`dotnet build` with the project it builds
 * and its output folder as absolute paths in its stage (WORKDIR applied), and how the app reaches the final stage
 * (`COPY --from=publish /app/publish .`, a publish in the final stage itself, or a published folder copied from
 * the build context). With the project's facts: whether a publish is Native AOT and which runtime identifier it
 * builds for (the command's `-r`/`--os`/`-a`/`--ucr`, the project's `RuntimeIdentifier`, or the SDK image's own
 * platform). Rules about the app's start command, its toolchain and its platform read these answers.
 */
import type { ProjectFacts } from '../context';
import type { Instruction } from '../syntax/model';
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { StageFacts } from './stageFacts';
import type { Evidence } from './intent';
import { isTrue, type DotnetCommand } from './dotnetCommands';
import { baseName, joinPath, parentOf, PROJECT_FILE, relativeInside, type Placement } from './placements';
import { normalizePath } from './environment';
import { parseRid, ridArch, sdkRuntimeOs, type RuntimeOs } from './runtimeTargets';

export interface PublishStep {
  readonly command: DotnetCommand;
  /** The working directory the command runs in (absolute), when known. */
  readonly workdir: string | undefined;
  /** What it builds, as an absolute path in the stage: the project or solution it names, else the working directory. */
  readonly target: string | undefined;
  readonly targetKind: 'project' | 'solution' | 'folder' | undefined;
  /** The output folder (`-o`, absolute); undefined when the command writes to its default folder or `-o` cannot be read. */
  readonly output: string | undefined;
  /** True when `-o`/`--output` is given (whether or not its value can be read). */
  readonly outputWritten: boolean;
}

export interface ShippedOutput {
  /** The COPY/ADD that brings the app into the final stage, or the RUN that publishes in the final stage itself. */
  readonly instruction: Instruction;
  /** The step whose output it is; undefined for a folder built outside the Dockerfile (`COPY bin/Release/net10.0/publish/ .`). */
  readonly step: PublishStep | undefined;
  /** The folder of the final stage the app's files are in; undefined when it cannot be known. */
  readonly destination: string | undefined;
}

export interface Publishing {
  /** Every `dotnet publish` and `dotnet build`, in document order. */
  readonly steps: readonly PublishStep[];
  /** How built output reaches the final stage (its FROM chain included), in document order. */
  readonly shipped: readonly ShippedOutput[];
  /** The step that builds the app the final stage runs: the first shipped one. */
  readonly app: PublishStep | undefined;
  /** The folders of the final stage the app's files are in. */
  readonly appFolders: readonly string[];
  /** True when the app reaches the final stage and every way it does has a known folder. */
  readonly foldersKnown: boolean;
}

const SOLUTION_FILE = /\.(?:sln|slnx|slnf)$/i;
/** The `dotnet` host as a start command names it. */
export const DOTNET_HOST = /^(?:dotnet|\/usr\/bin\/dotnet|\/usr\/share\/dotnet\/dotnet|\/usr\/lib\/dotnet\/dotnet)$/;
const OUTPUT_OPTIONS = new Set(['-o', '--output']);
/** Steps looked at per copied path, the latest first: a real stage has one or two publishes. */
const MAX_STEPS_PER_SOURCE = 64;
/** A folder copied from the build context that holds built output (`bin/Release/net10.0/publish`, `out`, `publish`). */
const BUILT_FOLDER = /(?:^|\/)(?:bin|publish|out|artifacts)(?:\/|$)/i;

export interface PublishingInputs {
  readonly model: DockerfileModel;
  readonly facts: (stage: Stage) => StageFacts;
  readonly dotnetCommands: () => readonly DotnetCommand[];
  readonly placements: (stage: Stage) => readonly Placement[];
  /** The WORKDIR a `dotnet` call's RUN runs in. */
  readonly runWorkdir: (command: DotnetCommand) => string | undefined;
}

export function publishingOf(inputs: PublishingInputs): Publishing {
  const { model, facts } = inputs;
  const steps: PublishStep[] = [];
  for (const command of inputs.dotnetCommands()) {
    if (command.verb !== 'publish' && command.verb !== 'build') continue;
    steps.push(stepOf(command, commandWorkdir(command, inputs.runWorkdir(command))));
  }
  const final = model.stages.finalStage;
  const shipped: ShippedOutput[] = [];
  if (final) {
    const lineage = facts(final).lineage();
    const inLineage = new Set(lineage);
    // A publish in the final stage (or one it is built FROM) leaves its output in place.
    for (const step of steps) if (inLineage.has(step.command.stage)) shipped.push({ instruction: step.command.instruction, step, destination: step.output });
    // The steps whose output a stage holds (its own and those of the stages it is built FROM), once per stage.
    const stepsIn = new Map<Stage, PublishStep[]>();
    const stepsOf = (stage: Stage): PublishStep[] => {
      let found = stepsIn.get(stage);
      if (!found) {
        const sourceLineage = new Set(facts(stage).lineage());
        found = steps.filter((s) => sourceLineage.has(s.command.stage));
        stepsIn.set(stage, found);
      }
      return found;
    };
    for (const placement of lineage.flatMap((stage) => inputs.placements(stage))) {
      if (placement.origin === 'stage' && placement.fromStage) {
        const candidates = stepsOf(placement.fromStage);
        for (const source of placement.sources) {
          const found = source === undefined ? undefined : shippedBy(candidates, source, placement);
          if (found) shipped.push({ instruction: placement.instruction, step: found.step, destination: found.destination });
        }
      } else if (placement.origin === 'context' && placement.sources.some((s) => s !== undefined && BUILT_FOLDER.test(s))) {
        shipped.push({ instruction: placement.instruction, step: undefined, destination: placement.destination });
      }
    }
    shipped.sort((a, b) => a.instruction.span.start - b.instruction.span.start);
  }
  const appFolders = [...new Set(shipped.map((s) => s.destination).filter((d): d is string => d !== undefined))];
  return {
    steps,
    shipped,
    app: shipped.find((s) => s.step)?.step,
    appFolders,
    foldersKnown: shipped.length > 0 && shipped.every((s) => s.destination !== undefined),
  };
}

/** The folder a `dotnet` call runs in: the stage's WORKDIR, moved by a `cd` earlier in the same RUN. */
export function commandWorkdir(command: DotnetCommand, workdir: string | undefined): string | undefined {
  const directory = command.directory ?? '';
  if (directory === '') return workdir;
  if (directory.startsWith('/')) return normalizePath(directory);
  return workdir === undefined ? undefined : normalizePath(`${workdir}/${directory}`);
}

function stepOf(command: DotnetCommand, workdir: string | undefined): PublishStep {
  const resolve = (path: string): string | undefined => (path.startsWith('/') ? normalizePath(path) : workdir === undefined ? undefined : normalizePath(`${workdir}/${path}`));
  const outputWritten = command.args.some((word) => OUTPUT_OPTIONS.has(word) || word.startsWith('--output='));
  const project = command.project;
  const target = project === undefined ? workdir : resolve(project);
  const targetKind = target === undefined ? undefined : project !== undefined && PROJECT_FILE.test(project) ? 'project' : project !== undefined && SOLUTION_FILE.test(project) ? 'solution' : 'folder';
  return { command, workdir, target, targetKind, output: command.output === undefined ? undefined : resolve(command.output), outputWritten };
}

/** The last step whose output the copied path holds (or lies in), with where that output lands. */
function shippedBy(steps: readonly PublishStep[], source: string, placement: Placement): { step: PublishStep; destination: string | undefined } | undefined {
  const destination = placement.destination;
  for (let i = steps.length - 1; i >= 0 && i >= steps.length - MAX_STEPS_PER_SOURCE; i--) {
    const step = steps[i]!;
    if (step.output !== undefined) {
      // `COPY --from=build /app/publish .`, or a folder above the output (`COPY --from=build /app .`).
      const below = relativeInside(step.output, source);
      if (below !== undefined) return { step, destination: destination === undefined ? undefined : below === '' ? destination : joinPath(destination, below) };
      // One file or folder of the output (`COPY --from=build /app/publish/App.dll /app/`).
      if (relativeInside(source, step.output) !== undefined) return { step, destination: destination === undefined ? undefined : placement.intoFolder ? destination : parentOf(destination) };
      continue;
    }
    if (step.outputWritten) continue;
    // The default output folder: `<project folder>/bin/Release/<framework>/[<rid>/]publish`.
    const folder = step.targetKind === 'project' || step.targetKind === 'solution' ? parentOf(step.target!) : step.target;
    if (/(?:^|\/)bin(?:\/|$)/.test(source) && (folder === undefined || relativeInside(source, folder) !== undefined)) return { step, destination };
  }
  return undefined;
}

/**
 * Whether the project facts the host found describe what the step builds: the step names that project file, or a
 * folder or solution (the host's search followed the same words). A step that names another project is not it.
 */
export function projectBuiltBy(step: PublishStep | undefined, project: ProjectFacts | undefined): project is ProjectFacts {
  if (!project) return false;
  if (!step || step.targetKind !== 'project') return true;
  const named = (project.projectFileName ?? baseName(project.projectFile.replace(/\\/g, '/'))).toLowerCase();
  return baseName(step.target!).toLowerCase() === named;
}

/** Whether a `dotnet publish` compiles Native AOT: `-p:PublishAot=...` in the command, else the project's `PublishAot`. */
export function publishAotOf(step: PublishStep, project: ProjectFacts | undefined): Evidence<boolean> | undefined {
  if (step.command.verb !== 'publish') return undefined;
  const property = step.command.properties.get('publishaot');
  if (property !== undefined) return { value: isTrue(property), source: 'dockerfile', because: `-p:PublishAot=${property}` };
  if (projectBuiltBy(step, project) && project.publishAot) return { value: true, source: 'project', because: `${project.projectFile} sets PublishAot` };
  return undefined;
}

/** Whether a publish carries its runtime (self-contained or Native AOT). */
export function publishesRuntime(step: PublishStep, project: ProjectFacts | undefined): boolean {
  if (publishAotOf(step, project)?.value === true) return true;
  if (step.command.selfContained !== undefined) return step.command.selfContained;
  return projectBuiltBy(step, project) && project.selfContained;
}

/** The runtime identifier a step builds for, as far as it can be told. */
export interface RuntimeTarget {
  readonly os: RuntimeOs | undefined;
  readonly arch: string | undefined;
  readonly source: 'project' | 'dockerfile';
  /** In words, for messages: "-r linux-musl-x64", "Api.csproj sets RuntimeIdentifier linux-x64", "-a on the Alpine SDK". */
  readonly because: string;
  /** The runtime identifier as written, when one is (for a fix that rewrites it). */
  readonly written: string | undefined;
}

const RUNTIME_OPTIONS = new Set(['-r', '--runtime']);
const OS_OPTIONS = new Set(['--os']);
const ARCH_OPTIONS = new Set(['-a', '--arch']);
const CURRENT_RUNTIME_OPTIONS = new Set(['--ucr', '--use-current-runtime']);

/** The value after an option (`-r x`, `--runtime=x`), known or not, and whether the option is there at all. */
function optionValue(command: DotnetCommand, names: ReadonlySet<string>): { present: boolean; value: string | undefined; known: boolean } {
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = (equals > 0 ? word.slice(0, equals) : word).toLowerCase();
    if (!names.has(name)) continue;
    if (equals > 0) return { present: true, value: word.slice(equals + 1), known: !command.opaque.has(i) };
    return { present: true, value: args[i + 1], known: args[i + 1] !== undefined && !command.opaque.has(i + 1) };
  }
  return { present: false, value: undefined, known: false };
}

/**
 * What a step builds for: `-r` (or `-p:RuntimeIdentifier`); `--os`/`-a`/`--ucr`, which complete each other from the
 * SDK image's own platform (`-a arm64` on an Alpine SDK is `linux-musl-arm64`); the project's `RuntimeIdentifier`;
 * and a self-contained or Native AOT publish without one, which builds for the SDK's platform. undefined for a
 * portable (framework-dependent, RID-less) build, or when nothing can be told.
 */
export function runtimeTargetOf(step: PublishStep, facts: (stage: Stage) => StageFacts, project: ProjectFacts | undefined): RuntimeTarget | undefined {
  const command = step.command;
  const runtime = optionValue(command, RUNTIME_OPTIONS);
  if (runtime.present || command.runtime !== undefined) {
    const written = runtime.known ? runtime.value : command.runtime;
    if (written !== undefined) {
      const parsed = parseRid(written);
      return parsed ? { ...parsed, source: 'dockerfile', because: `-r ${written}`, written } : undefined;
    }
    // `-r linux-$TARGETARCH`: the variable is the architecture; the OS is still written.
    const partial = runtime.value !== undefined && /^(?:linux-musl|linux|win|osx)-$/i.test(runtime.value) ? parseRid(runtime.value) : undefined;
    return partial ? { os: partial.os, arch: undefined, source: 'dockerfile', because: `-r ${runtime.value}…`, written: undefined } : undefined;
  }
  const sdkOs = sdkRuntimeOs(facts(command.stage));
  const os = optionValue(command, OS_OPTIONS);
  const arch = optionValue(command, ARCH_OPTIONS);
  const current = command.args.some((word) => CURRENT_RUNTIME_OPTIONS.has(word.toLowerCase()));
  if (os.present || arch.present || current) {
    const osValue = os.known && os.value !== undefined ? parseRid(`${os.value}-`)?.os : undefined;
    const resolvedOs = os.present ? osValue : sdkOs;
    const archValue = arch.known && arch.value !== undefined ? ridArch(arch.value) : undefined;
    const shown = (option: { value: string | undefined; known: boolean }): string => (option.known && option.value ? option.value : '…');
    const words = [os.present ? `--os ${shown(os)}` : '', arch.present ? `-a ${shown(arch)}` : '', current ? '--use-current-runtime' : ''].filter((w) => w !== '').join(' ');
    const onSdk = os.present ? '' : ` on the ${sdkImageWords(facts(command.stage))}`;
    return resolvedOs === undefined && archValue === undefined ? undefined : { os: resolvedOs, arch: archValue, source: 'dockerfile', because: `${words.trim()}${onSdk}`, written: undefined };
  }
  if (projectBuiltBy(step, project) && project.publishRuntimeIdentifier && command.verb === 'publish') {
    const parsed = parseRid(project.publishRuntimeIdentifier);
    if (parsed) return { ...parsed, source: 'project', because: `${project.projectFile} sets RuntimeIdentifier ${project.publishRuntimeIdentifier}`, written: undefined };
  }
  if (command.verb === 'publish' && publishesRuntime(step, project) && sdkOs !== undefined) {
    const kind = publishAotOf(step, project)?.value === true ? 'a Native AOT publish' : 'a self-contained publish';
    return { os: sdkOs, arch: undefined, source: 'dockerfile', because: `${kind} without a runtime identifier on the ${sdkImageWords(facts(command.stage))}`, written: undefined };
  }
  return undefined;
}

function sdkImageWords(facts: StageFacts): string {
  const image = facts.image;
  return image?.tag ? `sdk:${image.tag} image` : 'SDK image';
}

/** The working directory a container of the stage starts in (the last WORKDIR, through its FROM chain). */
export function startWorkdir(facts: StageFacts): string | undefined {
  return facts.environmentAt(Number.MAX_SAFE_INTEGER).workdir;
}

/** The absolute path a start word names in the container: relative ones from the working directory. */
export function pathInContainer(word: string, workdir: string | undefined): string | undefined {
  return word.startsWith('/') ? normalizePath(word) : workdir === undefined ? undefined : normalizePath(`${workdir}/${word}`);
}
