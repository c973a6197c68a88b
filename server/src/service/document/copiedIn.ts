/**
 * Did the Dockerfile bring a program into a shell-less stage itself? A COPY/ADD earlier in the stage (or its
 * parents) that names it (`COPY --from=busybox /bin/sh /bin/sh`) or that copies another stage's or image's
 * file system to `/` (`COPY --from=build /rootfs /`, whose content we cannot see) may have; then the shell rules
 * stay quiet rather than raise a false alarm.
 */
import type { Stage } from './stages';

const patterns = new Map<string, RegExp>();

/** Matches the program's name as a path component or word (`/bin/sh`, `"curl"`). */
function toolPattern(program: string): RegExp {
  let pattern = patterns.get(program);
  if (!pattern) {
    pattern = new RegExp(`(^|[/\\s"'])${program.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}($|[\\s"'])`);
    patterns.set(program, pattern);
  }
  return pattern;
}

/** True when a COPY/ADD before `before` in `stage` (or anywhere in its parents) may have brought one of `programs` in. */
export function copiedIn(lineage: readonly Stage[], stage: Stage, before: number, programs: readonly string[]): boolean {
  for (let m = 0; m < lineage.length; m++) {
    const member = lineage[m]!;
    for (let i = 0; i < member.instructions.length; i++) {
      const instruction = member.instructions[i]!;
      if (member === stage && instruction.span.start >= before) break;
      if (instruction.name !== 'COPY' && instruction.name !== 'ADD') continue;
      const words = instruction.execArgs ?? instruction.words.map((w) => w.text);
      const fromElsewhere = instruction.flags.some((f) => f.name.toLowerCase() === 'from');
      if (fromElsewhere && words[words.length - 1] === '/') return true;
      if (programs.some((program) => toolPattern(program).test(instruction.args))) return true;
    }
  }
  return false;
}
