/**
 * version-mismatch: the SDK stage and the final runtime stage have different major versions. A
 * framework-dependent app runs only on the major version it targets, so an app built by SDK 10 (targeting
 * net10.0) fails to start on an 8.0 runtime image. When the target framework is known (`-f net8.0`, the project,
 * a copied `bin/Release/net9.0/publish` path), it is compared instead of the SDK's version, since SDK 10 can build
 * a net8.0 app. Self-contained and Native AOT apps carry their runtime: no finding; the build model's intent reads
 * that from the project and from the Dockerfile (`-p:PublishAot=true`, `--self-contained`, `-r <rid>` before .NET 8,
 * the `-aot` SDK). A runtime-deps final image has no runtime to mismatch: a framework-dependent app there is
 * wrong-runtime-family's finding.
 *
 * The fixes converge on a supported version: when the lower of the two is past its end of life (or the higher is
 * what the app should run on), the lower side moves up; moving the newer side down to an unsupported version is
 * never offered (eol-version would flag it two lines up).
 */
import type { Stage } from '../document/stages';
import type { Build } from '../document/build';
import type { ImageFacts } from '../images/imageFacts';
import type { Fix } from '../fixes/editKit';
import { isCoreImage, isSupported, majorOf, RUNTIME_FAMILIES, tagPartSpan } from '../images/dotnetImages';
import { equivalentTags } from '../catalog/equivalentTags';
import { editReference } from '../fixes/referenceEdits';
import type { Rule } from '../diagnostics/rule';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { DockerfileModel } from '../document/model';

/** The SDK stage the final stage copies from (through its chain), else the last SDK stage. */
function sdkStageFor(build: Build): Stage | undefined {
  const final = build.final;
  if (!final) return undefined;
  const isSdk = (stage: Stage): boolean => {
    const image = build.stage(stage).image;
    return isCoreImage(image) && image.family === 'sdk' && !!image.version;
  };
  for (const site of build.sites()) {
    if (site.kind !== 'copy-from' || !site.target || !final.lineage().includes(site.stage)) continue;
    if (isSdk(site.target)) return site.target;
  }
  const stages = build.model.stages.stages;
  for (let i = stages.length - 1; i >= 0; i--) if (stages[i] !== final.stage && isSdk(stages[i]!)) return stages[i];
  return undefined;
}

/** `Use <tag>` fixes that move an image (the root of a stage) to `version`, best first. */
function retag(model: DockerfileModel, catalog: CatalogIndex, image: ImageFacts, version: string, why: string, preferred: boolean): Fix[] {
  const reference = image.reference;
  const tag = reference.tag;
  if (!tag || !image.repositoryName || !image.parsedTag || !catalog.version(version)) return [];
  const fixes: Fix[] = [];
  equivalentTags(catalog, image.repositoryName, image.parsedTag, version).forEach((candidate, i) => {
    const edit = editReference(model, reference, tag.start, reference.digest ? reference.text.length : tag.end, candidate, {
      title: `Use ${image.family}:${candidate} (${why})`,
      preferred: preferred && i === 0,
    });
    if (edit) fixes.push(edit);
  });
  return fixes;
}

export const versionMismatch: Rule = {
  id: 'version-mismatch',
  defaultSeverity: 'warning',
  summary: 'The SDK stage and the final runtime stage have different .NET major versions.',
  check({ service, model, build }) {
    const final = build.final;
    const runtime = final?.image;
    if (!final || !isCoreImage(runtime) || !RUNTIME_FAMILIES.has(runtime.family!) || !runtime.version || !runtime.parsedTag?.version) return [];
    if (runtime.family === 'runtime-deps') return [];
    const intent = build.intent();
    if (intent.deployment?.value === 'self-contained' || intent.deployment?.value === 'aot') return [];
    const sdkStage = sdkStageFor(build);
    if (!sdkStage) return [];
    const sdk = build.stage(sdkStage).image!;
    const target = intent.targetVersion;
    const expected = target?.value ?? sdk.version!;
    if (majorOf(expected) === majorOf(runtime.version)) return [];

    const span = tagPartSpan(runtime.reference, runtime.parsedTag.version);
    if (!span) return [];
    const catalog = service.catalog;
    const today = service.today;
    const fixes: Fix[] = [];
    const runtimeNewer = majorOf(runtime.version) > majorOf(expected);
    let advice: string;
    if (catalog && runtimeNewer && !target && isSupported(catalog, runtime.version, today)) {
      // The SDK is the older side: build with the runtime's version (an older SDK cannot target it anyway).
      fixes.push(...retag(model, catalog, sdk, runtime.version, `.NET ${runtime.version}, as the final stage runs`, true));
      if (isSupported(catalog, sdk.version!, today)) fixes.push(...retag(model, catalog, runtime, sdk.version!, `.NET ${sdk.version}, as the SDK builds`, false));
      advice = `Build with the .NET ${runtime.version} SDK.`;
    } else if (catalog && (isSupported(catalog, expected, today) || !isSupported(catalog, runtime.version, today))) {
      const why = target ? `.NET ${expected}, as the app targets` : `.NET ${expected}, as the SDK builds`;
      fixes.push(...retag(model, catalog, runtime, expected, why, true));
      advice = `Use the ${runtime.family} image of .NET ${majorOf(expected)}${isSupported(catalog, expected, today) ? '' : ` (.NET ${expected} is past its end of life: better move the app to a supported version)`}, or target .NET ${majorOf(runtime.version)} when publishing.`;
    } else {
      advice = target
        ? `Target .NET ${majorOf(runtime.version)} when publishing (.NET ${expected} is past its end of life).`
        : `Build with the .NET ${runtime.version} SDK.`;
    }
    const sdkSpan = sdk.parsedTag?.version ? tagPartSpan(sdk.reference, sdk.parsedTag.version) : undefined;
    const cause = target ? `the app targets .NET ${target.value} (${target.because})` : `the SDK stage builds with .NET ${sdk.version}`;
    return [
      {
        span,
        message: `The final stage runs .NET ${runtime.version}, but ${cause}: a framework-dependent app only runs on the major version it targets. ${advice}`,
        fixes,
        related: sdkSpan ? [{ span: sdkSpan, message: `The SDK stage uses .NET ${sdk.version}.` }] : [],
      },
    ];
  },
};
