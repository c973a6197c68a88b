/**
 * Evaluates MSBuild properties the way a Release publish of the project would see them, as far as a
 * reader without MSBuild can: files in import order, later values win, `$(Name)` expands from what is
 * already known, and a `Condition` is honoured only when it is a simple comparison we can decide.
 * Anything we cannot decide is left out rather than guessed: a missing fact silences a rule, a wrong
 * one would raise a false alarm.
 */
import type { MsbuildDocument } from './msbuildXml';

/** Global properties of `docker build` publishes: images are built in Release. */
const GLOBAL_PROPERTIES: Readonly<Record<string, string>> = { configuration: 'Release', platform: 'AnyCPU' };

export type PropertyValues = ReadonlyMap<string, string>;

/**
 * The longest value an expansion may produce. MSBuild has no such limit, but a project file is hostile input:
 * `<P>$(P)$(P)</P>` forty times over is 2^40 characters. Past this a value is unknown, as a property function is.
 */
export const MAX_EXPANDED_LENGTH = 64 * 1024;
/** Characters all expansions of one evaluation may produce together (many properties, each just under the cap). */
export const EXPANSION_BUDGET = 4 * 1024 * 1024;

/** What one evaluation's expansions share: the characters they may still produce, and the names we could not know. */
export interface ExpansionBudget {
  remaining: number;
  /**
   * Properties whose value we could not know (a property function, a value over the cap). A reference to one
   * is unknown too, not the empty string an undefined property is: else `$(P)$(P)` past the cap became ''.
   */
  readonly unknown?: Set<string>;
}

/** A condition longer than this is not one we decide (a real one is a line). */
const MAX_CONDITION_LENGTH = 4096;

const NAME = /^[a-z_][\w.-]*$/;

/**
 * Expands `$(Name)` from known values; undefined when something cannot be expanded (a property function such as
 * `$([System.IO.Path]::...)`, a value over MAX_EXPANDED_LENGTH, or the evaluation's budget spent). One pass with
 * `indexOf`: `$(` repeated 100,000 times is read once, not once per `$(`.
 */
export function expandProperties(value: string, known: PropertyValues, budget: ExpansionBudget = { remaining: EXPANSION_BUDGET }): string | undefined {
  let at = value.indexOf('$(');
  if (at === -1) return value;
  let expanded = '';
  let copied = 0;
  while (at !== -1) {
    const close = value.indexOf(')', at + 2);
    if (close === -1) break; // no reference can end: the rest is text
    const name = value.slice(at + 2, close).trim().toLowerCase();
    if (!NAME.test(name) || budget.unknown?.has(name)) return undefined;
    // An undefined property is the empty string in MSBuild; that is the right answer in conditions.
    const replacement = known.get(name) ?? GLOBAL_PROPERTIES[name] ?? '';
    const piece = at - copied + replacement.length;
    if (expanded.length + piece > MAX_EXPANDED_LENGTH || piece > budget.remaining) return undefined;
    budget.remaining -= piece;
    expanded += value.slice(copied, at) + replacement;
    copied = close + 1;
    at = value.indexOf('$(', copied);
  }
  const rest = value.length - copied;
  if (expanded.length + rest > MAX_EXPANDED_LENGTH) return undefined;
  return expanded + value.slice(copied);
}

const isSpace = (text: string, at: number): boolean => at < text.length && /\s/.test(text[at]!);

function skipSpaces(text: string, at: number): number {
  while (isSpace(text, at)) at++;
  return at;
}

/** Splits a condition at ` and ` (any case, any whitespace around it), as `/\s+and\s+/i` did, in one pass. */
function splitAnd(condition: string): string[] {
  const clauses: string[] = [];
  let from = 0;
  let search = 0;
  for (;;) {
    let at = -1;
    for (let i = search; i + 3 <= condition.length; i++) {
      if ((condition.charCodeAt(i) | 0x20) !== 0x61) continue; // a
      if (i > from && isSpace(condition, i - 1) && condition.slice(i, i + 3).toLowerCase() === 'and' && isSpace(condition, i + 3)) {
        at = i;
        break;
      }
    }
    if (at === -1) break;
    let clauseEnd = at;
    while (clauseEnd > from && isSpace(condition, clauseEnd - 1)) clauseEnd--;
    clauses.push(condition.slice(from, clauseEnd));
    from = skipSpaces(condition, at + 3);
    search = from;
  }
  clauses.push(condition.slice(from));
  return clauses;
}

/** `'a' == 'b'` or `'a' != 'b'`, optionally in parentheses, read by hand (no backtracking over long blanks). */
function parseClause(clause: string): { left: string; operator: '==' | '!='; right: string } | undefined {
  let at = skipSpaces(clause, 0);
  if (clause[at] === '(') at = skipSpaces(clause, at + 1);
  if (clause[at] !== "'") return undefined;
  const leftEnd = clause.indexOf("'", at + 1);
  if (leftEnd === -1) return undefined;
  const left = clause.slice(at + 1, leftEnd);
  at = skipSpaces(clause, leftEnd + 1);
  const operator = clause.slice(at, at + 2);
  if (operator !== '==' && operator !== '!=') return undefined;
  at = skipSpaces(clause, at + 2);
  if (clause[at] !== "'") return undefined;
  const rightEnd = clause.indexOf("'", at + 1);
  if (rightEnd === -1) return undefined;
  const right = clause.slice(at + 1, rightEnd);
  at = skipSpaces(clause, rightEnd + 1);
  if (clause[at] === ')') at = skipSpaces(clause, at + 1);
  return at === clause.length ? { left, operator, right } : undefined;
}

/**
 * Decides a condition made of `'a' == 'b'` / `'a' != 'b'` clauses joined by `and`. Returns undefined
 * when it has another shape (`or`, `Exists(...)`, functions): the caller then skips the property.
 */
export function evaluateCondition(condition: string, known: PropertyValues, budget?: ExpansionBudget): boolean | undefined {
  if (condition.length > MAX_CONDITION_LENGTH) return undefined;
  for (const clause of splitAnd(condition)) {
    const parsed = parseClause(clause);
    if (!parsed) return undefined;
    const left = expandProperties(parsed.left, known, budget);
    const right = expandProperties(parsed.right, known, budget);
    if (left === undefined || right === undefined) return undefined;
    // MSBuild compares strings case-insensitively.
    const equal = left.trim().toLowerCase() === right.trim().toLowerCase();
    if ((parsed.operator === '==') !== equal) return false;
  }
  return true;
}

/** Evaluates the properties of the documents in import order (Directory.Build.props first, the project last). */
export function evaluateProperties(documents: readonly MsbuildDocument[]): PropertyValues {
  const values = new Map<string, string>();
  const budget: ExpansionBudget = { remaining: EXPANSION_BUDGET, unknown: new Set() };
  for (const document of documents) {
    for (const property of document.properties) {
      if (property.condition !== undefined && evaluateCondition(property.condition, values, budget) !== true) continue;
      const name = property.name.toLowerCase();
      const value = expandProperties(property.value, values, budget);
      if (value === undefined) {
        values.delete(name); // we no longer know its value: forget the older one
        budget.unknown?.add(name);
      } else {
        values.set(name, value);
        budget.unknown?.delete(name);
      }
    }
  }
  return values;
}
