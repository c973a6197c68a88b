/**
 * cmd-after-image-entrypoint: Microsoft's chiseled and distroless runtime and aspnet images set
 * `ENTRYPOINT ["/usr/bin/dotnet"]` (images/imageStart.ts). A Dockerfile that sets only a CMD hands it to that
 * ENTRYPOINT as arguments, so `CMD ["dotnet", "App.dll"]` starts `/usr/bin/dotnet dotnet App.dll`: the host takes
 * `dotnet` for the app to run and the container cannot start. Reported when the CMD starts with the program the
 * image's ENTRYPOINT already runs; `CMD ["App.dll"]` (the image's ENTRYPOINT runs it) is right and stays quiet.
 */
import type { Finding, StageRule } from '../diagnostics/rule';
import type { Fix } from '../fixes/editKit';
import type { Instruction, Span } from '../syntax/model';
import { programName } from '../document/instructionFields';
import { entrypointKeyword, hasDerivedStages } from '../fixes/execForm';
import { toExecFormJson } from '../shell/shellWords';
import { bounded, quote } from '../texts/quote';

/** The spans of the JSON array's strings, in the document (undefined when the text is not a plain array of strings). */
function elementSpans(instruction: Instruction): Span[] | undefined {
  const args = instruction.args;
  const element = /\s*("(?:[^"\\]|\\.)*")\s*(,|\])/y;
  const open = /^\s*\[/.exec(args);
  if (!open) return undefined;
  const spans: Span[] = [];
  element.lastIndex = open[0].length;
  for (let match = element.exec(args); match; match = element.exec(args)) {
    const start = match.index + match[0].indexOf('"');
    spans.push({ start: instruction.argsMap.toDocument(start), end: instruction.argsMap.toDocument(start + match[1]!.length) });
    if (match[2] === ']') return spans;
  }
  return undefined;
}

export const cmdAfterImageEntrypoint: StageRule = {
  id: 'cmd-after-image-entrypoint',
  defaultSeverity: 'error',
  summary: "An exec-form CMD that starts with the program the image's own ENTRYPOINT runs: CMD [\"dotnet\", \"App.dll\"] on a chiseled runtime or aspnet image starts 'dotnet dotnet App.dll'.",
  checkStage({ build }, stage) {
    const findings: Finding[] = [];
    const facts = build.stage(stage);
    const { entrypoint, cmd, imageEntrypoint } = facts.startCommand();
    // Each CMD is judged in its own stage (a stage built FROM it inherits the same verdict).
    if (entrypoint || !imageEntrypoint || !cmd || cmd.form !== 'exec' || !stage.instructions.includes(cmd)) return findings;
    const words = cmd.execArgs;
    const first = words?.[0];
    if (!words || first === undefined || programName(first) !== programName(imageEntrypoint[0]!)) return findings;
    const spans = elementSpans(cmd);
    const runs = quote(bounded([...imageEntrypoint, ...words].join(' ')));
    findings.push({
      span: spans?.[0] ?? cmd.keywordSpan,
      message:
        `This CMD is handed to the image's own ENTRYPOINT ${quote(toExecFormJson(imageEntrypoint))} as arguments: the container runs ${runs}, ` +
        `which takes ${quote(bounded(first))} for what to run, so it cannot start. Write it as ${quote(bounded(`ENTRYPOINT ${toExecFormJson(words)}`))}` +
        (imageEntrypoint.length === 1 && words.length > 1 ? `, or leave ${quote(bounded(first))} out of the CMD (${quote(bounded(`CMD ${toExecFormJson(words.slice(1))}`))}).` : '.'),
      instruction: cmd,
      stage,
    });
    return findings;
  },
  fixes({ build }, finding) {
    const cmd = finding.instruction;
    const stage = finding.stage;
    if (!cmd?.execArgs || !stage) return [];
    const imageEntrypoint = build.stage(stage).startCommand().imageEntrypoint;
    if (!imageEntrypoint) return [];
    const fixes: Fix[] = [
      {
        title: `Write it as ENTRYPOINT ${bounded(toExecFormJson(cmd.execArgs))}: it replaces the image's ENTRYPOINT`,
        edits: [{ start: cmd.keywordSpan.start, end: cmd.keywordSpan.end, newText: entrypointKeyword(cmd.keyword) }],
        preferred: true,
        // An ENTRYPOINT here would take the CMD of a stage built FROM this one as arguments.
        safe: !hasDerivedStages(build, stage),
      },
    ];
    const spans = elementSpans(cmd);
    if (imageEntrypoint.length === 1 && spans && spans.length > 1) {
      fixes.push({
        title: `Leave ${cmd.execArgs[0]} out of the CMD: the image's ENTRYPOINT ${toExecFormJson(imageEntrypoint)} runs the rest`,
        edits: [{ start: spans[0]!.start, end: spans[1]!.start, newText: '' }],
      });
    }
    return fixes;
  },
};
