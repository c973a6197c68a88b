/**
 * wrong-runtime-family: the final image does not fit how the app is published.
 *  - an ASP.NET Core app (framework-dependent) on `runtime`: the ASP.NET Core shared framework is missing,
 *    the app fails at start;
 *  - a framework-dependent app on `runtime-deps`: there is no .NET runtime at all;
 *  - a Native AOT (or self-contained) app on `aspnet`/`runtime`: it carries its own runtime, so the shared
 *    framework in the image is dead weight; `runtime-deps` is what `dotnet publish` would pick.
 * The app's kind is the build model's intent: the project's facts and the Dockerfile's own words (`-p:PublishAot=true`,
 * `--self-contained`, the `-aot` SDK, `dotnet App.dll` as the start command). Whether it is a web app is taken
 * from the project only: EXPOSE or ASPNETCORE_* alone are a guess, not enough to call an image wrong.
 */
import type { Fix } from '../fixes/editKit';
import { isCoreImage, nameSpan, RUNTIME_FAMILIES } from '../images/dotnetImages';
import { equivalentTags } from '../catalog/equivalentTags';
import { editReference } from '../fixes/referenceEdits';
import type { Rule } from '../diagnostics/rule';
import type { RuntimeFamily } from '../document/intent';

export const wrongRuntimeFamily: Rule = {
  id: 'wrong-runtime-family',
  defaultSeverity: 'warning',
  summary: 'The final image family does not fit the app: a web app on runtime, a framework-dependent app on runtime-deps, an AOT app on aspnet.',
  check({ service, model, build }) {
    const final = build.final;
    const image = final?.image;
    if (!final || !isCoreImage(image) || !RUNTIME_FAMILIES.has(image.family!)) return [];
    const intent = build.intent();
    const deployment = intent.deployment;
    if (!deployment) return [];
    const family = image.family as RuntimeFamily;
    const who = build.project?.projectFile ?? 'The app';
    // Say where the deployment comes from when the Dockerfile says it (the project's file name says it already).
    const because = deployment.source === 'dockerfile' ? ` (${deployment.because})` : '';
    const selfContained = deployment.value !== 'framework-dependent';
    const web = intent.web?.source === 'project' ? intent.web.value : undefined;
    let expected: RuntimeFamily;
    let problem: string;
    if (family === 'runtime-deps' && !selfContained) {
      expected = web === false ? 'runtime' : 'aspnet';
      problem = `${who} is published framework-dependent${because}, but runtime-deps has no .NET runtime, so the app cannot start`;
    } else if (family === 'runtime' && web === true && !selfContained) {
      expected = 'aspnet';
      problem = `${who} is an ASP.NET Core app, but the runtime image has no ASP.NET Core shared framework, so the app fails at start`;
    } else if (family !== 'runtime-deps' && selfContained) {
      expected = 'runtime-deps';
      const kind = deployment.value === 'aot' ? 'a Native AOT app' : 'a self-contained app';
      problem = `${who} is ${kind}${because} that carries its own runtime, so the .NET shared framework in ${family} is dead weight`;
    } else {
      return [];
    }

    const reference = final.root.image;
    if (!reference) return [];
    const fixes: Fix[] = [];
    const catalog = service.catalog;
    if (catalog && image.repositoryName && image.parsedTag && image.version) {
      const repository = image.repositoryName.replace(/[^/]+$/, expected);
      const tag = equivalentTags(catalog, repository, image.parsedTag, image.version, { dropVariants: ['aot', 'composite'], limit: 1 })[0];
      if (tag) {
        const newName = `${image.name.slice(0, image.name.length - family.length)}${expected}`;
        const start = reference.registry?.start ?? reference.repository.start;
        const end = reference.digest ? reference.text.length : (reference.tag?.end ?? reference.repository.end);
        const edit = editReference(model, reference, start, end, `${newName}:${tag}`, { title: `Use ${newName}:${tag}`, preferred: true });
        if (edit) fixes.push(edit);
      }
    }
    return [{ span: nameSpan(reference), message: `${problem}. Use mcr.microsoft.com/dotnet/${expected}.`, fixes }];
  },
};
