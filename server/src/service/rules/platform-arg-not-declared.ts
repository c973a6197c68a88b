/**
 * platform-arg-not-declared: `$TARGETARCH`, `$TARGETOS`, `$TARGETPLATFORM`, `$BUILDPLATFORM` (and the other automatic
 * platform ARGs) used in a stage that does not declare them. BuildKit defines them in the global scope only: a FROM
 * line sees them, but inside a stage they are empty until `ARG TARGETARCH` declares them, so
 * `dotnet publish -a $TARGETARCH` becomes `dotnet publish -a` (an error) and `-r linux-$TARGETARCH` becomes
 * `-r linux-` (an unknown runtime). A stage built FROM another sees what its parent declared (BuildKit starts it from
 * the parent's state). The quick fix declares the ARG right after the stage's FROM. The facts are the build model's
 * (platform.ts).
 */
import type { Finding, StageRule } from '../diagnostics/rule';
import { undeclaredPlatformArgs } from '../document/platform';
import { afterLineBreak, lineBreakOf } from '../fixes/editKit';
import { quote } from '../texts/quote';

export const platformArgNotDeclared: StageRule = {
  id: 'platform-arg-not-declared',
  defaultSeverity: 'warning',
  summary: 'An automatic platform ARG ($TARGETARCH, $TARGETOS, $TARGETPLATFORM, $BUILDPLATFORM) is used in a stage that does not declare it: it is empty.',
  checkStage({ model, build }, stage) {
    const findings: Finding[] = [];
    const text = model.syntax.text;
    if (stage.instructions.length === 0) return findings;
    const reported = new Set<string>();
    for (const use of undeclaredPlatformArgs(build.stage(stage))) {
      if (reported.has(use.name)) continue;
      reported.add(use.name);
      const from = stage.from;
      const end = from.fullSpan.end;
      const after = afterLineBreak(text, end);
      const newline = lineBreakOf(text);
      const insert = after === end ? { start: end, end, newText: `${newline}ARG ${use.name}` } : { start: after, end: after, newText: `ARG ${use.name}${newline}` };
      findings.push({
        span: use.span,
        message: `${quote(`$${use.name}`)} is empty here: BuildKit defines the platform ARGs before the first FROM only, and a stage sees them once it (or a stage it is built FROM) declares them. Add ${quote(`ARG ${use.name}`)} to this stage (after its FROM).`,
        fixes: [{ title: `Declare ARG ${use.name} in this stage`, edits: [insert], preferred: true, safe: true }],
      });
    }
    return findings;
  },
};
