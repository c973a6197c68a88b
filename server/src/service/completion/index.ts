/**
 * Completion of .NET images where a Dockerfile names one: FROM (and `--platform=`), COPY --from=,
 * RUN --mount=from=, and the default of a global ARG a FROM uses. Answers from the cached parse and the
 * in-memory catalog; positions that are none of these return an empty list at once.
 */
import type { CompletionItem, CompletionList, Position, Range } from 'vscode-languageserver-types';
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import { imageCompletions } from './imageItems';
import { intentFor } from './intent';
import { buildOf } from '../document/build';
import { platformCompletions } from './platformItems';
import { completionSiteAt } from './sites';
import { snippetCompletions } from './snippetItems';

/**
 * LSP requires an edit range on one line that contains the position. Words split by a line continuation
 * (`FROM --platform=a\` + newline + `b`) would break that: such items are dropped rather than sent.
 */
function fitsPosition(range: Range, position: Position): boolean {
  return (
    range.start.line === position.line &&
    range.end.line === position.line &&
    range.start.character <= position.character &&
    position.character <= range.end.character
  );
}

function itemsAt(context: ServiceContext, model: DockerfileModel, position: Position): CompletionItem[] {
  const offset = model.offsetAt(position);
  const build = buildOf(model, context);
  const site = completionSiteAt(build, offset);
  if (!site) return snippetCompletions(model, offset, context.snippetSupport, context.snippets ?? {});
  if (site.kind === 'platform') return platformCompletions(build, site.stage, model.rangeOf(site.valueSpan));
  const intent = intentFor(build, site.stage);
  return imageCompletions(context, model, site.word, { intent, stages: site.stages, stagesFirst: site.stagesFirst });
}

/**
 * The completion list at `position`. Never throws: a bug in one corner of completion must not cost the
 * user the rest of the editor, so an unexpected error answers an empty list.
 */
export function complete(context: ServiceContext, model: DockerfileModel, position: Position): CompletionList {
  try {
    const items = itemsAt(context, model, position).filter((item) => item.textEdit && 'range' in item.textEdit && fitsPosition(item.textEdit.range, position));
    return { isIncomplete: false, items };
  } catch {
    return { isIncomplete: false, items: [] };
  }
}
