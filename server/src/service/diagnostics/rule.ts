/**
 * The shape every diagnostic rule has. A rule looks at the shared analysis of one document and returns
 * findings; the runner (../diagnostics.ts) turns findings into LSP diagnostics, applies the user's severity
 * settings and suppression comments, and isolates rules from each other's failures.
 *
 * Rules run on every keystroke over every instruction, so their loops over instructions are indexed: until
 * V8 optimizes a loop, `for...of` over an array allocates an iterator result per step, and that garbage adds up.
 */
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import type { RuleSeverity } from './settings';
import type { Span } from '../syntax/model';
import type { DocumentAnalysis } from '../document/analysis';
import type { TextReplacement } from './diagnosticData';

export type DefaultSeverity = Exclude<RuleSeverity, 'off'>;

export interface RelatedFinding {
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  /** Where the diagnostic starts and ends (document offsets). */
  readonly span: Span;
  /** What is wrong and what to do. */
  readonly message: string;
  /** Ready-made edits for the quick fix, best first. */
  readonly replacements?: readonly TextReplacement[];
  /** For instruction rules: the offset of the instruction's keyword. */
  readonly instructionStart?: number;
  readonly stageIndex?: number;
  /** Other places that explain the finding (the SDK stage of a version mismatch, ...). */
  readonly related?: readonly RelatedFinding[];
  /** True when the finding is about something outdated (rendered struck through by editors). */
  readonly deprecated?: boolean;
}

export interface RuleContext {
  readonly service: ServiceContext;
  readonly model: DockerfileModel;
  readonly analysis: DocumentAnalysis;
}

export interface Rule {
  /** Stable id: the Diagnostic.code, the settings key and the suppression key. */
  readonly id: string;
  readonly defaultSeverity: DefaultSeverity;
  /** One line for the rules table and the settings UI. */
  readonly description: string;
  check(context: RuleContext): readonly Finding[];
}
