/**
 * project-version-mismatch: the project next to the Dockerfile targets one .NET major version and an image
 * of the Dockerfile another. Two cases break the build or the app:
 *  - an SDK stage older than the target framework cannot build the project (SDK 8 has no net10.0);
 *  - the final runtime image differs from the target: a framework-dependent app runs only on its major
 *    version. (When the Dockerfile has an SDK stage, `version-mismatch` already compares the final image
 *    with the project's target, so this rule stays quiet there rather than report it twice.)
 * A newer SDK building an older target is fine (SDK 10 builds net8.0) and is not reported.
 */
import type { ImageFacts } from '../images/imageFacts';
import type { Stage } from '../document/stages';
import type { Fix } from '../fixes/editKit';
import { isCoreImage, RUNTIME_FAMILIES, tagPartSpan } from '../images/dotnetImages';
import { equivalentTags } from '../catalog/equivalentTags';
import { editReference } from '../fixes/referenceEdits';
import type { Finding, Rule, RuleContext } from '../diagnostics/rule';

const major = (version: string): number => Number(version.split('.')[0]);

/** The `Use <tag>` replacements that move the stage's root image to `target`. */
function retag(context: RuleContext, image: ImageFacts, target: string): Fix[] {
  const { service, model } = context;
  const reference = image.reference;
  const tag = reference?.tag;
  const catalog = service.catalog;
  if (!reference || !tag || !catalog || !image.repositoryName || !image.parsedTag || !catalog.version(target)) return [];
  return equivalentTags(catalog, image.repositoryName, image.parsedTag, target)
    .map((candidate, i) =>
      editReference(model, reference, tag.start, reference.digest ? reference.text.length : tag.end, candidate, {
        title: `Use ${candidate} (.NET ${target}, as the project targets)`,
        preferred: i === 0,
      }),
    )
    .filter((edit): edit is Fix => edit !== undefined);
}

export const projectVersionMismatch: Rule = {
  id: 'project-version-mismatch',
  defaultSeverity: 'warning',
  summary: "An image's .NET major version does not fit the project's target framework (an SDK too old to build it, or a runtime it cannot run on).",
  check(context) {
    const { service, model, build } = context;
    const project = service.project;
    const target = project?.targetVersion;
    if (!project || !target) return [];
    const findings: Finding[] = [];
    const stages = model.stages.stages;
    const final = model.stages.finalStage;
    const coreImage = (stage: Stage): ImageFacts | undefined => {
      const image = build.stage(stage).image;
      return isCoreImage(image) && image.version && image.parsedTag?.version ? image : undefined;
    };
    const hasSdkStage = stages.some((stage) => stage !== final && coreImage(stage)?.family === 'sdk');
    const reported = new Set<number>();
    for (const stage of stages) {
      const image = coreImage(stage);
      if (!image?.parsedTag?.version) continue;
      const span = tagPartSpan(image.reference, image.parsedTag.version);
      if (!span || reported.has(span.start)) continue;
      const imageMajor = major(image.version!);
      let message: string | undefined;
      if (image.family === 'sdk' && imageMajor < major(target)) {
        message = `${project.projectFile} targets .NET ${target}, which the .NET ${image.version} SDK cannot build. Use the SDK of .NET ${major(target)} or later.`;
      } else if (stage === final && RUNTIME_FAMILIES.has(image.family!) && imageMajor !== major(target) && !hasSdkStage) {
        const how = project.selfContained || project.publishAot ? 'a self-contained app is built against its own major version' : 'a framework-dependent app only runs on the major version it targets';
        message = `The final stage runs .NET ${image.version}, but ${project.projectFile} targets .NET ${target}: ${how}. Use the ${image.family} image of .NET ${major(target)}.`;
      }
      if (!message) continue;
      reported.add(span.start);
      findings.push({ span, message, fixes: retag(context, image, target) });
    }
    return findings;
  },
};
