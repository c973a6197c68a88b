/**
 * unknown-tag: a .NET image tag that matches no published tag (current or past) and is not a well-formed
 * newer version of one. The message says why the combination cannot exist when a reason is known (`sdk`
 * has no chiseled images) and names the nearest real tags; the quick fix offers them.
 */
import type { Fix } from '../fixes/editKit';
import { tagPartSpan } from '../images/dotnetImages';
import { editReference } from '../fixes/referenceEdits';
import type { Finding, StageRule } from '../diagnostics/rule';
import { imageLabel } from '../texts/messages';
import { orList } from '../texts/quote';

export const unknownTag: StageRule = {
  id: 'unknown-tag',
  defaultSeverity: 'error',
  summary: 'A .NET image tag that was never published and is not a newer version of a published one.',
  checkStage({ model, build }, stage) {
    const findings: Finding[] = [];
    for (const use of build.imageSitesIn(stage)) {
      const verdict = build.verdict(use);
      const tag = use.reference.tag;
      if (verdict?.kind !== 'unknown' || !tag) continue;
      const span = tagPartSpan(use.reference, verdict.part);
      if (!span) continue;
      const replacements = verdict.suggestions
        .map((suggestion, i) =>
          editReference(model, use.reference, tag.start, tag.end, suggestion, { title: `Use ${suggestion}`, preferred: i === 0 }),
        )
        .filter((r): r is Fix => r !== undefined);
      const what = `${imageLabel(use.facts, verdict.tag)} does not exist`;
      const why = verdict.reason ? `: ${verdict.reason}` : '';
      // A retired name's reason already says where the images are now.
      const hint = verdict.suggestions.length > 0 ? ` Did you mean ${orList(verdict.suggestions)}?` : use.facts.kind === 'retired-dotnet' ? '' : ` See the tags of ${use.facts.name} for what exists.`;
      findings.push({ span, message: `${what}${why}.${hint}`, fixes: replacements });
    }
    return findings;
  },
};
