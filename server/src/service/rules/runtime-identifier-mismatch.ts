/**
 * runtime-identifier-mismatch: the app is published for one platform and shipped on another. A self-contained or
 * Native AOT app, or an app started through its app host (`./App`), is native code for its runtime identifier:
 * `linux-musl-*` binaries do not start on a glibc image (Debian, Ubuntu, Azure Linux) and `linux-*` ones do not
 * start on Alpine ("exec /app/App: no such file or directory"), nor do binaries of an architecture the image is
 * not published for, nor Windows ones on Linux.
 *
 * The runtime identifier is the build model's (publishing.ts): `-r`, `--os`/`-a`/`--use-current-runtime` with the
 * SDK image's own platform, the project's `RuntimeIdentifier`, or a self-contained publish without one (the SDK's
 * platform). A framework-dependent app started with `dotnet App.dll` starts anywhere the runtime does, but what the
 * publish made for its runtime identifier (RID-specific native libraries) does not load: reported when the runtime
 * identifier is written (`-r`, `RuntimeIdentifier`), left alone when it only follows from the SDK's platform.
 * Fixes: the runtime identifier the image takes, where the RUN writes it; or the image on the other C library.
 */
import type { Rule } from '../diagnostics/rule';
import type { Fix } from '../fixes/editKit';
import type { ImageFacts } from '../images/imageFacts';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Instruction, Span } from '../syntax/model';
import { isCoreImage } from '../images/dotnetImages';
import { parseTag } from '../catalog/tagGrammar';
import { equivalentTags } from '../catalog/equivalentTags';
import { editReference } from '../fixes/referenceEdits';
import { parentOf } from '../document/placements';
import { DOTNET_HOST, pathInContainer, publishesRuntime, runtimeTargetOf, startWorkdir, type RuntimeTarget } from '../document/publishing';
import { describeRuntimeOs, imagePlatformOf, type ImagePlatform, type RuntimeOs } from '../document/runtimeTargets';
import { quote } from '../texts/quote';

export const runtimeIdentifierMismatch: Rule = {
  id: 'runtime-identifier-mismatch',
  defaultSeverity: 'error',
  summary: 'The app is published for a runtime identifier the final image cannot run: linux-musl on a glibc image, linux on Alpine, another architecture or OS.',
  check({ service, model, build }) {
    const final = build.final;
    const publishing = build.publishing();
    const app = publishing.app;
    const reference = final?.root.image;
    if (!final || !app || !reference) return [];
    const target = runtimeTargetOf(app, build.stage, build.project);
    if (!target) return [];
    // Native code only: self-contained or AOT, or an app host started directly.
    const words = build.startWords(final.stage);
    const program = words?.[0];
    const resolved = program !== undefined && !DOTNET_HOST.test(program) && program.includes('/') ? pathInContainer(program, startWorkdir(final)) : undefined;
    const startsAppHost = resolved !== undefined && publishing.appFolders.includes(parentOf(resolved));
    const native = publishesRuntime(app, build.project) || startsAppHost;
    if (!native && target.written === undefined && target.source !== 'project') return [];

    const platform = imagePlatformOf(final);
    const osMismatch = target.os !== undefined && platform.oses !== undefined && !(platform.oses as readonly string[]).includes(target.os);
    const archMismatch = target.arch !== undefined && platform.arches !== undefined && !platform.arches.includes(target.arch);
    if (!osMismatch && !archMismatch) return [];

    const image = final.image;
    const shown = quote(reference.text);
    const published = target.os ? `${describeRuntimeOs(target.os)}${target.arch ? ` ${target.arch}` : ''}` : `${target.arch}`;
    const problem = osMismatch
      ? `the final image ${shown} is ${platform.osReason}`
      : `the final image ${shown} runs only on ${platform.arches!.join(', ')} (${platform.archReason})`;
    const fixes: Fix[] = [];
    const rid = target.written !== undefined ? ridFor(target, platform, osMismatch) : undefined;
    if (rid) {
      const edit = replaceOnce(model.syntax.text, app.command.instruction, target.written!, rid);
      if (edit) fixes.push({ title: `Publish for ${rid}`, edits: [edit], preferred: true });
    }
    if (osMismatch && service.catalog && isCoreImage(image) && (target.os === 'linux' || target.os === 'linux-musl')) {
      const tag = imageOnOs(service.catalog, image, target.os);
      if (tag && reference.tag) {
        const edit = editReference(model, reference, reference.tag.start, reference.tag.end, tag, { title: `Use ${image.name}:${tag}`, preferred: fixes.length === 0 });
        if (edit) fixes.push(edit);
      }
    }
    const span = reference.tag ? reference.toDocument(reference.tag.start, reference.tag.end) : reference.rawSpan;
    const remedy = rid ? `publish for ${quote(rid)}` : osMismatch && platform.os ? `publish for ${describeRuntimeOs(platform.os)} or use a ${describeRuntimeOs(target.os!)} image` : osMismatch ? `use a ${describeRuntimeOs(target.os!)} image` : 'publish for an architecture the image has';
    return [
      {
        span,
        message: `The app is published for ${published} (${target.because}), but ${problem}: ${native ? 'its native executable cannot start there ("exec ...: no such file or directory")' : "what the publish made for that platform (runtime-specific native libraries) does not load there"}. ${remedy.charAt(0).toUpperCase()}${remedy.slice(1)}.`,
        fixes,
        related: [{ span: app.command.instruction.span, message: `the publish (${target.because})` }],
      },
    ];
  },
};

/** The runtime identifier the image takes: its C library, and its architecture when it has exactly one. */
function ridFor(target: RuntimeTarget, platform: ImagePlatform, osMismatch: boolean): string | undefined {
  // A musl build on a manifest list of Linux and Windows was meant for Linux.
  const linuxOfSeveral = target.os === 'linux-musl' && platform.oses?.includes('linux') ? 'linux' : undefined;
  const os: RuntimeOs | undefined = osMismatch ? (platform.os ?? linuxOfSeveral) : target.os;
  const arch = !osMismatch && platform.arches?.length === 1 ? platform.arches[0] : target.arch;
  if (!os || !arch || (os !== 'linux' && os !== 'linux-musl' && os !== 'win')) return undefined;
  return `${os}-${arch}`;
}

/** The edit that replaces the one occurrence of `from` (as a whole word) in the instruction; undefined when not exactly one. */
function replaceOnce(text: string, instruction: Instruction, from: string, to: string): { start: number; end: number; newText: string } | undefined {
  const span: Span = instruction.fullSpan;
  const body = text.slice(span.start, span.end);
  const found: number[] = [];
  for (let at = body.indexOf(from); at >= 0 && found.length < 2; at = body.indexOf(from, at + 1)) {
    const before = body[at - 1];
    const after = body[at + from.length];
    if ((before === undefined || !/[\w-]/.test(before)) && (after === undefined || !/[\w-]/.test(after))) found.push(at);
  }
  if (found.length !== 1) return undefined;
  return { start: span.start + found[0]!, end: span.start + found[0]! + from.length, newText: to };
}

/** The same image on Alpine (for musl) or on the version's default glibc OS. */
function imageOnOs(catalog: CatalogIndex, image: ImageFacts, os: 'linux' | 'linux-musl'): string | undefined {
  const parsed = image.parsedTag;
  const version = image.version;
  if (!parsed?.version || !version || !image.repositoryName) return undefined;
  const variants = parsed.variants.map((v) => v.value);
  const arch = parsed.arch ? [parsed.arch.text] : [];
  // Alpine has no chiseled flavour; the glibc side keeps it (chiseled is Ubuntu).
  const parts = os === 'linux-musl' ? [parsed.version.text, 'alpine', ...variants, ...arch] : [parsed.version.text, ...(parsed.flavour ? ['noble', parsed.flavour.text] : []), ...variants, ...arch];
  return equivalentTags(catalog, image.repositoryName, parseTag(parts.join('-')), version, { limit: 1 })[0];
}
