/**
 * untagged-image: a .NET image with no tag, or `latest`. Docker then pulls `latest`, which moves to every
 * new .NET release (STS ones too), so a rebuild can silently change the major version. A digest pins the
 * image, so a reference with one is left alone. The samples repository is meant to be run as `latest`.
 */
import { nameSpan, tagPartSpan } from '../images/dotnetImages';
import { editReference } from '../fixes/referenceEdits';
import type { Finding, StageRule } from '../diagnostics/rule';
import { quote } from '../texts/quote';

export const untaggedImage: StageRule = {
  id: 'untagged-image',
  defaultSeverity: 'warning',
  summary: "A .NET image without a tag or with 'latest': the .NET version changes under you.",
  checkStage({ service, model, build }, stage) {
    const catalog = service.catalog;
    const findings: Finding[] = [];
    for (const use of build.imageSitesIn(stage)) {
      const image = use.facts;
      const reference = use.reference;
      if (image.kind !== 'dotnet' || !image.repositoryName || reference.digest || !reference.resolved) continue;
      if (image.family === 'samples') continue;
      const tag = reference.tag;
      if (tag && tag.text !== 'latest') continue;
      // The version `latest` points at today, as a floating tag that exists (`10.0`; `13` for appliances without `13.5`).
      const latest = catalog?.tag(image.repositoryName, 'latest');
      const pin = latest
        ? [latest.version, latest.version.split('.')[0]!].find((candidate) => catalog?.tag(image.repositoryName!, candidate))
        : undefined;
      const span = tag ? tagPartSpan(reference, { text: tag.text, start: 0, end: tag.text.length }) : nameSpan(reference);
      if (!span) continue;
      const edit = pin
        ? tag
          ? editReference(model, reference, tag.start, tag.end, pin, { title: `Use ${pin}`, preferred: true })
          : editReference(model, reference, reference.repository.end, reference.repository.end, `:${pin}`, { title: `Use ${image.name}:${pin}`, preferred: true })
        : undefined;
      const subject = tag ? quote(`${image.name}:latest`) : `${quote(image.name)} has no tag, so Docker pulls 'latest', which`;
      const message = `${subject} moves to every new .NET release, so a rebuild can change the .NET version under you. Pin a version${pin ? `: ${quote(`${image.name}:${pin}`)}` : ''}.`;
      findings.push({ span, message, fixes: edit ? [edit] : [] });
    }
    return findings;
  },
};
