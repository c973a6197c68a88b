/**
 * Hover on .NET image references (FROM, COPY --from=, RUN --mount=from=), on `${VAR}`s inside them, and on
 * stage names (`FROM build`, `COPY --from=build`, `AS build`). Everything else answers null, so the
 * general Dockerfile hover can speak instead.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import type { Stage } from '../document/stages';
import type { Flag, Instruction, Span } from '../syntax/model';
import { parseImageReference } from '../images/imageReference';
import { imageHover, type HoverText } from './imageHover';
import { stageHover } from './stageHover';
import { fill, TEXTS } from '../texts/texts';
import { publishContainerBaseImage } from '../msbuild/containerDefaults';

function inside(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

/** A stage name or an image, written at `span` (a `--from` value or a FROM base). */
function stageOrImage(context: ServiceContext, model: DockerfileModel, text: string, span: Span, offset: number, current: Stage | undefined): HoverText | undefined {
  const lookup = (name: string): string | undefined => model.stages.globalArg(name);
  const reference = parseImageReference(text, span.start, lookup);
  const named = !reference.registry && !reference.tag && !reference.digest ? model.stages.stageByName(reference.text) : undefined;
  if (named && named !== current && (!current || named.index < current.index)) return stageHover(context, model, named, span);
  return imageHover(context, reference, offset, model.stages.globalArgs);
}

/** On the image that ships, say what the SDK's own container publishing would choose for this project. */
function withPublishContainerChoice(context: ServiceContext, hover: HoverText): HoverText {
  const project = context.project;
  const choice = project ? publishContainerBaseImage(project) : undefined;
  if (!project || !choice) return hover;
  const note = fill(TEXTS.phrases.publishContainer, { project: project.projectFile, image: choice.image, reason: choice.reason });
  return { ...hover, markdown: `${hover.markdown}\n\n${note}` };
}

function fromHover(context: ServiceContext, model: DockerfileModel, instruction: Instruction, offset: number): HoverText | undefined {
  const stage = model.stages.stageAt(offset);
  if (!stage || stage.from !== instruction) return undefined;
  const base = stage.baseWord;
  if (base && inside(base.span, offset)) {
    if (stage.parent) return stageHover(context, model, stage.parent, base.span);
    const hover = stage.image ? imageHover(context, stage.image, offset, model.stages.globalArgs) : undefined;
    return hover && stage.isFinal ? withPublishContainerChoice(context, hover) : hover;
  }
  if (stage.nameSpan && inside(stage.nameSpan, offset)) return stageHover(context, model, stage, stage.nameSpan);
  return undefined;
}

function flagValueHover(context: ServiceContext, model: DockerfileModel, flag: Flag, offset: number, field?: Span): HoverText | undefined {
  const span = field ?? flag.valueSpan;
  if (!span || !inside(span, offset)) return undefined;
  const text = model.syntax.text.slice(span.start, span.end);
  return stageOrImage(context, model, text, span, offset, model.stages.stageAt(offset));
}

/** The `from=` field of a `--mount` value, as a document span. */
function mountFromField(model: DockerfileModel, flag: Flag): Span | undefined {
  if (!flag.valueSpan) return undefined;
  const value = model.syntax.text.slice(flag.valueSpan.start, flag.valueSpan.end);
  const match = /(?:^|,)from=([^,]*)/i.exec(value);
  if (!match || match[1] === undefined) return undefined;
  const start = flag.valueSpan.start + match.index + match[0].length - match[1].length;
  return { start, end: start + match[1].length };
}

function hoverAt(context: ServiceContext, model: DockerfileModel, offset: number): HoverText | undefined {
  const instruction = model.instructionAt(offset);
  if (!instruction || offset > instruction.span.end) return undefined;
  switch (instruction.name) {
    case 'FROM':
      return fromHover(context, model, instruction, offset);
    case 'COPY':
    case 'ADD': {
      const flag = instruction.flags.find((f) => f.name.toLowerCase() === 'from');
      return flag ? flagValueHover(context, model, flag, offset) : undefined;
    }
    case 'RUN': {
      for (const flag of instruction.flags) {
        if (flag.name.toLowerCase() !== 'mount') continue;
        const field = mountFromField(model, flag);
        const found = field ? flagValueHover(context, model, flag, offset, field) : undefined;
        if (found) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The hover at `position`, or null. Never throws: an unexpected error answers null. */
export function hover(context: ServiceContext, model: DockerfileModel, position: Position): Hover | null {
  try {
    const found = hoverAt(context, model, model.offsetAt(position));
    if (!found) return null;
    return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: model.rangeOf(found.span) };
  } catch {
    return null;
  }
}
