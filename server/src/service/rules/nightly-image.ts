/**
 * nightly-image: the final stage runs on a nightly build (mcr.microsoft.com/dotnet/nightly/*): untested
 * daily bits meant for trying previews, not for shipping. Information; build stages may use them freely.
 */
import type { Fix } from '../fixes/editKit';
import { nameSpan } from '../images/dotnetImages';
import { editReference } from '../fixes/referenceEdits';
import type { Rule } from '../diagnostics/rule';
import { quote } from '../texts/quote';

export const nightlyImage: Rule = {
  id: 'nightly-image',
  defaultSeverity: 'information',
  summary: 'The final stage runs on a nightly image (mcr.microsoft.com/dotnet/nightly/*), not meant for production.',
  check({ service, model, build }) {
    const facts = build.final;
    const image = facts?.image;
    const reference = facts?.root.image;
    if (!facts || !reference || image?.kind !== 'dotnet' || !image.repositoryName?.startsWith('dotnet/nightly/')) return [];
    const released = image.name.replace('/dotnet/nightly/', '/dotnet/');
    const releasedRepository = image.repositoryName.replace('dotnet/nightly/', 'dotnet/');
    const fixes: Fix[] = [];
    if (service.catalog?.tag(releasedRepository, image.tag ?? 'latest')) {
      const start = reference.registry?.start ?? reference.repository.start;
      const edit = editReference(model, reference, start, reference.repository.end, released, { title: `Use ${released}`, preferred: true });
      if (edit) fixes.push(edit);
    }
    return [
      {
        span: nameSpan(reference),
        message: `The final stage runs on a nightly build (${quote(image.name)}): daily, untested bits for trying previews. Ship on the released image${fixes.length ? ` (${quote(`${released}:${image.tag ?? 'latest'}`)} exists)` : ''}.`,
        fixes,
      },
    ];
  },
};
