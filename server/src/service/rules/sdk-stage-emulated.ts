/**
 * sdk-stage-emulated: an SDK stage publishes for the target architecture (`dotnet publish -a $TARGETARCH`,
 * `-r linux-$TARGETARCH`, or a runtime identifier worked out from `$TARGETARCH`) but its FROM has no
 * `--platform=$BUILDPLATFORM`. In a multi-platform build (`docker buildx build --platform linux/amd64,linux/arm64`)
 * the stage is then built for each target platform, so the SDK runs under QEMU emulation for every foreign one:
 * many times slower, and the SDK is known to crash under emulation. The SDK cross-publishes natively: run it on the
 * build platform. The quick fix adds `--platform=$BUILDPLATFORM` to the FROM of the stage (or of the stage its chain
 * starts from, whose platform it inherits). The facts are the build model's (platform.ts).
 *
 * Not for Native AOT (the `-aot` SDK, `PublishAot`, or a native toolchain installed in the stage: AOT compiles with
 * the target's toolchain, and building it on the target platform is the documented way), and not for an SDK tag
 * that names its architecture (`8.0-bookworm-slim-amd64`: the image's platform is pinned, nothing is emulated there).
 */
import type { Finding, Rule } from '../diagnostics/rule';
import { crossTargetCalls, platformFlagInChain } from '../document/platform';
import { dotnetFamilyOf } from '../images/retiredFamily';
import { quote } from '../texts/quote';
import { isTrue } from '../document/dotnetCommands';
import type { StageFacts } from '../document/stageFacts';

const NATIVE_TOOLCHAIN = /\b(?:clang|gcc-[a-z0-9_]+-linux-gnu|lld|llvm|build-base|build-essential)\b/;

/** A native toolchain installed in the stage or its chain: the author compiles native code (Native AOT) on purpose. */
function installsNativeToolchain(facts: StageFacts): boolean {
  for (const stage of facts.lineage()) {
    for (const instruction of stage.instructions) {
      if (instruction.name !== 'RUN') continue;
      if (NATIVE_TOOLCHAIN.test(instruction.args) || instruction.heredocs.some((h) => NATIVE_TOOLCHAIN.test(h.content))) return true;
    }
  }
  return false;
}

export const sdkStageEmulated: Rule = {
  id: 'sdk-stage-emulated',
  defaultSeverity: 'information',
  summary: "An SDK stage publishes for $TARGETARCH without 'FROM --platform=$BUILDPLATFORM': in a multi-platform build the SDK runs under emulation.",
  check({ model, build }) {
    const findings: Finding[] = [];
    const reportedRoots = new Set<number>();
    for (const stage of model.stages.stages) {
      const facts = build.stage(stage);
      if (stage.platform || dotnetFamilyOf(facts.image) !== 'sdk' || facts.image?.platform === 'windows') continue;
      if (facts.image?.parsedTag?.arch || facts.image?.parsedTag?.variants.some((v) => v.value === 'aot')) continue;
      const calls = crossTargetCalls(facts);
      if (calls.length === 0 || platformFlagInChain(facts)) continue;
      if (build.intent().deployment?.value === 'aot' || calls.some((c) => isTrue(c.command.properties.get('publishaot'))) || installsNativeToolchain(facts)) continue;
      const root = facts.root;
      if (reportedRoots.has(root.index) || !root.baseWord) continue;
      reportedRoots.add(root.index);
      const call = calls[0]!;
      const keywordEnd = root.from.keywordSpan.end;
      findings.push({
        span: root.baseWord.span,
        message: `This SDK stage publishes for the target platform (${quote(call.option)}), but runs on the target platform too: in a multi-platform build the SDK runs under emulation (much slower, and known to crash). Build on the build platform and let the SDK cross-publish: ${quote('FROM --platform=$BUILDPLATFORM ...')}.`,
        fixes: [{ title: 'Run this stage on the build platform (--platform=$BUILDPLATFORM)', edits: [{ start: keywordEnd, end: keywordEnd, newText: ' --platform=$BUILDPLATFORM' }], preferred: true }],
        related: [{ span: call.command.instruction.keywordSpan, message: `${quote(call.option)} publishes for the target platform.` }],
      });
    }
    return findings;
  },
};
