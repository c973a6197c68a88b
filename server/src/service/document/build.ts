/**
 * The model of the build: one per document version and per set of outside facts (catalog, project, today), worked
 * out on first use and kept on the parsed model. Rules, fixes, hover and completion only read it; none of them
 * works a fact out again.
 *
 *  - stages with their facts (resolved base image, shell, user, environment, start command): stageFacts.ts
 *  - every image or stage a line names, with the catalog's verdict on each image: referenceSites.ts
 *  - the `dotnet` calls of every RUN: dotnetCommands.ts
 *  - the app's intent (web, framework-dependent/self-contained/AOT, target, runtime family), stage roles: intent.ts
 *  - how a stage's container starts and what the final image is for: appStart.ts
 *  - where the app listens: listening.ts
 *  - the build context and its .dockerignore (from the host's facts): buildContext.ts
 *  - what COPY/ADD put where: placements.ts; what is published and how it reaches the final stage: publishing.ts
 *  - the project files the Dockerfile builds, as build-context paths: projectSearch.ts
 */
import type { ProjectFacts, ServiceContext } from '../context';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { Instruction } from '../syntax/model';
import { memoSlot, ModelMemo } from './modelMemo';
import { StageFacts } from './stageFacts';
import { findStageReferenceSites, siteAt, type ReferenceSite } from './referenceSites';
import { describeImageCached, type ImageFacts } from '../images/imageFacts';
import { judgeTag, type TagVerdict } from '../catalog/tagVerdict';
import { dotnetCommandsOf, type DotnetCommand } from './dotnetCommands';
import { copySourcesOf, decideIntent, stageRole, type AppIntent, type StageRole } from './intent';
import { splitShellWords } from '../shell/shellWords';
import { isCommandInstruction, isExecCommand, runsThroughShell } from './instructionFields';
import { copiedIn } from './copiedIn';
import { productsOf, type StepProducts } from './products';
import { CarriedStageFacts, type CallAt } from './carriedStageFacts';

/** Programs that give a shell-less stage a shell when the Dockerfile copies them in. */
const SHELLS_COPIED_IN = ['sh', 'busybox'];

/** A command instruction (RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD) and the facts of its stage. */
export interface CommandSite {
  readonly instruction: Instruction;
  readonly stage: Stage;
  readonly facts: StageFacts;
}

/** The command instructions that run where there is no /bin/sh. */
export interface ShelllessCommands {
  /** Shell form (`/bin/sh -c`), and no shell copied into the stage either: they cannot run. */
  readonly shellForm: readonly CommandSite[];
  /** Exec form: they run if the program is there. */
  readonly execForm: readonly CommandSite[];
}
import { classifyStart, finalPurpose, toolFolders, type AppStart, type FinalPurpose } from './appStart';
import { listeningOf, type Listening } from './listening';
import { decideBuildContext, type BuildContextDecision } from './buildContext';
import { placementsOfStage, type Placement } from './placements';
import { publishingOf, type Publishing } from './publishing';
import { projectSearchOf, type ProjectSearch } from './projectSearch';

/** A site that names an image, with what we know of the image. */
export interface ImageSite extends ReferenceSite {
  readonly reference: NonNullable<ReferenceSite['reference']>;
  readonly facts: ImageFacts;
}

export interface Build {
  readonly model: DockerfileModel;
  readonly context: ServiceContext;
  readonly project: ProjectFacts | undefined;
  /** What features work out once per build (the rules' findings). */
  readonly memo: ModelMemo;
  /** The facts of a stage of this model. */
  stage(stage: Stage): StageFacts;
  /** The facts of the final stage (what `docker build` produces). */
  readonly final: StageFacts | undefined;
  /** Every site that names an image or a stage, in document order. */
  sites(): readonly ReferenceSite[];
  /** The sites that name an image (not `scratch`, not a stage). */
  imageSites(): readonly ImageSite[];
  /** The sites of one stage (the same objects as in `sites()`). */
  stageSites(stage: Stage): readonly ReferenceSite[];
  /** The sites of one stage that name an image (the same objects as in `imageSites()`). */
  imageSitesIn(stage: Stage): readonly ImageSite[];
  /** The site whose value contains the offset. */
  siteAt(offset: number): ReferenceSite | undefined;
  /** The image facts of a site that names an image. */
  imageOf(site: ReferenceSite): ImageSite | undefined;
  /** The catalog's verdict on an image site's tag (undefined when the catalog cannot judge it). */
  verdict(site: ImageSite): TagVerdict | undefined;
  /** The `dotnet` calls of every RUN, in document order. */
  dotnetCommands(): readonly DotnetCommand[];
  /** The WORKDIR the RUN of a `dotnet` call runs in (before a `cd` of the RUN's own). */
  runWorkdir(command: DotnetCommand): string | undefined;
  /** What the app is and how it is published. */
  intent(): AppIntent;
  /** Whether a stage builds or ships. */
  role(stage: Stage): StageRole;
  /**
   * The words a stage's container starts with: ENTRYPOINT and CMD combined as Docker does, the image's own included
   * (`CMD ["App.dll"]` on a chiseled runtime image starts `/usr/bin/dotnet App.dll`); undefined when a shell must
   * interpret them.
   */
  startWords(stage: Stage): readonly string[] | undefined;
  /** The command instructions that run where there is no /bin/sh, in document order. */
  shelllessCommands(): ShelllessCommands;
  /** Those of one stage. */
  shelllessCommandsIn(stage: Stage): ShelllessCommands;
  /** What a stage's container starts: the app, the SDK, a tool, a shell, a script, nothing. */
  start(stage: Stage): AppStart;
  /** What the final image is for (an app, a dev container, a build or tool image). */
  purpose(): FinalPurpose;
  /** Where the app of a stage listens (ASP.NET Core's settings as the image and the Dockerfile leave them). */
  listening(stage: Stage): Listening;
  /** The build context and its .dockerignore, when the host could look (undefined otherwise). */
  buildContext(): BuildContextDecision | undefined;
  /** The COPY/ADD instructions of a stage (not of the stages it is built FROM), with sources and absolute destination. */
  placements(stage: Stage): readonly Placement[];
  /** What `dotnet publish`/`build` produce and how the app reaches the final stage. */
  publishing(): Publishing;
  /** The project files the Dockerfile builds, as build-context paths, most certain first (no project facts needed). */
  projectSearch(): ProjectSearch;
  /** What a RUN, COPY or ADD of the stage writes and reads (products.ts); undefined for other instructions. */
  stepProducts(stage: Stage, instruction: Instruction): StepProducts | undefined;
}

/** The facts from outside the document a build model is worked out with. */
export type OutsideFacts = Pick<ServiceContext, 'catalog' | 'project' | 'today' | 'buildContext'>;

/** Whether two sets of outside facts are the same (the same objects: a refreshed catalog or a re-read project is new). */
export function sameOutsideFacts(a: OutsideFacts, b: OutsideFacts): boolean {
  return a.catalog === b.catalog && a.project === b.project && a.today === b.today && a.buildContext === b.buildContext;
}

interface Kept {
  readonly facts: OutsideFacts;
  readonly build: Build;
}

const BUILDS = memoSlot<Kept[]>('builds');

/**
 * What depends on the parse and the catalog only, not on the project or the day: shared by the builds of one parse
 * (the project search asks without project facts, validation with them; neither works the stages out again).
 */
interface Shared {
  readonly facts: (StageFacts | undefined)[];
  commands: DotnetCommand[] | undefined;
  /** The WORKDIR each `dotnet` call's RUN runs in. */
  readonly runWorkdirs: Map<DotnetCommand, string | undefined>;
  /** The stages' calls and placements taken over from the last version (carriedStageFacts.ts). */
  carried: CarriedStageFacts | undefined;
  readonly placements: Map<Stage, readonly Placement[]>;
  publishing: Publishing | undefined;
  projectSearch: ProjectSearch | undefined;
}

const SHARED = memoSlot<Map<CatalogIndex | undefined, Shared>>('build parts shared across outside facts');

function sharedOf(model: DockerfileModel, catalog: CatalogIndex | undefined): Shared {
  const byCatalog = model.memo.get(SHARED, () => new Map());
  let shared = byCatalog.get(catalog);
  if (!shared) {
    shared = { facts: new Array(model.stages.stages.length), commands: undefined, runWorkdirs: new Map(), carried: undefined, placements: new Map(), publishing: undefined, projectSearch: undefined };
    // A catalog refresh replaces the index: forget the old one's parts.
    byCatalog.clear();
    byCatalog.set(catalog, shared);
  }
  return shared;
}

function carriedOf(shared: Shared, model: DockerfileModel, catalog: CatalogIndex | undefined): CarriedStageFacts {
  return (shared.carried ??= new CarriedStageFacts(model, catalog));
}

/** The build model of a parsed document for the given outside facts; the same object for the same facts. */
export function buildOf(model: DockerfileModel, context: ServiceContext): Build {
  const kept = model.memo.get(BUILDS, () => []);
  for (const entry of kept) {
    if (sameOutsideFacts(entry.facts, context)) return entry.build;
  }
  const build = createBuild(model, context);
  // A model is asked with one or two sets of facts (a project found after the first answer); keep a few.
  if (kept.length >= 4) kept.shift();
  kept.push({ facts: { catalog: context.catalog, project: context.project, today: context.today, buildContext: context.buildContext }, build });
  return build;
}

function createBuild(model: DockerfileModel, context: ServiceContext): Build {
  const stages = model.stages.stages;
  const shared = sharedOf(model, context.catalog);
  const facts = shared.facts;
  let sites: ReferenceSite[] | undefined;
  let images: ImageSite[] | undefined;
  // By stage index: stage rules ask for one stage's sites, and a keystroke's validation for the changed stage's only.
  const sitesByStage: (readonly ReferenceSite[] | undefined)[] = [];
  const imagesByStage: (readonly ImageSite[] | undefined)[] = [];
  const shelllessByStage: (ShelllessCommands | undefined)[] = [];
  const imageBySite = new Map<ReferenceSite, ImageSite | null>();
  const verdicts = new Map<ImageSite, TagVerdict | undefined>();
  let intent: AppIntent | undefined;
  let copySources: ReadonlySet<Stage> | undefined;
  let shellless: ShelllessCommands | undefined;
  const roles = new Map<Stage, StageRole>();
  const starts = new Map<Stage, AppStart>();
  const listenings = new Map<Stage, Listening>();
  let purpose: FinalPurpose | undefined;
  let contextDecision: { decision: BuildContextDecision | undefined } | undefined;
  const placements = shared.placements;
  const products = new Map<Instruction, StepProducts | null>();

  /** A stage of another version would answer with its own offsets: refused loudly. */
  const ownStage = (stage: Stage): Stage => {
    if (stages[stage.index] !== stage) throw new Error(`stage ${stage.index} is not a stage of this document version`);
    return stage;
  };

  const stageFacts = (stage: Stage): StageFacts => {
    ownStage(stage);
    const known = facts[stage.index];
    if (known) return known;
    // From the root of the chain down, so no answer is built recursively however long the chain.
    const chain: Stage[] = [];
    for (let current: Stage | undefined = stage; current && !facts[current.index]; current = current.parent) chain.push(current);
    for (let i = chain.length - 1; i >= 0; i--) {
      const member = chain[i]!;
      facts[member.index] = new StageFacts(model, member, member.parent ? facts[member.parent.index] : undefined, context);
    }
    return facts[stage.index]!;
  };

  const imageOf = (site: ReferenceSite): ImageSite | undefined => {
    const known = imageBySite.get(site);
    if (known !== undefined) return known ?? undefined;
    let image: ImageSite | null = null;
    if (site.reference) {
      // A FROM's image is its stage's: one description per stage.
      const description = site.kind === 'from' ? stageFacts(site.stage).image : describeImageCached(site.reference, context.catalog);
      if (description && description.kind !== 'scratch') image = { ...site, reference: site.reference, facts: description };
    }
    imageBySite.set(site, image);
    return image ?? undefined;
  };

  const readDotnetCalls = (stage: Stage): CallAt[] => {
    const found: CallAt[] = [];
    for (const instruction of stage.instructions) {
      if (instruction.name !== 'RUN' || !mentionsDotnet(instruction)) continue;
      const facts = stageFacts(stage);
      const values = facts.lookupAt(instruction.span.start);
      const workdir = facts.workdirAt(instruction.span.start);
      for (const command of dotnetCommandsOf(stage, instruction, { get: (name) => (values.env(name) ?? values.arg(name))?.value })) found.push([command, workdir]);
    }
    return found;
  };

  const dotnetCommands = (): readonly DotnetCommand[] => {
    let commands = shared.commands;
    if (!commands) {
      commands = shared.commands = [];
      const carried = carriedOf(shared, model, context.catalog);
      for (const stage of stages) {
        for (const [command, workdir] of carried.dotnetCalls(stage, () => readDotnetCalls(stage))) {
          commands.push(command);
          shared.runWorkdirs.set(command, workdir);
        }
      }
    }
    return commands;
  };

  const startWords = (stage: Stage): readonly string[] | undefined => {
    const facts = stageFacts(stage);
    const { entrypoint, cmd, imageEntrypoint, imageCmd } = facts.startCommand();
    if (entrypoint) {
      const words = commandWords(entrypoint);
      if (!words || entrypoint.form !== 'exec') return words;
      const rest = cmd?.form === 'exec' ? cmd.execArgs ?? [] : cmd ? undefined : [];
      return rest ? [...words, ...rest] : words;
    }
    if (imageEntrypoint) {
      // The image's exec-form ENTRYPOINT takes the CMD as arguments: a shell-form one as `/bin/sh -c <text>`.
      if (!cmd) return [...imageEntrypoint, ...(imageCmd ?? [])];
      if (cmd.form === 'exec') return cmd.execArgs ? [...imageEntrypoint, ...cmd.execArgs] : undefined;
      return cmd.form === 'shell' && !facts.shellAt(cmd.span.start).shellInstruction ? [...imageEntrypoint, '/bin/sh', '-c', cmd.args] : undefined;
    }
    return cmd ? commandWords(cmd) : imageCmd;
  };

  const runWorkdir = (command: DotnetCommand): string | undefined => {
    dotnetCommands();
    return shared.runWorkdirs.has(command) ? shared.runWorkdirs.get(command) : stageFacts(command.stage).workdirAt(command.instruction.span.start);
  };

  const start = (stage: Stage): AppStart => {
    let known = starts.get(stage);
    if (!known) {
      const facts = stageFacts(stage);
      const command = facts.startCommand();
      known = classifyStart(startWords(stage), command.entrypoint !== undefined || command.cmd !== undefined, () => toolFolders(facts));
      starts.set(stage, known);
    }
    return known;
  };

  const build: Build = {
    model,
    context,
    project: context.project,
    memo: new ModelMemo(),
    stage: stageFacts,
    get final() {
      const last = model.stages.finalStage;
      return last ? stageFacts(last) : undefined;
    },
    sites() {
      if (!sites) {
        sites = [];
        for (const stage of stages) for (const site of build.stageSites(stage)) sites.push(site);
      }
      return sites;
    },
    imageSites() {
      if (!images) {
        images = [];
        for (const stage of stages) for (const image of build.imageSitesIn(stage)) images.push(image);
      }
      return images;
    },
    stageSites(stage) {
      return (sitesByStage[stage.index] ??= findStageReferenceSites(model, ownStage(stage)));
    },
    imageSitesIn(stage) {
      let known = imagesByStage[stage.index];
      if (!known) {
        const found: ImageSite[] = [];
        for (const site of build.stageSites(stage)) {
          const image = imageOf(site);
          if (image) found.push(image);
        }
        imagesByStage[stage.index] = known = found;
      }
      return known;
    },
    siteAt(offset) {
      // A site lies in its stage's instructions: one stage's sites are searched, not the document's.
      const stage = model.stages.stageAt(offset);
      return stage ? siteAt(build.stageSites(stage), offset) : undefined;
    },
    imageOf,
    verdict(site) {
      if (verdicts.has(site)) return verdicts.get(site);
      const verdict = context.catalog ? judgeTag(context.catalog, site.facts, context.today) : undefined;
      verdicts.set(site, verdict);
      return verdict;
    },
    dotnetCommands,
    intent() {
      return (intent ??= decideIntent({ model, project: context.project, facts: stageFacts, dotnetCommands, startWords }));
    },
    role(stage) {
      let role = roles.get(stage);
      if (!role) {
        copySources ??= copySourcesOf(build.sites());
        role = stageRole(model, stage, copySources, dotnetCommands(), stageFacts);
        roles.set(stage, role);
      }
      return role;
    },
    startWords,
    shelllessCommands() {
      if (!shellless) {
        const shellForm: CommandSite[] = [];
        const execForm: CommandSite[] = [];
        for (const stage of stages) {
          const own = build.shelllessCommandsIn(stage);
          for (const site of own.shellForm) shellForm.push(site);
          for (const site of own.execForm) execForm.push(site);
        }
        shellless = { shellForm, execForm };
      }
      return shellless;
    },
    shelllessCommandsIn(stage) {
      let known = shelllessByStage[stage.index];
      if (!known) {
        const shellForm: CommandSite[] = [];
        const execForm: CommandSite[] = [];
        const facts = stageFacts(stage);
        for (const instruction of stage.instructions) {
          if (!isCommandInstruction(instruction) || facts.shellAt(instruction.span.start).available !== false) continue;
          if (runsThroughShell(instruction)) {
            // A shell copied in (busybox, a whole root file system) makes shell form work again.
            if (!copiedIn(facts, instruction.span.start, SHELLS_COPIED_IN)) shellForm.push({ instruction, stage, facts });
          } else if (isExecCommand(instruction)) execForm.push({ instruction, stage, facts });
        }
        shelllessByStage[stage.index] = known = { shellForm, execForm };
      }
      return known;
    },
    start,
    purpose() {
      const final = model.stages.finalStage;
      return (purpose ??= finalPurpose(model.document.uri, final ? start(final) : undefined, final));
    },
    listening(stage) {
      let known = listenings.get(stage);
      if (!known) {
        const facts = stageFacts(stage);
        const command = facts.startCommand();
        // A stage that adds no ENV and no start command to its parent listens where its parent does (long FROM
        // chains ask for every stage in order: the parent's answer is there already, no recursion needed).
        const parent = facts.parent;
        const inherited = parent && listenings.get(parent.stage);
        const parentCommand = parent?.startCommand();
        known =
          inherited && parent.effectiveEnv() === facts.effectiveEnv() && parentCommand?.entrypoint === command.entrypoint && parentCommand?.cmd === command.cmd
            ? inherited
            : listeningOf(facts, () => start(stage), [command.entrypoint, command.cmd]);
        listenings.set(stage, known);
      }
      return known;
    },
    buildContext() {
      contextDecision ??= { decision: context.buildContext ? decideBuildContext(model, context.buildContext) : undefined };
      return contextDecision.decision;
    },
    placements(stage) {
      let found = placements.get(stage);
      if (!found) {
        found = carriedOf(shared, model, context.catalog).placements(ownStage(stage), () => placementsOfStage(model, stage, stageFacts));
        placements.set(stage, found);
      }
      return found;
    },
    runWorkdir,
    publishing() {
      return (shared.publishing ??= publishingOf({ model, facts: stageFacts, dotnetCommands, placements: (stage) => build.placements(stage), runWorkdir }));
    },
    projectSearch() {
      return (shared.projectSearch ??= projectSearchOf(build));
    },
    stepProducts(stage, instruction) {
      let known = products.get(instruction);
      if (known === undefined) {
        known = productsOf(build, stage, instruction) ?? null;
        products.set(instruction, known);
      }
      return known ?? undefined;
    },
  };
  return build;
}

function mentionsDotnet(instruction: Instruction): boolean {
  if (instruction.execArgs) return instruction.execArgs.some((word) => word.includes('dotnet'));
  return instruction.args.includes('dotnet') || instruction.heredocs.some((h) => h.content.includes('dotnet'));
}

/** The argv of a command instruction: exec form as written, shell form as `sh` would split it (when it can be told). */
function commandWords(instruction: Instruction): readonly string[] | undefined {
  if (instruction.form === 'exec') return instruction.execArgs;
  if (instruction.form !== 'shell') return undefined;
  const split = splitShellWords(instruction.args);
  return split.ok ? split.words : undefined;
}
