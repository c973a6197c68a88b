/**
 * Hover on what a Dockerfile names: .NET image references (FROM, COPY --from=, RUN --mount=from=), the `${VAR}`s
 * inside them, the default of a global ARG a FROM uses, and stage names (`FROM build`, `COPY --from=build`,
 * `AS build`). Everything comes from the build model's sites and facts. Anything else answers null, so the
 * general Dockerfile hover can speak instead.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import { buildOf, type Build } from '../document/build';
import type { Span } from '../syntax/model';
import { imageHover, type HoverText } from './imageHover';
import { stageHover } from './stageHover';
import { argDefaultHover } from './argHover';
import { fill, TEXTS } from '../texts/texts';
import type { ProjectSearchReport } from '../context';
import { publishContainerBaseImage } from '../msbuild/containerDefaults';

function inside(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

/**
 * On the image that ships, say what the SDK's own container publishing would choose for this project; without a
 * project, say that none was found and where the host looked.
 */
function withPublishContainerChoice(build: Build, hover: HoverText, search: ProjectSearchReport | undefined): HoverText {
  const project = build.project;
  if (!project && search) {
    // The entries are prose with paths in them: escaped, not code, so they read as sentences.
    const searched = search.searched.map((entry) => `- ${entry.replace(/[\\`*_[\]<>]/g, '\\$&')}`).join('\n');
    return { ...hover, markdown: `${hover.markdown}\n\n${fill(TEXTS.phrases.noProject, { searched })}` };
  }
  const choice = project ? publishContainerBaseImage(project) : undefined;
  if (!project || !choice) return hover;
  const note = fill(TEXTS.phrases.publishContainer, { project: project.projectFile, image: choice.image, reason: choice.reason });
  return { ...hover, markdown: `${hover.markdown}\n\n${note}` };
}

function hoverAt(build: Build, offset: number, search: ProjectSearchReport | undefined): HoverText | undefined {
  const model = build.model;
  const instruction = model.instructionAt(offset);
  if (!instruction || offset > instruction.span.end) return undefined;
  if (instruction.name === 'FROM') {
    const stage = model.stages.stageAt(offset);
    if (stage?.from === instruction && stage.nameSpan && inside(stage.nameSpan, offset)) return stageHover(build, stage, stage.nameSpan);
  }
  if (instruction.name === 'ARG') return argDefaultHover(build, instruction, offset);
  const site = build.siteAt(offset);
  if (!site || !inside(site.span, offset)) return undefined;
  if (site.target) return stageHover(build, site.target, site.span);
  const image = build.imageOf(site);
  if (!image) return undefined;
  const hover = imageHover(build, image, offset);
  return hover && site.kind === 'from' && site.stage.isFinal ? withPublishContainerChoice(build, hover, search) : hover;
}

/** The hover at `position`, or null. Never throws: an unexpected error answers null. */
export function hover(context: ServiceContext, model: DockerfileModel, position: Position): Hover | null {
  try {
    // The search report is read from this request's context: builds are shared by requests with the same facts.
    const found = hoverAt(buildOf(model, context), model.offsetAt(position), context.projectSearch);
    if (!found) return null;
    return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: model.rangeOf(found.span) };
  } catch {
    return null;
  }
}
