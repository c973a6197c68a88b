// A tool installed only for a HEALTHCHECK the stage cannot run: `RUN apt-get update && apt-get install -y curl` for
// `HEALTHCHECK CMD ["curl", "-f", "http://localhost:8080/healthz"]` on a chiseled image. Moving the install into the
// SDK stage would help nothing (curl would never reach this image), and a chiseled image has no package manager. When
// the HEALTHCHECK is the only user of what the step installs, the honest fix removes both, and its title says why and
// what checks health instead: a probe from outside the container (Kubernetes, Docker Compose). Without an install
// step, it removes the HEALTHCHECK that calls a program the image does not have.
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import type { Instruction } from '../syntax/model';
import { programName } from '../document/instructionFields';
import { TOOLS_SHELLLESS_IMAGES_LACK } from '../images/dotnetImages';
import { afterLineBreak, attachedCommentsStart, type Fix, type OffsetEdit } from './editKit';
import { memoSlot } from '../document/modelMemo';
import { stagesBuiltFrom } from '../document/products';

/** The removal, or undefined when the HEALTHCHECK can run, or what the step installs has another user. */
export function removeHealthCheckTool(build: Build, stage: Stage, instruction: Instruction): Fix | undefined {
  // Only a HEALTHCHECK, or a step that installs packages, can be part of it: the others cost nothing.
  if (instruction.name === 'RUN' ? !build.stepProducts(stage, instruction)?.packages.length : instruction.name !== 'HEALTHCHECK') return undefined;
  const removals = removalsOf(build);
  if (!removals.has(stage)) removals.set(stage, planRemoval(build, stage));
  const removal = removals.get(stage);
  return removal?.instructions.has(instruction) ? removal.fix : undefined;
}

interface Removal {
  readonly instructions: ReadonlySet<Instruction>;
  readonly fix: Fix;
}

const REMOVALS = memoSlot<Map<Stage, Removal | undefined>>('health check removals');

/** Worked out once per stage and build: fix-all asks for every diagnostic's fixes. */
function removalsOf(build: Build): Map<Stage, Removal | undefined> {
  return build.memo.get(REMOVALS, () => new Map());
}

function planRemoval(build: Build, stage: Stage): Removal | undefined {
  const model = build.model;
  const facts = build.stage(stage);
  let healthCheck: Instruction | undefined;
  for (let i = stage.instructions.length - 1; i >= 0 && !healthCheck; i--) {
    const candidate = stage.instructions[i]!;
    if (candidate.name === 'HEALTHCHECK') healthCheck = candidate;
  }
  if (!healthCheck || healthCheck.subcommand?.text.toUpperCase() !== 'CMD') return undefined;
  if (facts.shellAt(healthCheck.span.start).available !== false) return undefined;
  const program = healthProgram(healthCheck);
  if (!program || !TOOLS_SHELLLESS_IMAGES_LACK.has(program)) return undefined;

  // The steps that install the tool and nothing else; the HEALTHCHECK's own finding removes them too.
  const installs: readonly Instruction[] = stage.instructions.filter((i) => {
    const products = i.name === 'RUN' ? build.stepProducts(stage, i) : undefined;
    return !!products && products.packages.length > 0 && products.onlyPackageManagement && products.packages.every((name) => name === program);
  });
  // Anything else that names the tool (here or in a stage built FROM this one) is another user.
  const removed = new Set([...installs, healthCheck]);
  const word = new RegExp(`(^|[\\s"'/])${program.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}($|[\\s"'])`);
  const others = [stage, ...stagesBuiltFrom(build, stage)];
  for (const other of others) {
    for (const i of other.instructions) {
      if (removed.has(i)) continue;
      if (word.test(i.args) || i.heredocs.some((h) => word.test(h.content))) return undefined;
    }
  }

  const text = model.syntax.text;
  const edits: OffsetEdit[] = [...installs, healthCheck]
    .sort((a, b) => a.span.start - b.span.start)
    .map((i) => ({ start: attachedCommentsStart(model, i), end: afterLineBreak(text, i.fullSpan.end), newText: '' }));
  const url = /https?:\/\/[^\s"'\\]+/i.exec(healthCheck.args)?.[0];
  const probe = `probe ${url ?? "the app's health endpoint"} from outside the container instead`;
  const fix: Fix = {
    title: installs.length
      ? `Remove the ${program} install and the HEALTHCHECK, its only user: this image has no package manager to install it (${probe})`
      : `Remove the HEALTHCHECK: this image has no ${program} (${probe})`,
    edits,
  };
  return { instructions: removed, fix };
}

/** The program a HEALTHCHECK CMD runs: its exec-form program, or the first word of its shell form. */
function healthProgram(healthCheck: Instruction): string | undefined {
  const first = healthCheck.form === 'exec' ? healthCheck.execArgs?.[0] : /^\s*([^\s;&|<>]+)/.exec(healthCheck.args)?.[1];
  return first === undefined ? undefined : programName(first);
}
