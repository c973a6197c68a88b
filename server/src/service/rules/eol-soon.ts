/**
 * eol-soon: the image's .NET version reaches its end of life within 90 days: time to plan the move.
 * Information only; eol-version takes over on the day after.
 */
import { isCoreImage, newestSupportedLts, tagPartSpan } from '../images/dotnetImages';
import type { Finding, StageRule } from '../diagnostics/rule';

const DAY = 24 * 60 * 60 * 1000;
export const EOL_SOON_DAYS = 90;

export const eolSoon: StageRule = {
  id: 'eol-soon',
  defaultSeverity: 'information',
  summary: `The image's .NET version reaches end of life within ${EOL_SOON_DAYS} days.`,
  checkStage({ service, build }, stage) {
    const catalog = service.catalog;
    if (!catalog) return [];
    const findings: Finding[] = [];
    const today = Date.parse(service.today);
    for (const use of build.imageSitesIn(stage)) {
      const image = use.facts;
      const parsed = image.parsedTag;
      if (!isCoreImage(image) || !parsed?.version || !image.version) continue;
      const version = catalog.version(image.version);
      if (!version?.eolDate) continue;
      const days = Math.round((Date.parse(version.eolDate) - today) / DAY);
      if (days < 0 || days > EOL_SOON_DAYS) continue;
      const span = tagPartSpan(use.reference, parsed.version);
      if (!span) continue;
      const lts = newestSupportedLts(catalog, version.eolDate);
      const plan = lts && lts.version !== version.version ? ` Plan the move to .NET ${lts.version} (LTS, supported until ${lts.eolDate}).` : '';
      findings.push({ span, message: `.NET ${version.version} reaches end of life on ${version.eolDate}, in ${days} day${days === 1 ? '' : 's'}; after that its images get no security fixes.${plan}` });
    }
    return findings;
  },
};
