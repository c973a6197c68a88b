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

/** Expands `$(Name)` from known values; undefined when something cannot be expanded (unknown name, property function). */
export function expandProperties(value: string, known: PropertyValues): string | undefined {
  let unresolved = false;
  const expanded = value.replace(/\$\(([^)]*)\)/g, (_whole, inner: string) => {
    const name = inner.trim().toLowerCase();
    if (!/^[a-z_][\w.-]*$/.test(name)) {
      unresolved = true; // `$([System.IO.Path]::...)` and friends
      return '';
    }
    const known1 = known.get(name) ?? GLOBAL_PROPERTIES[name];
    // An undefined property is the empty string in MSBuild; that is the right answer in conditions.
    return known1 ?? '';
  });
  return unresolved ? undefined : expanded;
}

/**
 * Decides a condition made of `'a' == 'b'` / `'a' != 'b'` clauses joined by `and`. Returns undefined
 * when it has another shape (`or`, `Exists(...)`, functions): the caller then skips the property.
 */
export function evaluateCondition(condition: string, known: PropertyValues): boolean | undefined {
  const clauses = condition.split(/\s+and\s+/i);
  for (const clause of clauses) {
    const match = /^\s*\(?\s*'([^']*)'\s*(==|!=)\s*'([^']*)'\s*\)?\s*$/.exec(clause);
    if (!match) return undefined;
    const left = expandProperties(match[1]!, known);
    const right = expandProperties(match[3]!, known);
    if (left === undefined || right === undefined) return undefined;
    // MSBuild compares strings case-insensitively.
    const equal = left.trim().toLowerCase() === right.trim().toLowerCase();
    if ((match[2] === '==') !== equal) return false;
  }
  return true;
}

/** Evaluates the properties of the documents in import order (Directory.Build.props first, the project last). */
export function evaluateProperties(documents: readonly MsbuildDocument[]): PropertyValues {
  const values = new Map<string, string>();
  for (const document of documents) {
    for (const property of document.properties) {
      if (property.condition !== undefined && evaluateCondition(property.condition, values) !== true) continue;
      const name = property.name.toLowerCase();
      const value = expandProperties(property.value, values);
      if (value === undefined) values.delete(name); // we no longer know its value: forget the older one
      else values.set(name, value);
    }
  }
  return values;
}
