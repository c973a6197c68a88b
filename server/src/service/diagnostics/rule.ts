/**
 * The shape of a rule (ruff and biome style: one file per rule in ../rules/, holding everything about it): its id,
 * default severity, one-line summary, the README section that documents it, the check, and the fixes it offers.
 * The runner (runner.ts) turns findings into LSP diagnostics with the user's severity and suppressions; code
 * actions (../fixes/codeActions.ts) find a diagnostic's finding again and ask its rule for the fixes. The settings
 * schema in package.json and the README's rules table are generated from these fields (scripts/rules.ts).
 *
 * Rules run on every keystroke over every instruction, so their loops over instructions are indexed: until
 * V8 optimizes a loop, `for...of` over an array allocates an iterator result per step, and that garbage adds up.
 */
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import type { RuleSeverity } from './settings';
import type { Instruction, Span } from '../syntax/model';
import type { Fix } from '../fixes/editKit';

export type DefaultSeverity = Exclude<RuleSeverity, 'off'>;

export interface RelatedFinding {
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  /** Where the diagnostic starts and ends (document offsets). */
  readonly span: Span;
  /** What is wrong and what to do, in plain text (no markdown: the Problems panel shows it as is). */
  readonly message: string;
  /** Fixes the check worked out already (a new tag, a port), best first. */
  readonly fixes?: readonly Fix[];
  /** The instruction the finding is about, for fixes worked out on request. */
  readonly instruction?: Instruction;
  readonly stage?: Stage;
  /** Other places that explain the finding (the SDK stage of a version mismatch, ...). */
  readonly related?: readonly RelatedFinding[];
  /** True when the finding is about something outdated (rendered struck through by editors). */
  readonly deprecated?: boolean;
}

export interface RuleContext {
  readonly service: ServiceContext;
  readonly model: DockerfileModel;
  /** The model of the build: every fact a rule reads. */
  readonly build: Build;
}

interface RuleFields {
  /** Stable id: the Diagnostic.code, the settings key and the suppression key. */
  readonly id: string;
  readonly defaultSeverity: DefaultSeverity;
  /** One line for the rules table and the settings UI (plain text). */
  readonly summary: string;
  /**
   * The rule reports what general Dockerfile tools report too (BuildKit's syntax errors): the runner leaves it out when
   * the request says another extension reports them already (`ServiceContext.syntaxCheckedElsewhere`), never twice.
   */
  readonly generalSyntax?: true;
  /**
   * Fixes worked out when the user asks for them (moving steps, rewriting a command), after those the check
   * attached to the finding. Only for the rule's own findings.
   */
  fixes?(context: RuleContext, finding: Finding): readonly Fix[];
}

/** A rule about the document as a whole: what crosses stages (the final image, the app's intent, the project). */
export interface DocumentRule extends RuleFields {
  check(context: RuleContext): readonly Finding[];
  readonly checkStage?: undefined;
}

/**
 * A rule that judges one stage at a time. What it reports for a stage may depend only on that stage's text, on the
 * stages it is built FROM, on the text before the first FROM (global ARGs, parser directives), on the stages' names
 * and count, and on the outside facts (catalog, today, project, build context): never on another stage's content
 * (the final stage, a stage it copies from, the app's intent). Then a stage whose text and chain did not change
 * since the last validated version has the same findings, moved with it, and the runner reuses them
 * (stageReuse.ts) instead of checking every stage on every keystroke.
 *
 * A finding may lie in a stage the checked one is built FROM (an ENV it inherits): such a finding is reported once,
 * by the first stage that finds it, and a stage with one is checked again on every version.
 */
export interface StageRule extends RuleFields {
  checkStage(context: RuleContext, stage: Stage): readonly Finding[];
  /** What the rule reports outside the stages (before the first FROM, across stages), on every version. */
  checkDocument?(context: RuleContext): readonly Finding[];
  readonly check?: undefined;
}

export type Rule = DocumentRule | StageRule;

export function isStageRule(rule: Rule): rule is StageRule {
  return typeof rule.checkStage === 'function';
}

/** Where a rule is documented: its section in the README. */
export function ruleDocumentationUrl(id: string): string {
  return `https://github.com/dotnet-dockerfile/dotnet-dockerfile#${id}`;
}

/** Every fix of a finding, the ready ones first. */
export function fixesOf(rule: Rule, context: RuleContext, finding: Finding): readonly Fix[] {
  const later = rule.fixes?.(context, finding) ?? [];
  if (!finding.fixes?.length) return later;
  return later.length ? [...finding.fixes, ...later] : finding.fixes;
}
