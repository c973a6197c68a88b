/**
 * nightly-image: the final stage runs on a nightly build (mcr.microsoft.com/dotnet/nightly/*): untested
 * daily bits meant for trying previews, not for shipping. Information; build stages may use them freely.
 */
import type { TextReplacement } from '../diagnostics/diagnosticData';
import { nameSpan } from '../images/dotnetImages';
import { editReference } from '../fixes/referenceEdits';
import type { Rule } from '../diagnostics/rule';

export const nightlyImage: Rule = {
  id: 'nightly-image',
  defaultSeverity: 'information',
  description: 'The final stage runs on a nightly image (mcr.microsoft.com/dotnet/nightly/*), not meant for production.',
  check({ service, model, analysis }) {
    const final = model.stages.finalStage;
    if (!final) return [];
    const facts = analysis.stageFacts(final);
    const image = facts.image;
    if (image?.kind !== 'dotnet' || !image.repositoryName?.startsWith('dotnet/nightly/')) return [];
    const reference = facts.lineage[facts.lineage.length - 1]!.image!;
    const released = image.name.replace('/dotnet/nightly/', '/dotnet/');
    const releasedRepository = image.repositoryName.replace('dotnet/nightly/', 'dotnet/');
    const replacements: TextReplacement[] = [];
    if (service.catalog?.tag(releasedRepository, image.tag ?? 'latest')) {
      const start = reference.registry?.start ?? reference.repository.start;
      const edit = editReference(model, reference, start, reference.repository.end, released, { title: `Use ${released}`, preferred: true });
      if (edit) replacements.push(edit);
    }
    return [
      {
        span: nameSpan(reference),
        message: `The final stage runs on a nightly build (\`${image.name}\`): daily, untested bits for trying previews. Ship on the released image${replacements.length ? ` (\`${released}:${image.tag ?? 'latest'}\` exists)` : ''}.`,
        replacements,
      },
    ];
  },
};
