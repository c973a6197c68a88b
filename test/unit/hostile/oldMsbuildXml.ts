/**
 * The MSBuild reader as it was before issue 19 (regex-based), kept as an oracle: on ordinary project files the
 * linear reader must read exactly what this one read. Not used by the product.
 */
import type { MsbuildDocument, MsbuildProperty } from '../../../server/src/service/msbuild/msbuildXml';

interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly selfClosing: boolean;
  readonly closing: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function parseTag(source: string): Tag | undefined {
  const match = /^<\s*(\/)?\s*([A-Za-z_][\w.:-]*)([\s\S]*?)(\/)?\s*>$/.exec(source);
  if (!match) return undefined;
  const attributes = new Map<string, string>();
  for (const attribute of (match[3] ?? '').matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    attributes.set(attribute[1]!.toLowerCase(), decodeEntities(attribute[3] ?? attribute[4] ?? ''));
  }
  return { name: match[2]!, attributes, selfClosing: match[4] === '/', closing: match[1] === '/' };
}

/** Removes comments, CDATA wrappers and processing instructions, keeping CDATA text. */
function stripNoise(xml: string): string {
  return xml
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)(\]\]>|$)/g, (_whole, text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
    .replace(/<\?[\s\S]*?(\?>|$)/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '');
}

function splitList(value: string): string[] {
  return value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Reads a project, props or targets file. Unknown elements are skipped; unbalanced tags are tolerated. */
export function oldReadMsbuildXml(xml: string): Omit<MsbuildDocument, 'projectReferences'> {
  const text = stripNoise(xml);
  const sdks: string[] = [];
  const properties: MsbuildProperty[] = [];
  const frameworkReferences: string[] = [];
  /** Open elements, innermost last, with their conditions. */
  const stack: { name: string; condition: string | undefined }[] = [];
  /** The property element being read: its text accumulates until its end tag. */
  let open: { name: string; condition: string | undefined; value: string; nested: boolean } | undefined;

  const tagPattern = /<[^<>]*>/g;
  let last = 0;
  for (let match = tagPattern.exec(text); match; match = tagPattern.exec(text)) {
    if (open) open.value += text.slice(last, match.index);
    last = match.index + match[0].length;
    const tag = parseTag(match[0]);
    if (!tag) continue;
    const lower = tag.name.toLowerCase();
    if (tag.closing) {
      if (open && lower === open.name.toLowerCase()) {
        if (!open.nested) properties.push({ name: open.name, value: decodeEntities(open.value).trim(), condition: open.condition });
        open = undefined;
      }
      // Pop to the matching element; an unmatched end tag is ignored.
      const index = stack.map((entry) => entry.name).lastIndexOf(lower);
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
    }
    const parent = stack[stack.length - 1];
    const condition = tag.attributes.get('condition');
    if (parent?.name === 'propertygroup' && !tag.selfClosing) {
      const conditions = [parent.condition, condition].filter((c): c is string => c !== undefined);
      open = { name: tag.name, condition: conditions.length > 0 ? conditions.join(' and ') : undefined, value: '', nested: false };
      continue;
    }
    if (!tag.selfClosing) stack.push({ name: lower, condition });
  }
  return { sdks, properties, frameworkReferences };
}
