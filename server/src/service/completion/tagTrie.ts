/**
 * The completion index: one segment trie per repository (version → OS → flavour/variants → arch), built
 * from the catalog the first time a repository is completed and cached per catalog instance. Completion
 * then walks a handful of nodes; nothing on the typing path looks at the whole catalog.
 *
 * Segments are the tag grammar's, not dash-separated words: `11.0-preview`, `bookworm-slim` and
 * `nanoserver-ltsc2022` are one segment each, so a person picks them in one step.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogRepository, CatalogTag } from '../catalog/schema';
import { parseTag, type TagSegmentKind } from '../catalog/tagGrammar';

export interface TagNode {
  /** The segment this node adds (`noble`); empty for the root. */
  readonly segment: string;
  readonly kind: TagSegmentKind | 'root';
  /** The tag text up to and including this segment (`10.0-noble`). */
  readonly path: string;
  readonly parent: TagNode | undefined;
  readonly children: Map<string, TagNode>;
  /** The catalog tag spelled exactly by `path`, when there is one. */
  tag: CatalogTag | undefined;
  /** Some tag at or below this node, for facts every tag below shares (version, OS, shell). */
  sample: CatalogTag;
  /** How many catalog tags are at or below this node. */
  count: number;
}

export interface RepositoryTrie {
  readonly repository: CatalogRepository;
  readonly root: TagNode;
}

export interface CompletionIndex {
  readonly catalog: CatalogIndex;
  /** The trie of a repository (`dotnet/aspnet`), built on first use; undefined when the repository has no tags. */
  trie(repositoryName: string): RepositoryTrie | undefined;
}

function createNode(segment: string, kind: TagNode['kind'], parent: TagNode | undefined, sample: CatalogTag): TagNode {
  const path = parent && parent.path ? `${parent.path}-${segment}` : segment;
  return { segment, kind, path, parent, children: new Map(), tag: undefined, sample, count: 0 };
}

/** Builds the trie of one repository from its tags (a few hundred at most). */
export function buildRepositoryTrie(repository: CatalogRepository, tags: readonly CatalogTag[]): RepositoryTrie | undefined {
  const first = tags[0];
  if (!first) return undefined;
  const root = createNode('', 'root', undefined, first);
  for (const tag of tags) {
    let node = root;
    node.count++;
    for (const segment of parseTag(tag.tag).segments) {
      let child = node.children.get(segment.text);
      if (!child) {
        child = createNode(segment.text, segment.kind, node, tag);
        node.children.set(segment.text, child);
      }
      child.count++;
      node = child;
    }
    node.tag = tag;
    // Prefer the tag itself as the sample, so facts of a node that is a tag are that tag's.
    node.sample = tag;
  }
  return { repository, root };
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const indexes = new WeakMap<CatalogIndex, CompletionIndex>();

/** The completion index of a catalog: created once per catalog instance, tries filled lazily. */
export function completionIndex(catalog: CatalogIndex): CompletionIndex {
  const cached = indexes.get(catalog);
  if (cached) return cached;
  const tries = new Map<string, RepositoryTrie | undefined>();
  const index: CompletionIndex = {
    catalog,
    trie(repositoryName) {
      if (tries.has(repositoryName)) return tries.get(repositoryName);
      const repository = catalog.repository(repositoryName);
      const trie = repository ? buildRepositoryTrie(repository, catalog.tags(repositoryName)) : undefined;
      tries.set(repositoryName, trie);
      return trie;
    },
  };
  indexes.set(catalog, index);
  return index;
}

/** Where the segment being typed starts, and under which node it continues. */
export interface TagPosition {
  /** The node whose children the segment being typed chooses among. */
  readonly parent: TagNode;
  /** Offset in the typed tag text where the segment starts. */
  readonly start: number;
  /** What is typed of the segment so far (may contain `-` for multi-word segments). */
  readonly partial: string;
}

/**
 * Every way the typed tag text can be read as complete segments followed by a partial one. Usually one;
 * more when a complete segment is also the start of a longer one.
 */
export function locateTagPrefix(root: TagNode, typed: string): TagPosition[] {
  const found: TagPosition[] = [];
  const visit = (node: TagNode, offset: number, depth: number): void => {
    const rest = typed.slice(offset);
    found.push({ parent: node, start: offset, partial: rest });
    if (depth > 16) return; // tags have at most ~8 segments; a guard against pathological input
    for (const child of node.children.values()) {
      if (rest.length > child.segment.length && rest.startsWith(child.segment) && rest[child.segment.length] === '-') {
        visit(child, offset + child.segment.length + 1, depth + 1);
      }
    }
  };
  visit(root, 0, 0);
  return found;
}

/** The node spelled exactly by `text`, if any (a catalog tag or a prefix of one at a segment boundary). */
export function nodeAt(root: TagNode, text: string): TagNode | undefined {
  if (text === '') return root;
  for (const position of locateTagPrefix(root, text)) {
    const node = position.parent.children.get(position.partial);
    if (node) return node;
  }
  return undefined;
}
