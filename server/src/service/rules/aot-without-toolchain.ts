/**
 * aot-without-toolchain: a Native AOT publish (`PublishAot` in the project, or `-p:PublishAot=true`) compiles to
 * native code with clang and the platform linker. The plain SDK images have neither, so the ILCompiler step of the
 * publish fails ("Platform linker not found"). The `-aot` SDK images (.NET 10 and later) carry the toolchain; on
 * older SDKs, clang and zlib must be installed in the stage first.
 *
 * Fixes: the same SDK tag with `-aot` where it is published; else a RUN that installs clang and zlib before the
 * publish (apt-get on Debian and Ubuntu, apk on Alpine).
 */
import type { Finding, Rule } from '../diagnostics/rule';
import type { Fix } from '../fixes/editKit';
import type { Instruction, Span } from '../syntax/model';
import type { Stage } from '../document/stages';
import type { StageFacts } from '../document/stageFacts';
import { isCoreImage } from '../images/dotnetImages';
import { tagWithVariant } from '../images/variantTags';
import { editReference } from '../fixes/referenceEdits';
import { attachedCommentsStart, indentationAt, lineBreakOf } from '../fixes/editKit';
import { publishAotOf } from '../document/publishing';
import { quote } from '../texts/quote';

/** The packages Native AOT needs, per package manager (the .NET docs' prerequisites). */
const INSTALL: Readonly<Record<string, string>> = {
  apt: 'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends clang zlib1g-dev \\\n    && rm -rf /var/lib/apt/lists/*',
  apk: 'RUN apk add --no-cache clang build-base zlib-dev',
};

export const aotWithoutToolchain: Rule = {
  id: 'aot-without-toolchain',
  defaultSeverity: 'warning',
  summary: 'A Native AOT publish on an SDK image without the -aot variant and without clang installed in the stage: the publish fails (platform linker not found).',
  check({ service, model, build }) {
    const findings: Finding[] = [];
    // Where each stage first installs the toolchain, read once: a stage may publish many times.
    const installs = new Map<Stage, number>();
    for (const step of build.publishing().steps) {
      const aot = publishAotOf(step, build.project);
      if (aot?.value !== true) continue;
      const command = step.command;
      const facts = build.stage(command.stage);
      const image = facts.image;
      if (!isCoreImage(image) || image.family !== 'sdk' || image.parsedTag?.variants.some((v) => v.value === 'aot')) continue;
      if (toolchainInstalled(facts, command.instruction, command.properties.get('cppcompilerandlinker'), installs)) continue;
      const fixes: Fix[] = [];
      const aotTag = service.catalog ? tagWithVariant(service.catalog, image, 'aot') : undefined;
      const reference = image.reference;
      if (aotTag && reference.tag) {
        const edit = editReference(model, reference, reference.tag.start, reference.tag.end, aotTag, { title: `Use the SDK for Native AOT: sdk:${aotTag}`, preferred: true });
        if (edit) fixes.push(edit);
      }
      const os = image.parsedTag?.os?.family ?? (image.catalogTag?.os.startsWith('alpine') ? 'alpine' : image.catalogTag ? 'debian' : undefined);
      const manager = os === 'alpine' ? 'apk' : os === 'debian' || os === 'ubuntu' ? 'apt' : undefined;
      if (manager) {
        const text = model.syntax.text;
        const at = attachedCommentsStart(model, command.instruction);
        const indent = indentationAt(text, command.instruction.span.start);
        const install = INSTALL[manager]!.replace(/\n/g, `${lineBreakOf(text)}${indent}`);
        fixes.push({ title: `Install clang and zlib before the publish (${manager})`, edits: [{ start: at, end: at, newText: `${indent}${install}${lineBreakOf(text)}` }], preferred: fixes.length === 0 });
      }
      const sdk = `sdk:${image.tag ?? 'latest'}`;
      const remedy = aotTag ? `use ${quote(`sdk:${aotTag}`)}, which has the toolchain, or install clang and zlib in this stage` : `install clang and zlib in this stage (the -aot SDK images start with .NET 10)`;
      findings.push({
        span: publishSpan(command.instruction),
        message: `Native AOT (${aot.because}) needs clang and the platform linker, which ${quote(sdk)} does not have, so the publish fails ("Platform linker not found"): ${remedy}.`,
        fixes,
        instruction: command.instruction,
        stage: command.stage,
      });
    }
    return findings;
  },
};

const CLANG = /(?:^|[\s/"'=])clang(?:-\d+)?(?:$|[\s"'])/m;

/**
 * A RUN before the publish, in its stage or a stage it is built FROM, that installs clang (or the compiler the
 * command names with CppCompilerAndLinker). `installs` keeps where each stage first mentions clang.
 */
function toolchainInstalled(facts: StageFacts, publish: Instruction, compiler: string | undefined, installs: Map<Stage, number>): boolean {
  const wanted = compiler ? new RegExp(`(?:^|[\\s/"'=])${compiler.replace(/[^\w.+-]/g, '').replace(/[.+]/g, '\\$&')}(?:$|[\\s"'])`, 'm') : undefined;
  for (const stage of facts.lineage()) {
    let first = installs.get(stage);
    if (first === undefined) {
      first = Number.POSITIVE_INFINITY;
      for (const instruction of stage.instructions) {
        if (instruction.name === 'RUN' && (CLANG.test(instruction.args) || instruction.heredocs.some((h) => CLANG.test(h.content)))) {
          first = instruction.span.start;
          break;
        }
      }
      installs.set(stage, first);
    }
    if (first < (stage === facts.stage ? publish.span.start : Number.POSITIVE_INFINITY)) return true;
    // A compiler the command names is rare: looked for directly, up to the publish.
    if (wanted && stage.instructions.some((i) => i.name === 'RUN' && (stage !== facts.stage || i.span.start < publish.span.start) && wanted.test(i.args))) return true;
  }
  return false;
}

/** The word `publish` of the RUN (`dotnet publish`), else the RUN's arguments. */
function publishSpan(instruction: Instruction): Span {
  const match = /\bpublish\b/.exec(instruction.args);
  if (!match) return instruction.argsSpan;
  return { start: instruction.argsMap.toDocument(match.index), end: instruction.argsMap.toDocument(match.index + match[0].length) };
}
