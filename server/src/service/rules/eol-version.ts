/**
 * eol-version: the .NET version of an image is past its end of life on `today` (injected): 8.0 and 9.0
 * since 2026-11-10, 1.0 to 7.0 long before. The images still pull but get no security fixes. The quick
 * fix offers the same image (flavour, variants, OS family) on the newest supported LTS.
 */
import type { Fix } from '../fixes/editKit';
import { isCoreImage, isEndOfLife, newestSupportedLts, tagPartSpan } from '../images/dotnetImages';
import { equivalentTags } from '../catalog/equivalentTags';
import { editReference } from '../fixes/referenceEdits';
import type { Finding, StageRule } from '../diagnostics/rule';

export const eolVersion: StageRule = {
  id: 'eol-version',
  defaultSeverity: 'warning',
  summary: 'The image\'s .NET version is past its end of life and gets no more security fixes.',
  checkStage({ service, model, build }, stage) {
    const catalog = service.catalog;
    if (!catalog) return [];
    const findings: Finding[] = [];
    for (const use of build.imageSitesIn(stage)) {
      const image = use.facts;
      const tag = use.reference.tag;
      const parsed = image.parsedTag;
      if (!isCoreImage(image) || !tag || !parsed?.version || !image.version) continue;
      const version = catalog.version(image.version);
      if (!isEndOfLife(version, service.today)) continue;
      const span = tagPartSpan(use.reference, parsed.version);
      if (!span) continue;
      const lts = newestSupportedLts(catalog, service.today);
      const replacements: Fix[] = [];
      if (lts && image.repositoryName) {
        // A digest pins the old image: the new tag replaces the digest too.
        const end = use.reference.digest ? use.reference.text.length : tag.end;
        equivalentTags(catalog, image.repositoryName, parsed, lts.version).forEach((candidate, i) => {
          const edit = editReference(model, use.reference, tag.start, end, candidate, { title: `Use ${candidate} (.NET ${lts.version} LTS)`, preferred: i === 0 });
          if (edit) replacements.push(edit);
        });
      }
      const move = lts ? ` Move to .NET ${lts.version}, the newest LTS (supported until ${lts.eolDate}).` : '';
      findings.push({
        span,
        message: `.NET ${version.version} reached end of life on ${version.eolDate}: its images get no more security fixes.${move}`,
        fixes: replacements,
      });
    }
    return findings;
  },
};
