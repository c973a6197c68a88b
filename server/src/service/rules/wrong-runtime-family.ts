/**
 * wrong-runtime-family: the final image does not fit how the project is published.
 *  - an ASP.NET Core app (framework-dependent) on `runtime`: the ASP.NET Core shared framework is missing,
 *    the app fails at start;
 *  - a framework-dependent app on `runtime-deps`: there is no .NET runtime at all;
 *  - a native AOT (or self-contained) app on `aspnet`/`runtime`: it carries its own runtime, so the shared
 *    framework in the image is dead weight; `runtime-deps` is what `dotnet publish` would pick.
 * Self-contained also counts when the Dockerfile publishes with `--self-contained`/`-p:PublishAot=true`.
 * Needs the project's facts: from the Dockerfile alone the app's kind is a guess.
 */
import type { TextReplacement } from '../diagnostics/diagnosticData';
import { buildIntent } from '../document/buildIntent';
import { isCoreImage, nameSpan, RUNTIME_FAMILIES } from '../images/dotnetImages';
import { equivalentTags } from '../catalog/equivalentTags';
import { editReference } from '../fixes/referenceEdits';
import type { Rule } from '../diagnostics/rule';

export const wrongRuntimeFamily: Rule = {
  id: 'wrong-runtime-family',
  defaultSeverity: 'warning',
  description: 'The final image family does not fit the project: a web app on runtime, a framework-dependent app on runtime-deps, an AOT app on aspnet.',
  check({ service, model, analysis }) {
    const project = service.project;
    const final = model.stages.finalStage;
    if (!project || !final) return [];
    const facts = analysis.stageFacts(final);
    const image = facts.image;
    if (!isCoreImage(image) || !RUNTIME_FAMILIES.has(image.family!)) return [];
    const selfContained = project.publishAot || buildIntent(model, analysis, project).selfContained;
    const family = image.family!;
    const name = project.projectFile;
    let expected: string;
    let problem: string;
    if (family === 'runtime-deps' && !selfContained) {
      expected = project.isWeb ? 'aspnet' : 'runtime';
      problem = `${name} is published framework-dependent, but runtime-deps has no .NET runtime, so the app cannot start`;
    } else if (family === 'runtime' && project.isWeb && !selfContained) {
      expected = 'aspnet';
      problem = `${name} is an ASP.NET Core app, but the runtime image has no ASP.NET Core shared framework, so the app fails at start`;
    } else if (family !== 'runtime-deps' && selfContained) {
      expected = 'runtime-deps';
      const kind = project.publishAot ? 'a native AOT app' : 'a self-contained app';
      problem = `${name} is ${kind} that carries its own runtime, so the .NET shared framework in ${family} is dead weight`;
    } else {
      return [];
    }

    const reference = facts.lineage[facts.lineage.length - 1]?.image;
    if (!reference) return [];
    const replacements: TextReplacement[] = [];
    const catalog = service.catalog;
    if (catalog && image.repositoryName && image.parsedTag && image.version) {
      const repository = image.repositoryName.replace(/[^/]+$/, expected);
      const tag = equivalentTags(catalog, repository, image.parsedTag, image.version, { dropVariants: ['aot', 'composite'], limit: 1 })[0];
      if (tag) {
        const newName = `${image.name.slice(0, image.name.length - family.length)}${expected}`;
        const start = reference.registry?.start ?? reference.repository.start;
        const end = reference.digest ? reference.text.length : (reference.tag?.end ?? reference.repository.end);
        const edit = editReference(model, reference, start, end, `${newName}:${tag}`, { title: `Use ${newName}:${tag}`, preferred: true });
        if (edit) replacements.push(edit);
      }
    }
    return [{ span: nameSpan(reference), message: `${problem}. Use mcr.microsoft.com/dotnet/${expected}.`, replacements }];
  },
};
