/**
 * version-mismatch: the SDK stage and the final runtime stage have different major versions. A
 * framework-dependent app runs only on the major version it targets, so an app built by SDK 10 (targeting
 * net10.0) fails to start on an 8.0 runtime image. When the target framework is known (`-f net8.0` in the
 * publish command, or the project's facts), it is compared instead of the SDK's version, since SDK 10 can
 * build a net8.0 app.
 */
import type { Stage } from '../document/stages';
import type { DocumentAnalysis } from '../document/analysis';
import type { TextReplacement } from '../diagnostics/diagnosticData';
import { isCoreImage, RUNTIME_FAMILIES, tagPartSpan } from '../images/dotnetImages';
import { equivalentTags } from '../catalog/equivalentTags';
import { editReference } from '../fixes/referenceEdits';
import type { Rule } from '../diagnostics/rule';

const major = (version: string): string => version.split('.')[0]!;

/** The SDK stage the final stage copies from (through its lineage), else the last SDK stage. */
function sdkStageFor(final: Stage, stages: readonly Stage[], analysis: DocumentAnalysis, byName: (name: string) => Stage | undefined): Stage | undefined {
  const isSdk = (stage: Stage): boolean => {
    const image = analysis.stageFacts(stage).image;
    return isCoreImage(image) && image.family === 'sdk' && !!image.version;
  };
  for (const member of analysis.stageFacts(final).lineage) {
    for (const instruction of member.instructions) {
      if (instruction.name !== 'COPY') continue;
      const from = instruction.flags.find((f) => f.name.toLowerCase() === 'from')?.value;
      const source = from ? byName(from) : undefined;
      if (source && isSdk(source)) return source;
    }
  }
  return [...stages].reverse().find((s) => s !== final && isSdk(s));
}

export const versionMismatch: Rule = {
  id: 'version-mismatch',
  defaultSeverity: 'warning',
  description: 'The SDK stage and the final runtime stage have different .NET major versions.',
  check({ service, model, analysis }) {
    const final = model.stages.finalStage;
    if (!final) return [];
    const finalFacts = analysis.stageFacts(final);
    const runtime = finalFacts.image;
    if (!isCoreImage(runtime) || !RUNTIME_FAMILIES.has(runtime.family!) || !runtime.version || !runtime.parsedTag?.version) return [];
    const sdkStage = sdkStageFor(final, model.stages.stages, analysis, (name) => model.stages.stageByName(name));
    if (!sdkStage) return [];
    const sdk = analysis.stageFacts(sdkStage).image!;
    const target = analysis.intent().targetVersion;
    const expected = target ?? sdk.version!;
    if (major(expected) === major(runtime.version)) return [];

    const root = finalFacts.lineage[finalFacts.lineage.length - 1]!;
    const reference = root.image!;
    const span = tagPartSpan(reference, runtime.parsedTag.version);
    if (!span) return [];
    const replacements: TextReplacement[] = [];
    const catalog = service.catalog;
    const tag = reference.tag;
    if (catalog && tag && runtime.repositoryName && catalog.version(expected)) {
      equivalentTags(catalog, runtime.repositoryName, runtime.parsedTag, expected).forEach((candidate, i) => {
        const edit = editReference(model, reference, tag.start, reference.digest ? reference.text.length : tag.end, candidate, {
          title: `Use ${candidate} (.NET ${expected}, as the ${target ? 'app targets' : 'SDK builds'})`,
          preferred: i === 0,
        });
        if (edit) replacements.push(edit);
      });
    }
    const sdkSpan = sdk.parsedTag?.version ? tagPartSpan(sdk.reference, sdk.parsedTag.version) : undefined;
    const cause = target
      ? `the app targets .NET ${target}${service.project?.targetVersion === target ? ` (${service.project.projectFile})` : ''}`
      : `the SDK stage builds with .NET ${sdk.version}`;
    return [
      {
        span,
        message: `The final stage runs .NET ${runtime.version}, but ${cause}: a framework-dependent app only runs on the major version it targets. Use the ${runtime.family} image of .NET ${major(expected)}, or target .NET ${major(runtime.version)} when publishing.`,
        replacements,
        related: sdkSpan ? [{ span: sdkSpan, message: `The SDK stage uses .NET ${sdk.version}.` }] : [],
      },
    ];
  },
};
