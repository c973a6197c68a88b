/**
 * tag-not-in-catalog: a well-formed .NET image tag newer than the catalog (a newer patch, a release that
 * came after it). It probably exists; we cannot confirm it offline, so this is information, with the
 * catalog's date, never an error.
 */
import { tagPartSpan } from '../images/dotnetImages';
import type { Finding, StageRule } from '../diagnostics/rule';
import { imageLabel } from '../texts/messages';
import { bounded, quote } from '../texts/quote';

export const tagNotInCatalog: StageRule = {
  id: 'tag-not-in-catalog',
  defaultSeverity: 'information',
  summary: 'A well-formed .NET image tag newer than the built-in tag catalog (a newer patch or release).',
  checkStage({ service, build }, stage) {
    const findings: Finding[] = [];
    const date = service.catalog?.date ?? 'unknown';
    for (const use of build.imageSitesIn(stage)) {
      const verdict = build.verdict(use);
      if (verdict?.kind !== 'newer') continue;
      const span = tagPartSpan(use.reference, verdict.part);
      if (!span) continue;
      const newer =
        verdict.basis === 'patch'
          ? `${quote(bounded(verdict.part.text))} is newer than the newest version the catalog knows for this tag (${quote(verdict.similar)})`
          : `${quote(bounded(verdict.part.text))} is a release newer than the catalog, which has ${quote(verdict.similar)}`;
      findings.push({
        span,
        message: `${imageLabel(use.facts, verdict.tag)} is not in the tag catalog (from ${date}): ${newer}. It is well-formed and probably published since; make sure it exists, or update the extension for a newer catalog.`,
      });
    }
    return findings;
  },
};
