/**
 * The hover and completion texts, kept as data in catalog/docs/hover.json (one source, written in a small
 * markdown subset). This module is imported, not read at run time, so the bundler inlines the JSON and the
 * service stays free of I/O. Plain text is derived from the same markdown for clients that cannot render it.
 */
import data from './hover.json';

/** A text as stored: one string or an array of lines. */
type StoredText = string | readonly string[];

/** The texts, typed from the JSON itself so a missing key is a compile error. */
export const TEXTS = data;

function joinLines(text: StoredText): string {
  return typeof text === 'string' ? text : text.join('\n');
}

/** Fills `{name}` placeholders; unknown placeholders are left as written so a missing value is visible. */
export function fill(template: StoredText, values: Readonly<Record<string, string | number>> = {}): string {
  return joinLines(template).replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** Looks up a text by a key that comes from data (a family, an OS), where the key may be unknown. */
export function lookup(table: object, key: string): StoredText | undefined {
  const value: unknown = (table as Record<string, unknown>)[key];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value as string[];
  return undefined;
}

export interface FamilyText {
  readonly summary: string;
  readonly text: string;
}

/** The one-line summary and the full text of an image family (`sdk`, `aspnet`, ...). */
export function familyText(family: string | undefined): FamilyText | undefined {
  if (!family) return undefined;
  const entry: unknown = (TEXTS.families as Record<string, unknown>)[family];
  if (!entry || typeof entry !== 'object') return undefined;
  const { summary, text } = entry as { summary?: unknown; text?: unknown };
  if (typeof summary !== 'string') return undefined;
  const lines = Array.isArray(text) ? text.filter((line): line is string => typeof line === 'string') : typeof text === 'string' ? [text] : [];
  return { summary, text: lines.join('\n\n') };
}

/**
 * Markdown subset → plain text: `**bold**` and `` `code` `` lose their marks, `[text](url)` becomes `text (url)`,
 * list bullets and paragraphs stay as they are.
 */
export function toPlainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
}

/** Escapes text taken from the document so it renders literally inside markdown code spans. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
