/**
 * sdk-in-final-stage: the final stage (what `docker build` ships) runs on the SDK image: compilers, NuGet
 * and a shell in production, and an image several times larger. The quick fix offers the runtime image of
 * the same version and shape, the family the app needs first (the build model's intent decides it: aspnet
 * for an ASP.NET Core app, runtime-deps for a self-contained or Native AOT app, runtime otherwise).
 *
 * Quiet where the SDK is the point (the build model's purpose of the final image, appStart.ts): a dev container
 * (`.devcontainer/`), a build or CI image that starts nothing, or whose start command is the SDK (`dotnet test`,
 * `dotnet watch`), a .NET tool (`dotnet script`, `dotnet ef`, a global tool) or a shell.
 */
import type { Fix } from '../fixes/editKit';
import { isCoreImage, nameSpan } from '../images/dotnetImages';
import { equivalentTags } from '../catalog/equivalentTags';
import { editReference } from '../fixes/referenceEdits';
import type { Rule } from '../diagnostics/rule';
import type { RuntimeFamily } from '../document/intent';
import { quote } from '../texts/quote';

const WHY: Readonly<Record<RuntimeFamily, string>> = {
  'runtime-deps': 'a self-contained or Native AOT app needs only runtime-deps',
  aspnet: 'an ASP.NET Core app needs only aspnet',
  runtime: 'a console app or worker needs only the runtime',
};

export const sdkInFinalStage: Rule = {
  id: 'sdk-in-final-stage',
  defaultSeverity: 'warning',
  summary: 'The final stage runs on the SDK image, shipping compilers and tools to production.',
  check({ service, model, build }) {
    const facts = build.final;
    const final = facts?.stage;
    const image = facts?.image;
    if (!facts || !final || !isCoreImage(image) || image.family !== 'sdk') return [];
    const purpose = build.purpose().purpose;
    if (purpose !== 'app' && purpose !== 'unknown') return [];
    const best = build.intent().runtimeFamily;
    const families: RuntimeFamily[] = [best, ...(['aspnet', 'runtime', 'runtime-deps'] as const).filter((family) => family !== best)];
    const direct = !final.parent && final.image;
    const fixes: Fix[] = [];
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
        const edit = editReference(model, reference, start, end, `${name}:${tag}`, { title: `Use ${name}:${tag}`, preferred: fixes.length === 0 });
        if (edit) fixes.push(edit);
      }
    }
    const how = direct
      ? `Run the published app on mcr.microsoft.com/dotnet/${best} instead (${WHY[best]}), and build in an earlier sdk stage.`
      : `Add a final stage on mcr.microsoft.com/dotnet/${best} (${WHY[best]}) that copies the published output: ${quote(`COPY --from=${final.from.words[0]?.text ?? 'build'} /app .`)}`;
    return [
      {
        span: direct ? nameSpan(final.image!) : (final.baseWord?.span ?? final.from.keywordSpan),
        message: `The final stage runs on the .NET SDK image, which ships compilers, NuGet and build tools to production and is several times larger. ${how}`,
        fixes,
      },
    ];
  },
};
