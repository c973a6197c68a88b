/**
 * frozen-tag: a floating tag the image manifests no longer declare (`aspnet:10.0-alpine-composite` since
 * 2026-03-10). It still pulls, but it stopped moving: no patches, no security fixes. Information, since the
 * tag is real; end-of-life versions are left to eol-version.
 */
import type { Fix } from '../fixes/editKit';
import { isEndOfLife, tagPartSpan } from '../images/dotnetImages';
import { nearestTags } from '../catalog/nearestTags';
import { editReference } from '../fixes/referenceEdits';
import type { Finding, StageRule } from '../diagnostics/rule';
import { imageLabel } from '../texts/messages';
import { quote } from '../texts/quote';

export const frozenTag: StageRule = {
  id: 'frozen-tag',
  defaultSeverity: 'information',
  summary: 'A floating tag that is no longer updated (removed from the image manifests): it gets no fixes.',
  checkStage({ service, model, build }, stage) {
    const catalog = service.catalog;
    if (!catalog) return [];
    const findings: Finding[] = [];
    for (const use of build.imageSitesIn(stage)) {
      const verdict = build.verdict(use);
      const tag = use.reference.tag;
      if (verdict?.kind !== 'known' || !verdict.past || !tag || !use.facts.repositoryName) continue;
      if (isEndOfLife(catalog.version(verdict.past.version), service.today)) continue;
      const span = tagPartSpan(use.reference, { text: tag.text, start: 0, end: tag.text.length });
      if (!span) continue;
      const suggestions = nearestTags(catalog, use.facts.repositoryName, tag.text, service.today);
      const replacements = suggestions
        .map((s, i) => editReference(model, use.reference, tag.start, tag.end, s, { title: `Use ${s}`, preferred: i === 0 }))
        .filter((r): r is Fix => r !== undefined);
      const since = verdict.past.removedOn ? ` on ${verdict.past.removedOn}` : '';
      const instead = suggestions.length > 0 ? ` Use a current tag such as ${quote(suggestions[0]!)}.` : '';
      findings.push({
        span,
        message: `${imageLabel(use.facts, tag.text)} is no longer published (dropped from the image manifests${since}): it still pulls, but gets no updates or security fixes.${instead}`,
        fixes: replacements,
      });
    }
    return findings;
  },
};
