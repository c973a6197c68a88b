/**
 * Facts several rules need, computed once per validation and only when first asked: each stage's real
 * base image, whether a SHELL is in force, who the container runs as, the ENV of a stage's lineage, and
 * every .NET image reference with its tag verdict. Everything here is linear in the document, so a
 * 10,000-line Dockerfile stays cheap (no rule rescans a stage per instruction).
 */
import type { ServiceContext } from '../context';
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { Instruction, Span } from '../syntax/model';
import { parseKeyValues } from '../syntax/keyValue';
import { describeImageCached, type ImageFacts } from '../images/imageFacts';
import { stageLineage } from './stageFacts';
import { parseImageReference, type ImageReference } from '../images/imageReference';
import { judgeTag, type TagVerdict } from '../catalog/tagVerdict';
import { buildIntent, type BuildIntent } from './buildIntent';

export interface EnvAssignment {
  readonly key: string;
  /** The value with quotes removed. */
  readonly value: string;
  /** The value as written (quotes kept), and where it starts in the instruction's `args`. */
  readonly rawValue: string;
  readonly rawValueStart: number;
  /** From the key to the end of the value, in the document. */
  readonly span: Span;
  readonly instruction: Instruction;
}

export interface StageFacts {
  readonly stage: Stage;
  /** The image the stage finally runs on, through `FROM <stage>` chains; undefined for scratch or a cycle. */
  readonly image: ImageFacts | undefined;
  /** True when the chain ends at `FROM scratch`. */
  readonly scratch: boolean;
  /** The stages from this one up to the one built on an image (this one first). */
  readonly lineage: readonly Stage[];
  /** The last USER of the lineage (what the container runs as), if any. */
  readonly lastUser: Instruction | undefined;
  /** True/false when known: the container of this stage runs as a non-root user. */
  readonly runsAsNonRoot: boolean | undefined;
  /** ENV assignments of the lineage, parents first, in document order. */
  readonly env: readonly EnvAssignment[];
}

export interface ShellAt {
  /** false: no /bin/sh at this point; true: there is one (or a SHELL says which); undefined: unknown. */
  readonly available: boolean | undefined;
  readonly shellInstruction: Instruction | undefined;
  readonly facts: StageFacts;
}

/** Where an image reference appears. */
export type ImageSite = 'from' | 'copy-from';

export interface ImageUse {
  readonly reference: ImageReference;
  readonly facts: ImageFacts;
  readonly site: ImageSite;
  /** The stage the reference belongs to (the stage it is the base of, or the stage of the COPY). */
  readonly stage: Stage;
  readonly instruction: Instruction;
}

export interface DocumentAnalysis {
  stageFacts(stage: Stage): StageFacts;
  /** Is a shell there for a shell-form instruction of `stage` at `offset`? */
  shellAt(stage: Stage, offset: number): ShellAt;
  /** Every image reference in FROM lines (not stage names) and in `COPY --from=<image>`. */
  imageUses(): readonly ImageUse[];
  /** The catalog's verdict on a use's tag (cached; undefined when the catalog cannot judge it). */
  verdict(use: ImageUse): TagVerdict | undefined;
  /** What the Dockerfile (and the project) say about the app: web, self-contained, target framework. */
  intent(): BuildIntent;
}

function unquoteValue(raw: string): string {
  // BuildKit removes quotes from ENV values; inner escapes are rare in the values rules look at.
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < raw.length) out += raw[++i];
      else out += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\' && i + 1 < raw.length) out += raw[++i];
    else out += ch;
  }
  return out;
}

export function envAssignments(instruction: Instruction, escape: string): EnvAssignment[] {
  const parsed = parseKeyValues(instruction.args, escape, instruction.name);
  return parsed.pairs.map((pair) => {
    const rawValue = instruction.args.slice(pair.valueStart, pair.valueEnd);
    return {
      key: pair.key,
      value: unquoteValue(rawValue),
      rawValue,
      rawValueStart: pair.valueStart,
      span: { start: instruction.argsMap.toDocument(pair.keyStart), end: instruction.argsMap.toDocument(pair.valueEnd) },
      instruction,
    };
  });
}

const ROOT_USERS = new Set(['root', '0', 'containeradministrator']);

/** Stage facts whose ENV is parsed on first use: only the port and globalization rules read it. */
class LazyStageFacts implements StageFacts {
  private parsedEnv: EnvAssignment[] | undefined;

  constructor(
    readonly stage: Stage,
    readonly image: ImageFacts | undefined,
    readonly scratch: boolean,
    readonly lineage: readonly Stage[],
    readonly lastUser: Instruction | undefined,
    readonly runsAsNonRoot: boolean | undefined,
    private readonly escape: string,
    /** The ENV of the stage this one is built FROM, which comes first. */
    private readonly parentEnv: (() => readonly EnvAssignment[]) | undefined,
  ) {}

  get env(): readonly EnvAssignment[] {
    if (!this.parsedEnv) {
      const env = this.parentEnv ? this.parentEnv().slice() : [];
      const instructions = this.stage.instructions;
      for (let i = 0; i < instructions.length; i++) {
        if (instructions[i]!.name !== 'ENV') continue;
        const assignments = envAssignments(instructions[i]!, this.escape);
        for (let a = 0; a < assignments.length; a++) env.push(assignments[a]!);
      }
      this.parsedEnv = env;
    }
    return this.parsedEnv;
  }
}


export function createAnalysis(service: ServiceContext, model: DockerfileModel): DocumentAnalysis {
  const stages = model.stages;
  const escape = model.syntax.escape;
  const ownImages = new Map<Stage, ImageFacts>();
  const facts = new Map<Stage, StageFacts>();
  const firstShell = new Map<Stage, Instruction | undefined>();
  const verdicts = new Map<ImageUse, TagVerdict | undefined>();
  let uses: ImageUse[] | undefined;
  let intent: BuildIntent | undefined;

  const ownImage = (stage: Stage): ImageFacts | undefined => {
    if (!stage.image || stage.parent) return undefined;
    let image = ownImages.get(stage);
    if (!image) {
      image = describeImageCached(stage.image, service.catalog);
      ownImages.set(stage, image);
    }
    return image;
  };

  const shellOf = (stage: Stage): Instruction | undefined => {
    if (!firstShell.has(stage)) firstShell.set(stage, stage.instructions.find((i) => i.name === 'SHELL'));
    return firstShell.get(stage);
  };

  const stageFacts = (stage: Stage): StageFacts => {
    const known = facts.get(stage);
    if (known) return known;
    const lineage = stageLineage(model, stage);
    const root = lineage[lineage.length - 1];
    const rootIsImage = !!root && !root.parent;
    const scratch = rootIsImage && root.image?.text.toLowerCase() === 'scratch';
    const image = rootIsImage && root && !scratch ? ownImage(root) : undefined;
    let lastUser: Instruction | undefined;
    for (const current of lineage) {
      for (let i = current.instructions.length - 1; i >= 0 && !lastUser; i--) {
        const instruction = current.instructions[i]!;
        if (instruction.name === 'USER') lastUser = instruction;
      }
      if (lastUser) break;
    }
    let runsAsNonRoot: boolean | undefined;
    if (lastUser) {
      const name = (lastUser.args.trim().split(':')[0] ?? '').toLowerCase();
      runsAsNonRoot = name === '' ? undefined : !ROOT_USERS.has(name);
    } else {
      runsAsNonRoot = image?.nonRoot;
    }
    const parent = lineage.length > 1 ? lineage[1] : undefined;
    const result = new LazyStageFacts(stage, image, scratch, lineage, lastUser, runsAsNonRoot, escape, parent ? () => stageFacts(parent).env : undefined);
    facts.set(stage, result);
    return result;
  };

  const shellAt = (stage: Stage, offset: number): ShellAt => {
    const current = stageFacts(stage);
    let shellInstruction: Instruction | undefined;
    for (const member of current.lineage) {
      const shell = shellOf(member);
      if (shell && (member !== stage || shell.span.start < offset)) {
        shellInstruction = shell;
        break;
      }
    }
    if (shellInstruction) return { available: true, shellInstruction, facts: current };
    if (current.scratch) return { available: false, shellInstruction, facts: current };
    return { available: current.image?.shell, shellInstruction, facts: current };
  };

  const collectUses = (): ImageUse[] => {
    const result: ImageUse[] = [];
    for (let s = 0; s < stages.stages.length; s++) {
      const stage = stages.stages[s]!;
      const image = ownImage(stage);
      if (image && stage.image && image.kind !== 'scratch') {
        result.push({ reference: stage.image, facts: image, site: 'from', stage, instruction: stage.from });
      }
      for (let i = 0; i < stage.instructions.length; i++) {
        const instruction = stage.instructions[i]!;
        if (instruction.name !== 'COPY') continue;
        const use = copyFromImage(instruction, stage);
        if (use) result.push(use);
      }
    }
    return result;
  };

  const copyFromImage = (instruction: Instruction, stage: Stage): ImageUse | undefined => {
    const flag = instruction.flags.find((f) => f.name.toLowerCase() === 'from');
    if (!flag?.value || !flag.valueSpan) return undefined;
    const value = flag.value;
    // `--from=build` or `--from=0` names a stage; BuildKit treats anything else as an image.
    if (stages.stageByName(value) || /^\d+$/.test(value)) return undefined;
    const written = model.syntax.text.slice(flag.valueSpan.start, flag.valueSpan.end);
    if (written !== value) return undefined; // quoted or escaped: offsets would not line up; rare enough to skip
    const reference = parseImageReference(value, flag.valueSpan.start, stages.globalArg);
    const image = describeImageCached(reference, service.catalog);
    if (image.kind === 'other' || image.kind === 'scratch') return undefined;
    return { reference, facts: image, site: 'copy-from', stage, instruction };
  };

  const analysis: DocumentAnalysis = {
    stageFacts,
    shellAt,
    imageUses() {
      uses ??= collectUses();
      return uses;
    },
    verdict(use) {
      if (verdicts.has(use)) return verdicts.get(use);
      const verdict = service.catalog ? judgeTag(service.catalog, use.facts, service.today) : undefined;
      verdicts.set(use, verdict);
      return verdict;
    },
    intent() {
      intent ??= buildIntent(model, analysis, service.project);
      return intent;
    },
  };
  return analysis;
}
