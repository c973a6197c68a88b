/**
 * dotnet-without-sdk: `dotnet restore/build/publish/test/pack/tool ...` (any command of the SDK) in a stage whose image
 * has no SDK: aspnet, runtime and runtime-deps carry the .NET runtime only (runtime-deps not even that), so the
 * command fails with "No .NET SDKs were found" (or "dotnet: not found"). The same for a container started with
 * `dotnet run` or `dotnet watch` on such an image. Quiet when the stage installs an SDK first (dotnet-install.sh,
 * a `dotnet-sdk` package) or copies one in.
 */
import type { Finding, Rule } from '../diagnostics/rule';
import type { StageFacts } from '../document/stageFacts';
import { SDK_VERBS } from '../document/appStart';
import { copiedIn } from '../document/copiedIn';
import { dotnetFamilyOf } from '../images/retiredFamily';
import { quote } from '../texts/quote';

const SDK_INSTALL = /dotnet-install|dotnet-sdk|dotnet\d*-sdk/i;

/** Did the stage (or one it is built FROM) install or copy in an SDK before `offset`? */
function sdkBroughtIn(facts: StageFacts, offset: number): boolean {
  for (const stage of facts.lineage()) {
    for (const instruction of stage.instructions) {
      if (stage === facts.stage && instruction.span.start >= offset) break;
      if (instruction.name === 'RUN' && (SDK_INSTALL.test(instruction.args) || instruction.heredocs.some((h) => SDK_INSTALL.test(h.content)))) return true;
    }
  }
  return copiedIn(facts, offset, ['sdk', 'dotnet']);
}

function imageName(facts: StageFacts): string {
  return facts.image ? quote(facts.image.reference.text) : 'this image';
}

export const dotnetWithoutSdk: Rule = {
  id: 'dotnet-without-sdk',
  defaultSeverity: 'error',
  summary: "A 'dotnet restore/build/publish/test/pack/tool ...' in a stage whose image has no SDK (aspnet, runtime, runtime-deps).",
  check({ model, build }) {
    const findings: Finding[] = [];
    const familyOf = (facts: StageFacts): string | undefined => dotnetFamilyOf(facts.image);
    const runtimeOnly = (family: string | undefined): boolean => family === 'aspnet' || family === 'runtime' || family === 'runtime-deps';
    const reported = new Set<number>();
    for (const command of build.dotnetCommands()) {
      if (!SDK_VERBS.has(command.verb) || reported.has(command.instruction.span.start)) continue;
      const facts = build.stage(command.stage);
      const family = familyOf(facts);
      if (!runtimeOnly(family) || sdkBroughtIn(facts, command.instruction.span.start)) continue;
      reported.add(command.instruction.span.start);
      findings.push({
        span: command.instruction.keywordSpan,
        message: `'dotnet ${command.verb}' needs the .NET SDK, but this stage runs on ${imageName(facts)} (${family}: the runtime only), so it fails with "No .NET SDKs were found". Run it in a stage on mcr.microsoft.com/dotnet/sdk and COPY --from that stage what it produces.`,
        instruction: command.instruction,
        stage: command.stage,
      });
    }
    const final = model.stages.finalStage;
    if (final) {
      const start = build.start(final);
      const facts = build.stage(final);
      const family = familyOf(facts);
      const { entrypoint, cmd } = facts.startCommand();
      const instruction = entrypoint ?? cmd;
      if (start.kind === 'sdk-command' && instruction && runtimeOnly(family) && !sdkBroughtIn(facts, Number.POSITIVE_INFINITY)) {
        findings.push({
          span: instruction.keywordSpan,
          message: `The container starts with 'dotnet ${start.command}', which needs the .NET SDK, but the final stage runs on ${imageName(facts)} (${family}: the runtime only), so it cannot start. Publish the app in an sdk stage and start the published app ('dotnet App.dll').`,
        });
      }
    }
    return findings;
  },
};
