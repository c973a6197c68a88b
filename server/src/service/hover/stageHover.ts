/** Hover on a stage name (`FROM build`, `COPY --from=build`, `AS build`): the image the stage finally runs on and whether it has a shell. */
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import type { Span } from '../syntax/model';
import type { HoverText } from './imageHover';
import { imageSummary } from './imageHover';
import { code, fill, TEXTS } from '../texts/texts';

function stageLabel(stage: Stage): string {
  return stage.name ?? String(stage.index);
}

export function stageHover(build: Build, stage: Stage, span: Span): HoverText {
  const stageFacts = build.stage(stage);
  const root = stageFacts.root;
  const image = stageFacts.image?.reference;
  const name = stageLabel(stage);
  const parts: string[] = [`**${fill(TEXTS.image.stageHeading, { stage: name, index: stage.index })}**`];

  if (!image) {
    const scratch = stageFacts.scratch;
    void root;
    parts.push(fill(scratch ? TEXTS.phrases.stageScratch : TEXTS.phrases.stageUnknown, { stage: name }));
    return { markdown: parts.join('\n\n'), span };
  }
  const imageText = code(image.text);
  parts.push(
    stage.parent
      ? fill(TEXTS.phrases.stageChain, { stage: name, parent: stageLabel(stage.parent), image: imageText })
      : fill(TEXTS.phrases.stageBase, { stage: name, image: imageText }),
  );
  // Shell and user at the end of the stage: what a `COPY --from` or a later `FROM <stage>` inherits.
  const end = stage.instructions[stage.instructions.length - 1]?.fullSpan.end ?? stage.from.fullSpan.end;
  const shell = { ...stageFacts.shellAt(end + 1), image: stageFacts.image };
  const facts = stageFacts.image;
  if (shell.shellInstruction) parts.push(`A \`SHELL\` instruction on line ${shell.shellInstruction.startLine + 1} sets the shell.`);
  if (facts?.kind === 'dotnet') {
    // The image summary says whether it has a shell and who it runs as.
    parts.push('---', imageSummary(build, facts, { stage }));
  } else if (!shell.shellInstruction) {
    if (shell.available === false) parts.push(fill(TEXTS.shell.noneShort, { reason: shell.image?.shellReason ?? 'distroless' }));
    else if (shell.available === true) parts.push(fill(TEXTS.shell.yes, { shell: shell.image?.platform === 'windows' ? 'cmd.exe' : '/bin/sh' }));
    else parts.push(TEXTS.shell.unknown);
  }
  return { markdown: parts.join('\n\n'), span };
}
