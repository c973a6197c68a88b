/**
 * sdk-in-final-stage: the final stage (what `docker build` ships) runs on the SDK image: compilers, NuGet
 * and a shell in production, and an image several times larger. The quick fix offers the runtime image of
 * the same version and shape: aspnet for an ASP.NET Core app, runtime-deps for a self-contained or native
 * AOT app, runtime otherwise (best guess first).
 */
import type { TextReplacement } from '../diagnostics/diagnosticData';
import { isCoreImage, nameSpan } from '../images/dotnetImages';
import { equivalentTags } from '../catalog/equivalentTags';
import { editReference } from '../fixes/referenceEdits';
import type { Rule } from '../diagnostics/rule';

export const sdkInFinalStage: Rule = {
  id: 'sdk-in-final-stage',
  defaultSeverity: 'warning',
  description: 'The final stage runs on the SDK image, shipping compilers and tools to production.',
  check({ service, model, analysis }) {
    const final = model.stages.finalStage;
    if (!final) return [];
    const facts = analysis.stageFacts(final);
    const image = facts.image;
    if (!isCoreImage(image) || image.family !== 'sdk') return [];
    const intent = analysis.intent();
    const families = intent.selfContained ? ['runtime-deps', 'aspnet', 'runtime'] : intent.web ? ['aspnet', 'runtime', 'runtime-deps'] : ['runtime', 'aspnet', 'runtime-deps'];
    const best = families[0]!;
    const direct = !final.parent && final.image;
    const replacements: TextReplacement[] = [];
    const catalog = service.catalog;
    if (direct && catalog && image.repositoryName && image.parsedTag && image.version) {
      const reference = final.image!;
      const start = reference.registry?.start ?? reference.repository.start;
      const end = reference.tag?.end ?? reference.repository.end;
      for (const family of families) {
        const repository = image.repositoryName.replace(/sdk$/, family);
        const tag = equivalentTags(catalog, repository, image.parsedTag, image.version, { dropVariants: ['aot'], limit: 1 })[0];
        if (!tag) continue;
        const name = `${image.name.slice(0, image.name.length - 'sdk'.length)}${family}`;
        const edit = editReference(model, reference, start, end, `${name}:${tag}`, { title: `Use ${name}:${tag}`, preferred: replacements.length === 0 });
        if (edit) replacements.push(edit);
      }
    }
    const why = intent.selfContained ? 'a self-contained or native AOT app needs only runtime-deps' : intent.web ? 'an ASP.NET Core app needs only aspnet' : 'an app needs only the runtime';
    const how = direct
      ? `Run the published app on mcr.microsoft.com/dotnet/${best} instead (${why}), and build in an earlier sdk stage.`
      : `Add a final stage on mcr.microsoft.com/dotnet/${best} (${why}) that copies the published output: \`COPY --from=${final.from.words[0]?.text ?? 'build'} /app .\``;
    return [
      {
        span: direct ? nameSpan(final.image!) : (final.baseWord?.span ?? final.from.keywordSpan),
        message: `The final stage runs on the .NET SDK image, which ships compilers, NuGet and build tools to production and is several times larger. ${how}`,
        replacements,
      },
    ];
  },
};
