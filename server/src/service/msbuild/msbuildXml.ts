/**
 * A small, tolerant reader for the parts of MSBuild project XML we need: the `Sdk` of the project,
 * properties in `<PropertyGroup>`s (with their group's `Condition`), and `FrameworkReference` items.
 * It never throws: a half-typed project file (the user is editing it) yields whatever could be read.
 * No dependency, no DOM: project files are small and we only walk elements.
 *
 * A project file comes from the user's repository, so the reader is written for hostile text too: one pass
 * with `indexOf` and character loops, no backtracking regular expression (`<a` followed by 100,000 spaces,
 * or `$(` 100,000 times, cost seconds with the patterns this file used to have), and no entity that can throw
 * (`&#x110000;` is not a character: it stays as written).
 */

export interface MsbuildProperty {
  /** As written: MSBuild property names are case-insensitive, so compare with `.toLowerCase()`. */
  readonly name: string;
  readonly value: string;
  /** The `Condition` of the property or of its `PropertyGroup`; undefined when unconditional. */
  readonly condition: string | undefined;
}

export interface MsbuildDocument {
  /** Every SDK named by `<Project Sdk="…">`, `<Sdk Name="…"/>` or `<Import Sdk="…"/>` (a `;`-list is split). */
  readonly sdks: readonly string[];
  readonly properties: readonly MsbuildProperty[];
  /** `Include` of every `<FrameworkReference>`. */
  readonly frameworkReferences: readonly string[];
  /** `Include` of every `<ProjectReference>`, as written (a `;`-list is split). */
  readonly projectReferences: readonly string[];
}

interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly selfClosing: boolean;
  readonly closing: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Longer than any entity worth decoding (`&#x10FFFF;`, `&quot;`): past this, `&` is just a character. */
const MAX_ENTITY_LENGTH = 12;

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** The character an entity body (`amp`, `#60`, `#x3C`) stands for; undefined when it stands for none. */
function entityValue(body: string): string | undefined {
  if (body.startsWith('#x') || body.startsWith('#X')) {
    const digits = body.slice(2);
    if (digits.length === 0 || ![...digits].every((c) => isHexDigit(c.charCodeAt(0)))) return undefined;
    return codePoint(Number.parseInt(digits, 16));
  }
  if (body.startsWith('#')) {
    const digits = body.slice(1);
    if (digits.length === 0 || ![...digits].every((c) => isDigit(c.charCodeAt(0)))) return undefined;
    return codePoint(Number.parseInt(digits, 10));
  }
  if (body.length === 0 || ![...body].every((c) => isLetter(c.charCodeAt(0)))) return undefined;
  return ENTITIES[body.toLowerCase()];
}

/** A Unicode scalar value as a string; undefined past U+10FFFF (`String.fromCodePoint` would throw). */
function codePoint(value: number): string | undefined {
  return Number.isInteger(value) && value >= 0 && value <= 0x10ffff ? String.fromCodePoint(value) : undefined;
}

/** Replaces `&name;`, `&#n;` and `&#xh;`; anything else (unknown, too long, out of range) is kept as written. */
export function decodeEntities(text: string): string {
  let at = text.indexOf('&');
  if (at === -1) return text;
  let out = '';
  let copied = 0;
  // The first `;` after `at`, kept while `at` has not passed it: `&&&&…;` must not rescan to the same `;`.
  let semicolon = -1;
  while (at !== -1) {
    if (semicolon <= at) semicolon = text.indexOf(';', at + 1);
    if (semicolon === -1) break;
    if (semicolon - at - 1 <= MAX_ENTITY_LENGTH) {
      const value = entityValue(text.slice(at + 1, semicolon));
      if (value !== undefined) {
        out += text.slice(copied, at) + value;
        copied = semicolon + 1;
        at = text.indexOf('&', copied);
        continue;
      }
    }
    at = text.indexOf('&', at + 1);
  }
  return out + text.slice(copied);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isNameStart(code: number): boolean {
  return isLetter(code) || code === 0x5f; // _
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || isDigit(code) || code === 0x2e || code === 0x3a || code === 0x2d; // . : -
}

/** Reads a name (`[A-Za-z_][\w.:-]*`) at `at`; returns its end (== at when there is none). */
function nameEnd(source: string, at: number): number {
  if (at >= source.length || !isNameStart(source.charCodeAt(at))) return at;
  let end = at + 1;
  while (end < source.length && isNameChar(source.charCodeAt(end))) end++;
  return end;
}

function skipSpaces(source: string, at: number): number {
  while (at < source.length && isSpace(source.charCodeAt(at))) at++;
  return at;
}

/**
 * Parses the inside of a tag (`source` is everything between `<` and `>`): `/name attr="v" attr='v' /`.
 * Linear: every character is looked at a bounded number of times; a malformed attribute is skipped.
 */
function parseTag(source: string): Tag | undefined {
  let at = skipSpaces(source, 0);
  const closing = source.charCodeAt(at) === 0x2f; // /
  if (closing) at = skipSpaces(source, at + 1);
  const end = nameEnd(source, at);
  if (end === at) return undefined;
  const name = source.slice(at, end);
  let trimmedEnd = source.length;
  while (trimmedEnd > end && isSpace(source.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
  const selfClosing = trimmedEnd > end && source.charCodeAt(trimmedEnd - 1) === 0x2f;
  const attributes = new Map<string, string>();
  at = end;
  const limit = selfClosing ? trimmedEnd - 1 : trimmedEnd;
  while (at < limit) {
    const start = at;
    const keyEnd = nameEnd(source, at);
    if (keyEnd === at) {
      at++;
      continue;
    }
    at = skipSpaces(source, keyEnd);
    if (source.charCodeAt(at) !== 0x3d) continue; // =
    at = skipSpaces(source, at + 1);
    const quote = source[at];
    if (quote !== '"' && quote !== "'") continue;
    const close = source.indexOf(quote, at + 1);
    if (close === -1 || close >= limit) break;
    attributes.set(source.slice(start, keyEnd).toLowerCase(), decodeEntities(source.slice(at + 1, close)));
    at = close + 1;
  }
  return { name, attributes, selfClosing, closing };
}

/**
 * Removes comments, processing instructions and `<!DOCTYPE ...>`, and unwraps CDATA (its text escaped, so it
 * stays text). An unterminated comment or CDATA runs to the end of the file, as before.
 */
function stripNoise(xml: string): string {
  let out = '';
  let copied = 0;
  /** Set once a `<!DOCTYPE` found no `>` after it: no later one will either (no rescans to the end). */
  let noMoreGreaterThan = false;
  let at = xml.indexOf('<');
  while (at !== -1) {
    let skipTo = -1;
    let replacement = '';
    if (xml.startsWith('<!--', at)) {
      const end = xml.indexOf('-->', at + 4);
      skipTo = end === -1 ? xml.length : end + 3;
    } else if (xml.startsWith('<![CDATA[', at)) {
      const end = xml.indexOf(']]>', at + 9);
      const text = xml.slice(at + 9, end === -1 ? xml.length : end);
      replacement = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      skipTo = end === -1 ? xml.length : end + 3;
    } else if (xml.startsWith('<?', at)) {
      const end = xml.indexOf('?>', at + 2);
      skipTo = end === -1 ? xml.length : end + 2;
    } else if (!noMoreGreaterThan && xml.length - at >= 9 && xml.slice(at, at + 9).toUpperCase() === '<!DOCTYPE') {
      const end = xml.indexOf('>', at + 9);
      if (end !== -1) skipTo = end + 1;
      else noMoreGreaterThan = true;
    }
    if (skipTo === -1) {
      at = xml.indexOf('<', at + 1);
      continue;
    }
    out += xml.slice(copied, at) + replacement;
    copied = skipTo;
    at = xml.indexOf('<', skipTo);
  }
  return copied === 0 ? xml : out + xml.slice(copied);
}

/** Real project files nest a handful of elements deep. */
const MAX_DEPTH = 256;

function splitList(value: string): string[] {
  return value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Reads a project, props or targets file. Unknown elements are skipped; unbalanced tags are tolerated. */
export function readMsbuildXml(xml: string): MsbuildDocument {
  const text = stripNoise(xml);
  const sdks: string[] = [];
  const properties: MsbuildProperty[] = [];
  const frameworkReferences: string[] = [];
  const projectReferences: string[] = [];
  /** Open elements, innermost last, with their conditions. */
  const stack: { name: string; condition: string | undefined }[] = [];
  /** The property element being read: its text is the slice from `from` to its end tag. */
  let open: { name: string; condition: string | undefined; from: number; nested: boolean } | undefined;

  // A tag is `<` up to the next `>` with no `<` between (as `/<[^<>]*>/g` found them, without its rescans).
  let at = text.indexOf('<');
  while (at !== -1) {
    let close = at + 1;
    while (close < text.length) {
      const code = text.charCodeAt(close);
      if (code === 0x3c || code === 0x3e) break;
      close++;
    }
    if (close >= text.length) break;
    if (text.charCodeAt(close) === 0x3c) {
      at = close; // `<` with another `<` before any `>`: text, not a tag
      continue;
    }
    const tag = parseTag(text.slice(at + 1, close));
    const tagStart = at;
    at = text.indexOf('<', close + 1);
    if (!tag) continue;
    const lower = tag.name.toLowerCase();
    if (tag.closing) {
      if (open && lower === open.name.toLowerCase()) {
        if (!open.nested) properties.push({ name: open.name, value: decodeEntities(text.slice(open.from, tagStart)).trim(), condition: open.condition });
        open = undefined;
      }
      // Pop to the matching element; an unmatched end tag is ignored.
      let index = stack.length - 1;
      while (index >= 0 && stack[index]!.name !== lower) index--;
      if (index >= 0) stack.length = index;
      continue;
    }
    if (open) {
      // An element inside a property value (rare, e.g. XML in a property): keep reading, drop the value.
      open.nested = true;
      continue;
    }
    if (lower === 'project' || lower === 'import') {
      const sdk = tag.attributes.get('sdk');
      if (sdk) sdks.push(...splitList(sdk).map((s) => s.split('/')[0]!));
    } else if (lower === 'sdk') {
      const name = tag.attributes.get('name');
      if (name) sdks.push(name);
    } else if (lower === 'frameworkreference') {
      const include = tag.attributes.get('include');
      if (include) frameworkReferences.push(...splitList(include));
    } else if (lower === 'projectreference') {
      const include = tag.attributes.get('include');
      if (include) for (const reference of splitList(include)) projectReferences.push(reference);
    }
    const parent = stack[stack.length - 1];
    const condition = tag.attributes.get('condition');
    if (parent?.name === 'propertygroup' && !tag.selfClosing) {
      const conditions = [parent.condition, condition].filter((c): c is string => c !== undefined);
      open = { name: tag.name, condition: conditions.length > 0 ? conditions.join(' and ') : undefined, from: close + 1, nested: false };
      continue;
    }
    // Deeper than any real project: the stack stops growing, so an end tag never searches a huge one.
    if (!tag.selfClosing && stack.length < MAX_DEPTH) stack.push({ name: lower, condition });
  }
  return { sdks, properties, frameworkReferences, projectReferences };
}
