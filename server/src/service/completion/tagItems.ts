/**
 * Completion items for the tag of a .NET image, one segment at a time: the alternatives for the segment
 * being typed and, when the cursor sits right after a complete segment, that segment followed by each
 * possible next one (`10.0` → `10.0-noble`, `10.0-alpine`, ...). Only paths of the trie are offered, so
 * every item leads to a tag that exists.
 */
import { CompletionItemKind, CompletionItemTag, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogTag } from '../catalog/schema';
import { carriesDotnetVersion, osName, osText, supportOf, supportSentence, tagDetail, type Support } from '../hover/tagFacts';
import { code, fill, lookup, TEXTS } from '../texts/texts';
import type { Intent } from './intent';
import { locateTagPrefix, nodeAt, type RepositoryTrie, type TagNode } from './tagTrie';

/** A completion choice before it is mapped to document ranges: replace `[start, end)` of the typed tag with `text`. */
export interface TagChoice {
  readonly node: TagNode;
  readonly text: string;
  readonly start: number;
  readonly sortText: string;
}

export const TRIGGER_SUGGEST = { title: 'Suggest the next part', command: 'editor.action.triggerSuggest' } as const;

const OS_FAMILY_ORDER = ['ubuntu', 'alpine', 'azurelinux', 'debian', 'cbl-mariner', 'nanoserver', 'windowsservercore'];
const VARIANT_ORDER = ['composite', 'extra', 'aot'];
const ARCH_ORDER = ['amd64', 'arm64v8', 'arm32v7'];

function pad(value: number, width = 4): string {
  return String(Math.max(0, Math.min(value, 10 ** width - 1))).padStart(width, '0');
}

/** Supported → preview → end of life; within a group newest first. */
function versionSortKey(node: TagNode, support: Support | undefined, intent: Intent): string {
  const tag = node.sample;
  const kind = tag.versionKind;
  const fixed = kind === 'fixed';
  const eol = support?.status === 'eol';
  const preview = support?.status === 'preview' || /-(?:preview|rc|alpha|beta)/.test(node.segment);
  let group: number;
  if (intent.preferredVersion && tag.version === intent.preferredVersion && !eol && kind !== 'latest') group = fixed ? 1 : 0;
  else if (kind === 'latest') group = 4;
  else if (eol) group = fixed ? 8 : 7;
  else if (preview) group = fixed ? 6 : 3;
  else if (kind === 'sample') group = 2;
  else group = fixed ? 5 : 2;
  const [major = 0, minor = 0, patch = 0] = node.segment.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  // Newest first: invert the numbers.
  return `${group}${pad(999 - major, 3)}${pad(999 - minor, 3)}${pad(9999 - patch)}${node.segment}`;
}

function tailSortKey(node: TagNode, parent: TagNode, intent: Intent): string {
  const segment = node.segment;
  switch (node.kind) {
    case 'os': {
      const isDefault = parent.tag?.osInTag === '' && parent.tag.os === node.sample.os;
      const name = osName(segment);
      const family = OS_FAMILY_ORDER.indexOf(name.family ?? '');
      // Newer releases first (alpine3.24 before alpine3.23, Ubuntu 26.04 before 24.04): invert the digits.
      const release = name.floating ? '' : name.short.replace(/\D+/g, '');
      const inverted = release.split('').map((d) => String(9 - Number(d))).join('');
      return `1${isDefault ? 0 : 1}${pad(family < 0 ? 99 : family, 2)}${name.floating ? 0 : 1}${inverted.padEnd(8, '9')}${segment}`;
    }
    case 'flavour':
      return `${intent.role === 'final' ? 0 : 2}${segment}`;
    case 'variant':
      // An AOT project's build stage wants the SDK's native toolchain before anything else.
      if (segment === 'aot' && intent.prefersAot) return `0${segment}`;
      return `3${VARIANT_ORDER.indexOf(segment)}${segment}`;
    case 'arch':
      return `4${ARCH_ORDER.indexOf(segment)}${segment}`;
    default:
      return `5${segment}`;
  }
}

/** The markdown that explains the segment a node adds. */
function segmentText(node: TagNode, repositoryName: string, support: Support | undefined, catalog: CatalogIndex): string | undefined {
  const sample = node.sample;
  switch (node.kind) {
    case 'version': {
      const parts: string[] = [];
      if (support) parts.push(supportSentence(support, catalog));
      const kindText = sample.versionKind === 'latest' ? TEXTS.versionKinds.latest : lookup(TEXTS.versionKinds, sample.versionKind);
      // A floating major (`monitor:10`) follows the major version, not the major.minor of its current image.
      const followed = sample.versionKind === 'floating-major' ? (node.segment.split('-')[0] ?? sample.version) : sample.version;
      if (kindText) parts.push(fill(kindText, { version: followed }));
      if (support?.status === 'preview') parts.push(fill(TEXTS.versionKinds.preview, { version: sample.version }));
      return parts.join('\n\n');
    }
    case 'os':
      return osText(node.segment) ?? osText(sample.os);
    case 'flavour': {
      const text = lookup(TEXTS.flavours, node.segment);
      return text ? fill(text) : undefined;
    }
    case 'variant': {
      if (node.segment === 'aot' && !repositoryName.endsWith('sdk')) return TEXTS.variants.aotAlias;
      const text = lookup(TEXTS.variants, node.segment);
      return text ? fill(text) : undefined;
    }
    case 'arch': {
      const text = lookup(TEXTS.arches, node.segment);
      return text ? fill(text) : undefined;
    }
    default:
      return undefined;
  }
}

interface NodeTexts {
  readonly today: string;
  readonly support: Support | undefined;
  readonly detail: string;
  readonly documentation: string;
}

/** Texts depend on the node and today only: cache them per node. */
// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog's tag nodes, which live as long as the catalog
const textCache = new WeakMap<TagNode, NodeTexts>();

function nodeTexts(node: TagNode, trie: RepositoryTrie, catalog: CatalogIndex, today: string): NodeTexts {
  const cached = textCache.get(node);
  if (cached && cached.today === today) return cached;
  const sample: CatalogTag = node.tag ?? node.sample;
  const kind = trie.repository.kind;
  const support = carriesDotnetVersion(kind) && /^\d+\.\d+$/.test(sample.version) ? supportOf(catalog, sample.version, today) : undefined;
  let detail = tagDetail(sample, support, kind, { partial: !node.tag });
  if (!node.tag) detail += ` · ${TEXTS.phrases.pickMore}`;
  const reference = `${catalog.registry}/${trie.repository.name}:${node.path}`;
  const segment = segmentText(node, trie.repository.name, support, catalog);
  const documentation = [segment, code(reference)].filter((part): part is string => !!part).join('\n\n');
  const texts: NodeTexts = { today, support, detail, documentation };
  textCache.set(node, texts);
  return texts;
}

/**
 * The choices for a typed tag (`typed` = the tag text before the cursor). `atEnd` is false when more of the
 * tag follows the cursor: then only the segment under the cursor is replaced, never extended.
 */
export function tagChoices(trie: RepositoryTrie, typed: string, atEnd: boolean, intent: Intent, catalog: CatalogIndex, today: string): TagChoice[] {
  const choices = new Map<string, TagChoice>();
  const add = (choice: TagChoice): void => {
    const key = `${choice.start}\u0000${choice.text}`;
    if (!choices.has(key)) choices.set(key, choice);
  };
  for (const position of locateTagPrefix(trie.root, typed)) {
    const partial = position.partial.toLowerCase();
    for (const child of position.parent.children.values()) {
      if (!child.segment.startsWith(partial)) continue;
      const exact = child.segment === partial;
      const key = position.parent === trie.root ? versionSortKey(child, nodeTexts(child, trie, catalog, today).support, intent) : tailSortKey(child, position.parent, intent);
      // The exact segment first, then its continuations, then the other alternatives.
      add({ node: child, text: child.segment, start: position.start, sortText: `${exact ? 0 : 2}${key}` });
      if (!exact || !atEnd) continue;
      for (const next of child.children.values()) {
        add({ node: next, text: `${child.segment}-${next.segment}`, start: position.start, sortText: `1${tailSortKey(next, child, intent)}` });
      }
    }
  }
  return [...choices.values()];
}

/** True when `text` spells a node of the trie (a tag, or a prefix of one at a segment boundary). */
export function isTagPath(trie: RepositoryTrie, text: string): boolean {
  return nodeAt(trie.root, text) !== undefined;
}

/** Turns a choice into an LSP item; `range` is already in document coordinates. */
export function tagItem(choice: TagChoice, range: Range, trie: RepositoryTrie, catalog: CatalogIndex, today: string): CompletionItem {
  const texts = nodeTexts(choice.node, trie, catalog, today);
  const item: CompletionItem = {
    label: choice.text,
    kind: choice.node.kind === 'version' ? CompletionItemKind.Constant : CompletionItemKind.EnumMember,
    detail: texts.detail,
    documentation: { kind: MarkupKind.Markdown, value: texts.documentation },
    sortText: choice.sortText,
    filterText: choice.text,
    textEdit: { range, newText: choice.text },
  };
  if (texts.support?.status === 'eol') {
    item.tags = [CompletionItemTag.Deprecated];
    item.deprecated = true;
  }
  if (choice.node.children.size > 0) item.command = TRIGGER_SUGGEST;
  return item;
}
