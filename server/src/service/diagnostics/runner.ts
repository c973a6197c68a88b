/**
 * The rule runner: runs every rule on one build model, each isolated so that one failing rule never hides the
 * others' findings, and turns findings into LSP diagnostics with the user's severity, the rule id as `code` and a
 * link to the rule's README section. Findings are kept on the build model, so the code actions asked for the same
 * version read them instead of checking again.
 *
 * A stage rule's findings in a stage that did not change since the last validated version are taken over from it
 * (stageReuse.ts); suppressions and severities are applied after, so they always read the current version.
 *
 * Suppression: `# dotnet-dockerfile ignore=<id>[,<id>]` on the line directly above an instruction silences
 * those rules for diagnostics that start in that instruction; before the first instruction, for the file.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import { buildOf, type Build } from '../document/build';
import { memoSlot } from '../document/modelMemo';
import type { RuleSeverity, ServiceSettings } from './settings';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnosticData';
import { RULES } from './ruleRegistry';
import { isStageRule, ruleDocumentationUrl, type Finding, type Rule, type RuleContext, type StageRule } from './rule';
import type { Stage } from '../document/stages';
import { stageReuseOf, type StageReuse } from './stageReuse';
import { stageChunksOf, withinStage } from '../document/stageContinuity';

const SEVERITY: Readonly<Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const IGNORE_COMMENT = /^dotnet-dockerfile\s+ignore\s*=\s*([\w-]+(?:\s*,\s*[\w-]+)*)/i;

export interface Suppressions {
  /** Rule ids ignored in the whole file. */
  readonly file: ReadonlySet<string>;
  /** Zero-based line of an instruction's first line → rule ids ignored for it. */
  readonly byInstructionLine: ReadonlyMap<number, ReadonlySet<string>>;
}

/** Reads the `# dotnet-dockerfile ignore=` comments of a document. */
export function readSuppressions(model: DockerfileModel): Suppressions {
  const file = new Set<string>();
  const byInstructionLine = new Map<number, Set<string>>();
  const firstLine = model.syntax.instructions[0]?.startLine ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < model.syntax.comments.length; i++) {
    const comment = model.syntax.comments[i]!;
    const match = IGNORE_COMMENT.exec(comment.text);
    if (!match) continue;
    const ids = match[1]!.split(',').map((id) => id.trim().toLowerCase());
    if (comment.line < firstLine) {
      for (const id of ids) file.add(id);
      continue;
    }
    const line = comment.line + 1;
    const set = byInstructionLine.get(line) ?? new Set<string>();
    for (const id of ids) set.add(id);
    byInstructionLine.set(line, set);
  }
  return { file, byInstructionLine };
}

function isSuppressed(model: DockerfileModel, suppressions: Suppressions, id: string, offset: number): boolean {
  if (suppressions.file.has(id)) return true;
  if (suppressions.byInstructionLine.size === 0) return false;
  const instruction = model.instructionAt(offset);
  return !!instruction && !!suppressions.byInstructionLine.get(instruction.startLine)?.has(id);
}

/** A rule's findings on a build, or the error it threw. */
export type RuleOutcome = { readonly findings: readonly Finding[] } | { readonly error: unknown };

const OUTCOMES = memoSlot<Map<Rule, RuleOutcome>>('rule outcomes');
const STAGE_OUTCOMES = memoSlot<Map<StageRule, RuleOutcome[]>>('stage rule outcomes by stage');

/** Runs a check, turning what it throws into the outcome. */
function outcomeOfCheck(check: () => readonly Finding[]): RuleOutcome {
  try {
    return { findings: check() };
  } catch (error) {
    return { error };
  }
}

/**
 * The rule's findings on this build model, worked out once (the runner and code actions share them). A stage rule's
 * are its findings in every stage, combined as the runner combines them (stageFindings).
 */
export function outcomeOf(build: Build, rule: Rule): RuleOutcome {
  const outcomes = build.memo.get(OUTCOMES, () => new Map());
  let outcome = outcomes.get(rule);
  if (!outcome) {
    if (isStageRule(rule)) {
      const combined = stageFindings(build, rule, undefined);
      outcome = combined.error === undefined ? { findings: combined.findings } : { error: combined.error };
    } else outcome = outcomeOfCheck(() => rule.check(ruleContext(build)));
    outcomes.set(rule, outcome);
  }
  return outcome;
}

const VALIDATED = memoSlot<Map<StageRule, { findings: Finding[]; error: unknown }>>('stage rules findings as validated');

/** A stage rule's findings as validation reports them (stages taken over included), worked out once per build. */
function validatedStages(build: Build, rule: StageRule, reuse: StageReuse): { findings: Finding[]; error: unknown } {
  const byRule = build.memo.get(VALIDATED, () => new Map());
  let combined = byRule.get(rule);
  if (!combined) byRule.set(rule, (combined = stageFindings(build, rule, reuse)));
  return combined;
}

/** A stage rule's findings in one stage of this build model, worked out once (code actions ask for one stage). */
export function outcomeOfStage(build: Build, rule: StageRule, stage: Stage): RuleOutcome {
  const byRule = build.memo.get(STAGE_OUTCOMES, () => new Map());
  let outcomes = byRule.get(rule);
  if (!outcomes) byRule.set(rule, (outcomes = []));
  return (outcomes[stage.index] ??= outcomeOfCheck(() => rule.checkStage(ruleContext(build), stage)));
}

const DOCUMENT_OUTCOMES = memoSlot<Map<StageRule, RuleOutcome>>('stage rule outcomes outside the stages');

function outcomeOfDocument(build: Build, rule: StageRule): RuleOutcome | undefined {
  const checkDocument = rule.checkDocument;
  if (!checkDocument) return undefined;
  const outcomes = build.memo.get(DOCUMENT_OUTCOMES, () => new Map());
  let outcome = outcomes.get(rule);
  if (!outcome) outcomes.set(rule, (outcome = outcomeOfCheck(() => checkDocument.call(rule, ruleContext(build)))));
  return outcome;
}

/**
 * A stage rule's findings over the document: each stage's in stage order (from the last validated version where
 * the stage did not change, when `reuse` is given), then those outside the stages. A finding that lies outside the
 * stage that found it (in a stage it is built FROM) is reported once, by the first stage at that place. The first
 * error a check threw is returned with the findings of the checks that did not throw.
 */
function stageFindings(build: Build, rule: StageRule, reuse: StageReuse | undefined): { findings: Finding[]; error: unknown } {
  const chunks = stageChunksOf(build.model);
  const findings: Finding[] = [];
  let error: unknown;
  const context = ruleContext(build);
  const stages = build.model.stages.stages;
  const taken = reuse?.forRule(rule.id);
  // Where the findings so far start: made at the first finding outside its stage (rare), then kept up to date.
  let starts: Set<number> | undefined;
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s]!;
    let found: readonly Finding[] | undefined = taken?.reused(stage);
    if (!found) {
      // Asked directly, not through outcomeOfStage's memo: this runs for every stage of a file just opened, and
      // the combined findings are kept on the build (validatedStages) for a second validation of the version.
      try {
        found = rule.checkStage(context, stage);
      } catch (thrown) {
        error ??= thrown;
        continue;
      }
      taken?.store(stage, found);
    }
    for (let i = 0; i < found.length; i++) {
      const finding = found[i]!;
      if (!withinStage(chunks, s, finding.span.start, finding.span.end)) {
        starts ??= new Set(findings.map((f) => f.span.start));
        if (starts.has(finding.span.start)) continue;
      }
      starts?.add(finding.span.start);
      findings.push(finding);
    }
  }
  const outside = outcomeOfDocument(build, rule);
  if (outside && 'error' in outside) error ??= outside.error;
  else if (outside) for (const finding of outside.findings) findings.push(finding);
  return { findings, error };
}

const RULE_CONTEXT = memoSlot<RuleContext>('rule context');

/** What a rule is given: one object per build (stage rules are asked once per stage). */
export function ruleContext(build: Build): RuleContext {
  return build.memo.get(RULE_CONTEXT, () => ({ service: build.context, model: build.model, build }));
}

function toDiagnostic(model: DockerfileModel, rule: Rule, severity: DiagnosticSeverity, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: model.rangeOf(finding.span),
    severity,
    code: rule.id,
    codeDescription: { href: ruleDocumentationUrl(rule.id) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data: { rule: rule.id } satisfies DiagnosticData,
  };
  if (finding.deprecated) diagnostic.tags = [DiagnosticTag.Deprecated];
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: model.document.uri, range: model.rangeOf(r.span) },
      message: r.message,
    }));
  }
  return diagnostic;
}

/** A rule that threw: reported once, as information at the top, so the failure is visible but not alarming. */
function ruleFailure(rule: Rule, error: unknown): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: rule.id,
    codeDescription: { href: ruleDocumentationUrl(rule.id) },
    source: DIAGNOSTIC_SOURCE,
    message: `The rule ${rule.id} failed on this file (${detail}), so its findings are missing; the other rules ran. Please report this with the Dockerfile.`,
    data: { rule: rule.id } satisfies DiagnosticData,
  };
}

/** The severity a rule reports with under these settings, or undefined when it is off. */
export function severityOf(rule: Rule, settings: ServiceSettings): DiagnosticSeverity | undefined {
  const configured = settings.rules[rule.id] ?? rule.defaultSeverity;
  return configured === 'off' ? undefined : SEVERITY[configured];
}

/**
 * Validates one parsed document. `rules` defaults to the full table (tests pass their own to check the
 * runner's isolation).
 */
export function validate(context: ServiceContext, model: DockerfileModel, settings: ServiceSettings, rules: readonly Rule[] = RULES): Diagnostic[] {
  const build = buildOf(model, context);
  const suppressions = readSuppressions(model);
  const reuse = stageReuseOf(build);
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, settings);
    if (severity === undefined || suppressions.file.has(rule.id)) continue;
    if (rule.generalSyntax && context.syntaxCheckedElsewhere) continue;
    let findings: readonly Finding[];
    if (isStageRule(rule)) {
      // Reported with the findings of the stages that did not fail.
      const combined = validatedStages(build, rule, reuse);
      if (combined.error !== undefined) diagnostics.push(ruleFailure(rule, combined.error));
      findings = combined.findings;
    } else {
      const outcome = outcomeOf(build, rule);
      if ('error' in outcome) {
        diagnostics.push(ruleFailure(rule, outcome.error));
        continue;
      }
      findings = outcome.findings;
    }
    try {
      // Converted inside the guard too: a finding with a bad span must not cost the other rules theirs.
      const converted: Diagnostic[] = [];
      for (const finding of findings) {
        if (!isSuppressed(model, suppressions, rule.id, finding.span.start)) converted.push(toDiagnostic(model, rule, severity, finding));
      }
      for (const diagnostic of converted) diagnostics.push(diagnostic);
    } catch (error) {
      diagnostics.push(ruleFailure(rule, error));
    }
  }
  // What the next version of the document may take over (stageReuse.ts).
  reuse.carry();
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
