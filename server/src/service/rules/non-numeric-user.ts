/**
 * non-numeric-user: the final image runs as a user named by name (`USER app`). Kubernetes' `runAsNonRoot` checks the
 * image's user without reading /etc/passwd, so it refuses to start a container whose user is a name ("image has
 * non-numeric user (app), cannot verify user is non-root"). .NET 8+ images define `APP_UID` (1654, the `app` user):
 * `USER $APP_UID` says the same, as a number. A user created in the Dockerfile with a UID (`adduser -u 5678 appuser`)
 * is fixed with that UID. Linux .NET images only; dev containers are not run by Kubernetes.
 */
import type { Fix } from '../fixes/editKit';
import type { Finding, Rule } from '../diagnostics/rule';
import type { StageFacts } from '../document/stageFacts';
import { CORE_FAMILIES, majorOf } from '../images/dotnetImages';
import { dotnetFamilyOf } from '../images/retiredFamily';
import { evaluateWord } from '../shell/expansion';
import { quote } from '../texts/quote';

/** `useradd -u 5678 name`, `adduser --uid 5678 name`, `adduser -D -u 5678 name`: the UID given to `name`, read command by command. */
function createdUid(facts: StageFacts, name: string, before: number): string | undefined {
  for (const stage of facts.lineage()) {
    for (const instruction of stage.instructions) {
      if (stage === facts.stage && instruction.span.start >= before) break;
      if (instruction.name !== 'RUN' || !instruction.args.includes(name) || !/useradd|adduser/.test(instruction.args)) continue;
      for (const command of instruction.args.split(/&&|\|\||[;\n|]/)) {
        const words = command.trim().split(/\s+/);
        const at = words.findIndex((w) => w === 'useradd' || w === 'adduser');
        if (at < 0 || words[words.length - 1] !== name) continue;
        for (let i = at + 1; i < words.length - 1; i++) {
          const word = words[i]!;
          const joined = /^--uid=(\d+)$/.exec(word);
          if (joined) return joined[1];
          if ((word === '-u' || word === '--uid') && /^\d+$/.test(words[i + 1] ?? '')) return words[i + 1];
        }
      }
    }
  }
  return undefined;
}

export const nonNumericUser: Rule = {
  id: 'non-numeric-user',
  defaultSeverity: 'information',
  summary: "The final image runs as a user given by name ('USER app'): Kubernetes runAsNonRoot cannot verify it; use a UID ('USER $APP_UID').",
  check({ build }) {
    const facts = build.final;
    if (!facts) return [];
    // Dev containers, build and tool images are not what Kubernetes runs.
    const purpose = build.purpose().purpose;
    if (purpose !== 'app' && purpose !== 'unknown') return [];
    const image = facts.image;
    const family = dotnetFamilyOf(image);
    if (!image || !family || !CORE_FAMILIES.has(family) || image.platform === 'windows') return [];
    const user = facts.finalUser();
    const instruction = user.instruction;
    if (!instruction || user.user === undefined) return [];
    const lookup = build.stage(facts.stage).lookupAt(instruction.span.start);
    const value = evaluateWord(user.user, build.model.syntax.escape, (name) => (lookup.env(name) ?? lookup.arg(name))?.value);
    // A variable we cannot read (`$APP_UID` comes from the image) is left alone.
    if (value === undefined) return [];
    const name = value.split(':')[0]!;
    if (name === '' || /^\d+$/.test(name) || name.toLowerCase() === 'root') return [];
    const userStage = facts.lineage().find((stage) => stage.instructions.includes(instruction));
    const userFacts = userStage ? build.stage(userStage) : facts;
    const uid = createdUid(userFacts, name, instruction.span.start);
    const appUid = name === 'app' && image.version !== undefined && majorOf(image.version) >= 8;
    const replacement = uid ?? (appUid ? '$APP_UID' : undefined);
    const fixes: Fix[] = [];
    if (replacement) {
      const span = instruction.argsSpan;
      const group = value.includes(':') ? value.slice(value.indexOf(':')) : '';
      fixes.push({ title: `Use USER ${replacement}${group}`, edits: [{ start: span.start, end: span.end, newText: `${replacement}${group}` }], preferred: true });
    }
    const advice = replacement ? `write ${quote(`USER ${replacement}`)}` : 'give the user a fixed UID when you create it and write that number';
    return [
      {
        span: instruction.argsSpan,
        message: `The image runs as the user ${quote(name)}, a name: Kubernetes (runAsNonRoot) cannot verify that a named user is not root and refuses to start the container. Use the numeric UID: ${advice}.`,
        fixes,
      } satisfies Finding,
    ];
  },
};
