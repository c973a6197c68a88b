/**
 * Did the Dockerfile bring a program into a shell-less stage itself? A COPY/ADD earlier in the stage (or its
 * parents) that names it (`COPY --from=busybox /bin/sh /bin/sh`) or that copies another stage's or image's
 * file system to `/` (`COPY --from=build /rootfs /`, whose content we cannot see) may have; then the shell rules
 * stay quiet rather than raise a false alarm.
 */
import type { Stage } from './stages';
import type { StageFacts } from './stageFacts';
import { flagNamed } from './instructionFields';
import { TextKeyedCache } from '../texts/cacheBounds';

/** Program names come from the document: a few dozen in practice, unboundedly many in a hostile one. */
const patterns = new TextKeyedCache<RegExp>(512);

/** Matches the program's name as a path component or word (`/bin/sh`, `"curl"`). */
function toolPattern(program: string): RegExp {
  return patterns.get(program) ?? patterns.set(program, new RegExp(`(^|[/\\s"'])${program.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}($|[\\s"'])`));
}

/** True when a COPY/ADD before `before` in the stage (or anywhere in its parents) may have brought one of `programs` in. */
export function copiedIn(facts: StageFacts, before: number, programs: readonly string[]): boolean {
  const stage: Stage = facts.stage;
  for (let current: StageFacts | undefined = facts; current; current = current.parent) {
    const member = current.stage;
    for (let i = 0; i < member.instructions.length; i++) {
      const instruction = member.instructions[i]!;
      if (member === stage && instruction.span.start >= before) break;
      if (instruction.name !== 'COPY' && instruction.name !== 'ADD') continue;
      const words = instruction.execArgs ?? instruction.words.map((w) => w.text);
      const fromElsewhere = flagNamed(instruction, 'from') !== undefined;
      if (fromElsewhere && words[words.length - 1] === '/') return true;
      if (programs.some((program) => toolPattern(program).test(instruction.args))) return true;
    }
  }
  return false;
}
