/**
 * missing-tool: an exec-form instruction in a shell-less stage that calls a program such images do not
 * ship: shells, package managers, curl, wget (`HEALTHCHECK CMD ["curl", ...]` on a chiseled image).
 * Quiet when the stage copies the program in (a COPY/ADD naming it, or a whole root file system).
 */
import type { Finding, StageRule } from '../diagnostics/rule';
import type { Fix } from '../fixes/editKit';
import type { Instruction, Span } from '../syntax/model';
import { copiedIn } from '../document/copiedIn';
import { programName } from '../document/instructionFields';
import { packageManagersOf, SHELL_PROGRAMS, TOOLS_SHELLLESS_IMAGES_LACK } from '../images/dotnetImages';
import { moveToSdkStage } from '../fixes/moveToSdkStage';
import { switchToShellImage } from '../fixes/switchToShellImage';
import { removeHealthCheckTool } from '../fixes/removeHealthCheckTool';
import { healthCheckAdvice, shelllessImage } from '../texts/messages';
import { quote } from '../texts/quote';

/** The first string of the JSON array, in the document. */
function firstElementSpan(instruction: Instruction): Span {
  const match = /^\[\s*("(?:[^"\\]|\\.)*")/.exec(instruction.args);
  if (!match) return instruction.keywordSpan;
  const start = instruction.args.indexOf('"');
  return { start: instruction.argsMap.toDocument(start), end: instruction.argsMap.toDocument(start + match[1]!.length) };
}

export const missingTool: StageRule = {
  id: 'missing-tool',
  defaultSeverity: 'warning',
  summary: 'An exec-form command in a shell-less stage calls a program such images lack (sh, bash, apt-get, apk, tdnf, curl, wget, ...).',
  checkStage({ build }, stage) {
    const findings: Finding[] = [];
    for (const { instruction, facts } of build.shelllessCommandsIn(stage).execForm) {
      const program = programName(instruction.execArgs![0]!);
      if (!TOOLS_SHELLLESS_IMAGES_LACK.has(program)) continue;
      // A SHELL instruction says the author put a shell there (shellless commands exclude it); a COPY may bring the tool.
      if (copiedIn(facts, instruction.span.start, [program])) continue;
      findings.push({
        span: firstElementSpan(instruction),
        message: `${quote(program)} is not in this stage's image: ${shelllessImage(facts)} ships no shell, package manager, curl or wget. ${
          instruction.name === 'HEALTHCHECK'
            ? `The health check can never pass. ${healthCheckAdvice(instruction.args, build, stage)}`
            : 'Run it in a build stage that has it and COPY the result, or call a program the image has.'
        }`,
        instruction,
        stage,
      });
    }
    return findings;
  },
  fixes({ build }, finding) {
    const instruction = finding.instruction;
    const stage = finding.stage;
    if (!instruction?.execArgs || !stage) return [];
    const fixes: Fix[] = [];
    const move = moveToSdkStage(build, instruction);
    if (move) fixes.push(move);
    // The same image with a shell has sh and bash, and its distribution's package manager; it has no curl or wget.
    const program = programName(instruction.execArgs[0]!);
    if (SHELL_PROGRAMS.has(program) || packageManagersOf(build.stage(stage).image).includes(program)) {
      const switched = switchToShellImage(build, stage);
      if (switched) fixes.push(switched);
    }
    const removed = removeHealthCheckTool(build, stage, instruction);
    if (removed) fixes.push(removed);
    return fixes;
  },
};
