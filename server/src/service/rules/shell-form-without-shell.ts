/**
 * shell-form-without-shell: shell form means `/bin/sh -c "<text>"`. Chiseled and distroless images (and
 * scratch, and well-known shell-less bases) have no /bin/sh, so such an instruction fails the build (RUN)
 * or the container (CMD, ENTRYPOINT, HEALTHCHECK). Exec vs shell form is the parser's, decided as BuildKit
 * does: `CMD ['dotnet','app.dll']` is not JSON, hence shell form.
 */
import { splitShellWords, toExecFormJson } from '../shell/shellWords';
import type { Instruction } from '../syntax/model';
import type { ShellAt } from '../document/analysis';
import { copiedIn } from '../document/copiedIn';
import type { Finding, Rule } from '../diagnostics/rule';

const SHELL_PROGRAMS = ['sh', 'busybox'];

/** A RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD written in shell form (heredoc RUNs included). */
export function isShellFormCommand(instruction: Instruction): boolean {
  if (instruction.form !== 'shell') return false;
  if (instruction.name === 'RUN' || instruction.name === 'CMD' || instruction.name === 'ENTRYPOINT') return true;
  return instruction.name === 'HEALTHCHECK' && instruction.subcommand?.text.toUpperCase() === 'CMD';
}

/** "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled (Ubuntu chiseled)", "scratch (an empty image)". */
export function describeShellless(shell: ShellAt): string {
  const image = shell.facts.image;
  if (!image) return 'scratch (an empty image)';
  const via = shell.facts.lineage.length > 1 ? ` (through stage \`${shell.facts.stage.from.words[0]?.text ?? ''}\`)` : '';
  return `\`${image.reference.text}\`${image.shellReason ? ` (${image.shellReason})` : ''}${via}`;
}

function advice(instruction: Instruction): string {
  switch (instruction.name) {
    case 'RUN':
      return 'so the build fails. Do this step in a stage that has a shell (e.g. the sdk build stage) and COPY the result, or use exec form (`RUN ["program", "arg"]`) with a program the image has';
    case 'HEALTHCHECK':
      return 'so the health check can never pass. Use exec form with a program the image has: `HEALTHCHECK CMD ["dotnet", "app.dll", "--health"]`';
    default: {
      // Show the exact exec form when the words are plain (the quick fix writes the same); else the general shape.
      const words = splitShellWords(instruction.args);
      const example = words.ok && words.words.length > 0 ? toExecFormJson(words.words) : '["dotnet", "app.dll"]';
      return `so the container cannot start. Use exec form: \`${instruction.keyword} ${example}\``;
    }
  }
}

export const shellFormWithoutShell: Rule = {
  id: 'shell-form-without-shell',
  defaultSeverity: 'error',
  description: 'A shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD in a stage whose image has no /bin/sh (chiseled, distroless, scratch).',
  check({ model, analysis }) {
    const findings: Finding[] = [];
    for (let s = 0; s < model.stages.stages.length; s++) {
      const stage = model.stages.stages[s]!;
      for (let i = 0; i < stage.instructions.length; i++) {
        const instruction = stage.instructions[i]!;
        if (!isShellFormCommand(instruction)) continue;
        const shell = analysis.shellAt(stage, instruction.span.start);
        if (shell.available !== false) continue;
        // A shell copied in (busybox, a whole root file system) makes shell form work again.
        if (copiedIn(shell.facts.lineage, stage, instruction.span.start, SHELL_PROGRAMS)) continue;
        findings.push({
          span: instruction.keywordSpan,
          message: `\`${instruction.keyword}\` in shell form runs \`/bin/sh -c\`, but this stage runs on ${describeShellless(shell)}, which has no shell, ${advice(instruction)}.`,
          instructionStart: instruction.keywordSpan.start,
          stageIndex: stage.index,
        });
      }
    }
    return findings;
  },
};
