/**
 * Every place a Dockerfile names an image or an earlier stage: the base of a FROM, `COPY --from=` / `ADD --from=`,
 * and the `from=` of `RUN --mount=...`. Found here once; rules judge the images, hover explains them, completion
 * completes them, fixes edit them: all from the same list.
 */
import type { DockerfileModel } from './model';
import type { Stage } from './stages';
import type { Instruction, Span } from '../syntax/model';
import { parseImageReference, type ImageReference } from '../images/imageReference';
import { flagNamed, mountFromFields } from './instructionFields';

export type SiteKind = 'from' | 'copy-from' | 'mount-from';

export interface ReferenceSite {
  readonly kind: SiteKind;
  readonly instruction: Instruction;
  /** The stage the site belongs to (for FROM, the stage it starts). */
  readonly stage: Stage;
  /** The value as written in the document. */
  readonly span: Span;
  readonly text: string;
  /** The earlier stage it names, when it names one. */
  readonly target: Stage | undefined;
  /** The image it names when it names no stage (undefined for `scratch` in FROM too). */
  readonly reference: ImageReference | undefined;
}

const DIGITS = /^\d+$/;

/** The sites of one stage (its FROM, its COPY/ADD --from, its RUN --mount from=), in document order. */
export function findStageReferenceSites(model: DockerfileModel, stage: Stage): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  const text = model.syntax.text;
  const lookup = model.stages.globalArg;
  const base = stage.baseWord;
  if (base) {
    const scratch = stage.image?.text.toLowerCase() === 'scratch';
    sites.push({
      kind: 'from',
      instruction: stage.from,
      stage,
      span: base.span,
      text: base.text,
      target: stage.parent,
      reference: stage.parent || scratch ? undefined : stage.image,
    });
  }
  for (const instruction of stage.instructions) {
    if (instruction.name === 'COPY' || instruction.name === 'ADD') {
      const flag = flagNamed(instruction, 'from');
      if (!flag?.value || !flag.valueSpan) continue;
      const written = text.slice(flag.valueSpan.start, flag.valueSpan.end);
      if (written !== flag.value) {
        // Quoted or escaped: offsets would not line up with an image reference's parts, so only a stage it names
        // is kept (which stages are copied from decides their roles).
        const target = model.stages.stageByName(flag.value);
        if (target) sites.push({ kind: 'copy-from', instruction, stage, span: flag.valueSpan, text: written, target, reference: undefined });
        continue;
      }
      sites.push(site('copy-from', model, instruction, stage, flag.valueSpan, written, lookup));
    } else if (instruction.name === 'RUN') {
      for (const field of mountFromFields(text, instruction)) {
        if (field.value === '') continue;
        sites.push(site('mount-from', model, instruction, stage, field.valueSpan, field.value, lookup));
      }
    }
  }
  return sites;
}

function site(kind: SiteKind, model: DockerfileModel, instruction: Instruction, stage: Stage, span: Span, written: string, lookup: (name: string) => string | undefined): ReferenceSite {
  // `--from=build` or `--from=0` names a stage; BuildKit treats anything else as an image.
  const target = model.stages.stageByName(written);
  if (target || DIGITS.test(written)) return { kind, instruction, stage, span, text: written, target, reference: undefined };
  return { kind, instruction, stage, span, text: written, target: undefined, reference: parseImageReference(written, span.start, lookup) };
}

/** The site whose written value contains `offset` (`end` inclusive: a cursor at the end of a word is in it). */
export function siteAt(sites: readonly ReferenceSite[], offset: number): ReferenceSite | undefined {
  let lo = 0;
  let hi = sites.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sites[mid]!.span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = found; i >= 0 && i >= found - 1; i--) {
    const candidate = sites[i]!;
    if (candidate.span.start <= offset && offset <= candidate.span.end) return candidate;
  }
  return undefined;
}
