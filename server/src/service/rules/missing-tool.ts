/**
 * missing-tool: an exec-form instruction in a shell-less stage that calls a program such images do not
 * ship: shells, package managers, curl, wget (`HEALTHCHECK CMD ["curl", ...]` on a chiseled image).
 * Quiet when the stage copies the program in (a COPY/ADD naming it, or a whole root file system).
 */
import type { Instruction, Span } from '../syntax/model';
import { describeShellless } from './shell-form-without-shell';
import { copiedIn } from '../document/copiedIn';
import type { Finding, Rule } from '../diagnostics/rule';

const MISSING_TOOLS = new Set(['sh', 'bash', 'apt-get', 'apt', 'apk', 'tdnf', 'dnf', 'yum', 'microdnf', 'curl', 'wget']);

function isExecCommand(instruction: Instruction): boolean {
  if (instruction.form !== 'exec' || !instruction.execArgs?.length) return false;
  if (instruction.name === 'RUN' || instruction.name === 'CMD' || instruction.name === 'ENTRYPOINT') return true;
  return instruction.name === 'HEALTHCHECK' && instruction.subcommand?.text.toUpperCase() === 'CMD';
}

/** `/usr/bin/curl` → `curl`. */
function programName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** The first string of the JSON array, in the document. */
function firstElementSpan(instruction: Instruction): Span {
  const match = /^\[\s*("(?:[^"\\]|\\.)*")/.exec(instruction.args);
  if (!match) return instruction.keywordSpan;
  const start = instruction.args.indexOf('"');
  return { start: instruction.argsMap.toDocument(start), end: instruction.argsMap.toDocument(start + match[1]!.length) };
}

export const missingTool: Rule = {
  id: 'missing-tool',
  defaultSeverity: 'warning',
  description: 'An exec-form command in a shell-less stage calls a program such images lack (sh, bash, apt-get, apk, tdnf, curl, wget, ...).',
  check({ model, analysis }) {
    const findings: Finding[] = [];
    for (let s = 0; s < model.stages.stages.length; s++) {
      const stage = model.stages.stages[s]!;
      for (let i = 0; i < stage.instructions.length; i++) {
        const instruction = stage.instructions[i]!;
        if (!isExecCommand(instruction)) continue;
        const program = programName(instruction.execArgs![0]!);
        if (!MISSING_TOOLS.has(program)) continue;
        const shell = analysis.shellAt(stage, instruction.span.start);
        // A SHELL instruction says the author put a shell there; trust it for every tool.
        if (shell.available !== false) continue;
        if (copiedIn(shell.facts.lineage, stage, instruction.span.start, [program])) continue;
        findings.push({
          span: firstElementSpan(instruction),
          message: `\`${program}\` is not in this stage's image: ${describeShellless(shell)} ships no shell, package manager, curl or wget. ${
            instruction.name === 'HEALTHCHECK'
              ? 'Check health with a program the image has (e.g. the app itself with a health argument), or probe from outside the container.'
              : 'Run it in a build stage that has it and COPY the result, or call a program the image has.'
          }`,
          instructionStart: instruction.keywordSpan.start,
          stageIndex: stage.index,
        });
      }
    }
    return findings;
  },
};
