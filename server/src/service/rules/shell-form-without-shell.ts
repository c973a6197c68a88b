/**
 * shell-form-without-shell: shell form means `/bin/sh -c "<text>"`. Chiseled and distroless images (and
 * scratch, and well-known shell-less bases) have no /bin/sh, so such an instruction fails the build (RUN)
 * or the container (CMD, ENTRYPOINT, HEALTHCHECK). Exec vs shell form is the parser's, decided as BuildKit
 * does: `CMD ['dotnet','app.dll']` is not JSON, hence shell form.
 *
 * The message shows the user's own command in exec form when it can be written so (the quick fix writes the
 * same), and says why when it cannot.
 */
import type { Finding, StageRule } from '../diagnostics/rule';
import type { Fix } from '../fixes/editKit';
import { execFormOf, type ExecFormOutcome } from '../fixes/execForm';
import { moveToSdkStage } from '../fixes/moveToSdkStage';
import { switchToShellImage } from '../fixes/switchToShellImage';
import { removeHealthCheckTool } from '../fixes/removeHealthCheckTool';
import { programName } from '../document/instructionFields';
import { TOOLS_SHELLLESS_IMAGES_LACK } from '../images/dotnetImages';
import { healthCheckAdvice, shelllessImage } from '../texts/messages';
import { toExecFormJson } from '../shell/shellWords';
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import { quote } from '../texts/quote';
import type { Instruction } from '../syntax/model';

function advice(build: Build, stage: Stage, instruction: Instruction, outcome: ExecFormOutcome | undefined): string {
  const execForm = outcome?.ok ? quote(outcome.rewrite.rewritten) : undefined;
  const refused = outcome && !outcome.ok ? `; it cannot be rewritten in exec form as it is, because ${outcome.reason}` : '';
  switch (instruction.name) {
    case 'RUN':
      return `so the build fails. Do this step in a stage that has a shell (the sdk build stage) and COPY the result${execForm ? `, or run the program directly in exec form: ${execForm}` : refused}.`;
    case 'HEALTHCHECK': {
      const program = outcome?.ok ? outcome.rewrite.words[0] : undefined;
      if (execForm && program && !TOOLS_SHELLLESS_IMAGES_LACK.has(programName(program))) return `so the health check can never pass. Use exec form: ${execForm}.`;
      return `so the health check can never pass${refused}. ${healthCheckAdvice(instruction.args, build, stage)}`;
    }
    default: {
      const image = outcome?.ok ? outcome.rewrite.entrypointOfImage : undefined;
      if (execForm && image) return `so the container cannot start. Use exec form, as an ENTRYPOINT: ${execForm} (as a CMD it would be arguments to the image's ENTRYPOINT ${quote(toExecFormJson(image))}).`;
      return execForm ? `so the container cannot start. Use exec form: ${execForm}.` : `so the container cannot start. Use exec form with a program the image has${refused}.`;
    }
  }
}

export const shellFormWithoutShell: StageRule = {
  id: 'shell-form-without-shell',
  defaultSeverity: 'error',
  summary: 'A shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD in a stage whose image has no /bin/sh (chiseled, distroless, scratch).',
  checkStage({ build }, stage) {
    const findings: Finding[] = [];
    for (const { instruction, facts } of build.shelllessCommandsIn(stage).shellForm) {
      const outcome = execFormOf(build, instruction);
      findings.push({
        span: instruction.keywordSpan,
        message: `${instruction.keyword} in shell form runs '/bin/sh -c', but this stage runs on ${shelllessImage(facts)}, which has no shell, ${advice(build, stage, instruction, outcome)}`,
        instruction,
        stage,
      });
    }
    return findings;
  },
  fixes({ build }, finding) {
    const instruction = finding.instruction;
    const stage = finding.stage;
    if (!instruction || !stage) return [];
    const fixes: Fix[] = [];
    const outcome = execFormOf(build, instruction);
    if (outcome?.ok) {
      fixes.push({ title: outcome.rewrite.title, edits: outcome.rewrite.edits, preferred: outcome.rewrite.inlined.length === 0, safe: outcome.rewrite.safe });
    } else if (outcome) {
      fixes.push({ title: 'Rewrite in exec form', edits: [], disabled: `It cannot be rewritten in exec form as it is: ${outcome.reason}.` });
    }
    const move = moveToSdkStage(build, instruction);
    if (move) fixes.push(move);
    const switched = switchToShellImage(build, stage);
    if (switched) fixes.push(switched);
    const removed = removeHealthCheckTool(build, stage, instruction);
    if (removed) fixes.push(removed);
    return fixes;
  },
};
