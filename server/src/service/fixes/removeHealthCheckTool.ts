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

/** The removal, or undefined when the HEALTHCHECK can run, or what the step installs has another user. */
export function removeHealthCheckTool(build: Build, stage: Stage, instruction: Instruction): Fix | undefined {
  const model = build.model;
  const facts = build.stage(stage);
  if (facts.shellAt(instruction.span.start).available !== false) return undefined;
  const healthCheck = [...stage.instructions].reverse().find((i) => i.name === 'HEALTHCHECK' && i.subcommand?.text.toUpperCase() === 'CMD');
  if (!healthCheck) return undefined;
  const program = healthProgram(healthCheck);
  if (!program || !TOOLS_SHELLLESS_IMAGES_LACK.has(program)) return undefined;

  // The steps that install the tool and nothing else; the HEALTHCHECK's own finding removes them too.
  const installs = stage.instructions.filter((i) => {
    const products = i.name === 'RUN' ? build.stepProducts(stage, i) : undefined;
    return !!products && products.packages.length > 0 && products.onlyPackageManagement && products.packages.every((name) => name === program);
  });
  if (instruction !== healthCheck && !installs.includes(instruction)) return undefined;
  // Anything else that names the tool (here or in a stage built FROM this one) is another user.
  const word = new RegExp(`(^|[\\s"'/])${program.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}($|[\\s"'])`);
  const others = model.stages.stages.filter((other) => other === stage || (other.index > stage.index && build.stage(other).lineage().includes(stage)));
  for (const other of others) {
    for (const i of other.instructions) {
      if (i === healthCheck || installs.includes(i)) continue;
      if (word.test(i.args) || i.heredocs.some((h) => word.test(h.content))) return undefined;
    }
  }

  const text = model.syntax.text;
  const edits: OffsetEdit[] = [...installs, healthCheck]
    .sort((a, b) => a.span.start - b.span.start)
    .map((i) => ({ start: attachedCommentsStart(model, i), end: afterLineBreak(text, i.fullSpan.end), newText: '' }));
  const url = /https?:\/\/[^\s"'\\]+/i.exec(healthCheck.args)?.[0];
  const probe = `probe ${url ?? "the app's health endpoint"} from outside the container instead`;
  return {
    title: installs.length
      ? `Remove the ${program} install and the HEALTHCHECK, its only user: this image has no package manager to install it (${probe})`
      : `Remove the HEALTHCHECK: this image has no ${program} (${probe})`,
    edits,
  };
}

/** The program a HEALTHCHECK CMD runs: its exec-form program, or the first word of its shell form. */
function healthProgram(healthCheck: Instruction): string | undefined {
  const first = healthCheck.form === 'exec' ? healthCheck.execArgs?.[0] : /^\s*([^\s;&|<>]+)/.exec(healthCheck.args)?.[1];
  return first === undefined ? undefined : programName(first);
}
