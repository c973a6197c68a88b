/**
 * Completion of an image reference being typed: `mcr.microsoft.com/dotnet/`, then the repositories, then the
 * tag segment by segment; earlier stage names where a stage may be named (FROM, COPY --from, --mount from=).
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { parseTag } from '../catalog/tagGrammar';
import { familyText, fill, TEXTS } from '../texts/texts';
import { mcrPageUrl } from '../hover/tagFacts';
import { familyRank, type Intent } from './intent';
import { isTagPath, tagChoices, tagItem, TRIGGER_SUGGEST } from './tagItems';
import { completionIndex } from './tagTrie';

/** An image reference around the cursor, as completion sees it. */
export interface ImageWord {
  /** The reference text before the cursor with variables resolved; may start with text that is not in the document (an ARG's use in a FROM). */
  readonly before: string;
  /** Index in `before` from which the text is the document's own, running up to the cursor. Edits may only start there. */
  readonly literalStart: number;
  /** The document text after the cursor, to the end of the word. */
  readonly after: string;
  /** Text that follows the word in the reference it ends up in (an ARG default used as `:${TAG}-noble`); '' otherwise. */
  readonly suffix: string;
  /** The document offset of the cursor. */
  readonly cursor: number;
}

export interface StageChoice {
  readonly name: string;
  readonly detail: string;
}

export interface ImageCompletionOptions {
  readonly intent: Intent;
  /** Earlier stages that may be named here instead of an image (worked out only for a word that could be one). */
  readonly stages: () => readonly StageChoice[];
  /** COPY --from and --mount from= name stages far more often than images. */
  readonly stagesFirst: boolean;
}

export const DOTNET_PREFIX = 'mcr.microsoft.com/dotnet/';

function rangeMapper(model: DockerfileModel, word: ImageWord): (start: number, end: number) => Range | undefined {
  return (start, end) => {
    if (start < word.literalStart) return undefined;
    const docStart = word.cursor + (start - word.before.length);
    const docEnd = word.cursor + (end - word.before.length);
    return model.rangeOf({ start: docStart, end: docEnd });
  };
}

function stageItems(word: ImageWord, options: ImageCompletionOptions, toRange: (s: number, e: number) => Range | undefined): CompletionItem[] {
  const typed = word.before.toLowerCase();
  if (/[/:@]/.test(typed)) return [];
  const range = toRange(0, word.before.length + word.after.length);
  if (!range) return [];
  return options
    .stages()
    .filter((stage) => stage.name.toLowerCase().startsWith(typed))
    .map((stage, index) => ({
      label: stage.name,
      kind: CompletionItemKind.Reference,
      detail: stage.detail,
      sortText: `${options.stagesFirst ? 0 : 3}${String(index).padStart(3, '0')}`,
      filterText: stage.name,
      textEdit: { range, newText: stage.name },
    }));
}

function repositoryDocumentation(catalog: CatalogIndex, name: string, family: string, nightly: boolean): string {
  const parts: string[] = [];
  const text = familyText(family);
  if (text) parts.push(text.text);
  if (nightly) parts.push(TEXTS.registry.nightly);
  parts.push(fill(TEXTS.registry.page, { name: `${catalog.registry}/${name}`, url: mcrPageUrl(name) }));
  return parts.join('\n\n');
}

function nameItems(context: ServiceContext, word: ImageWord, options: ImageCompletionOptions, toRange: (s: number, e: number) => Range | undefined): CompletionItem[] {
  const catalog = context.catalog;
  const typed = word.before.toLowerCase();
  const items: CompletionItem[] = [];
  const nameLength = word.after.search(/[:@]/);
  const nameEnd = word.before.length + (nameLength < 0 ? word.after.length : nameLength);
  const tagFollows = nameLength >= 0 && word.after[nameLength] === ':';
  const repositoryItem = (label: string, start: number, repositoryName: string, family: string, nightly: boolean, filterText: string): CompletionItem | undefined => {
    const range = toRange(start, nameEnd);
    if (!range || !catalog) return undefined;
    const newText = tagFollows ? label : `${label}:`;
    const summary = familyText(family)?.summary ?? family;
    return {
      label,
      kind: CompletionItemKind.Module,
      detail: nightly ? `${summary} (nightly)` : summary,
      documentation: { kind: MarkupKind.Markdown, value: repositoryDocumentation(catalog, repositoryName, family, nightly) },
      sortText: `2${String(familyRank(family, nightly, options.intent)).padStart(3, '0')}${label}`,
      filterText,
      textEdit: { range, newText },
      ...(tagFollows ? {} : { command: TRIGGER_SUGGEST }),
    };
  };

  if (typed.startsWith(DOTNET_PREFIX)) {
    const rest = typed.slice(DOTNET_PREFIX.length);
    for (const repository of catalog?.repositories() ?? []) {
      const relative = repository.name.slice('dotnet/'.length);
      if (!repository.name.startsWith('dotnet/') || !relative.startsWith(rest)) continue;
      const item = repositoryItem(relative, DOTNET_PREFIX.length, repository.name, repository.family, repository.nightly, relative);
      if (item) items.push(item);
    }
    return items;
  }
  if (DOTNET_PREFIX.startsWith(typed) && catalog) {
    const range = toRange(0, word.before.length);
    if (range) {
      items.push({
        label: DOTNET_PREFIX,
        kind: CompletionItemKind.Folder,
        detail: 'Official .NET images on Microsoft Artifact Registry',
        documentation: { kind: MarkupKind.Markdown, value: fill(TEXTS.registry.dotnetPrefix) },
        sortText: '1',
        filterText: DOTNET_PREFIX,
        textEdit: { range, newText: DOTNET_PREFIX },
        command: TRIGGER_SUGGEST,
      });
    }
  }
  // Typing `aspnet` where an image goes: offer the full name, matched on the short one.
  if (typed && !typed.includes('/') && !DOTNET_PREFIX.startsWith(typed)) {
    for (const repository of catalog?.repositories() ?? []) {
      const relative = repository.name.slice('dotnet/'.length);
      if (!relative.startsWith(typed)) continue;
      const item = repositoryItem(`${DOTNET_PREFIX}${relative}`, 0, repository.name, repository.family, repository.nightly, relative);
      if (item) items.push(item);
    }
  }
  return items;
}

function tagItems(context: ServiceContext, word: ImageWord, options: ImageCompletionOptions, colon: number, toRange: (s: number, e: number) => Range | undefined): CompletionItem[] {
  const catalog = context.catalog;
  if (!catalog) return [];
  const name = word.before.slice(0, colon).toLowerCase();
  if (!name.startsWith(DOTNET_PREFIX)) return [];
  const trie = completionIndex(catalog).trie(name.slice('mcr.microsoft.com/'.length));
  if (!trie) return [];

  const typed = word.before.slice(colon + 1);
  const tagAfter = /^[^@\s$]*/.exec(word.after)?.[0] ?? '';
  const tagText = typed + tagAfter;
  // Replace the whole segment under the cursor, also when it is a multi-word one (`nanoserver-ltsc2022`).
  let end = typed.length + (/^[^-@\s$]*/.exec(tagAfter)?.[0].length ?? 0);
  if (tagAfter) {
    const under = parseTag(tagText).segments.find((segment) => segment.start < typed.length && typed.length < segment.end);
    if (under && under.end > end) end = under.end;
  }
  const rest = tagText.slice(end) + word.suffix;
  const atEnd = rest === '';

  let choices = tagChoices(trie, typed, atEnd, options.intent, catalog, context.today);
  if (!atEnd && !rest.includes('$')) {
    // Keep only alternatives that still spell an existing tag with what follows; all of them if none does.
    const fitting = choices.filter((choice) => isTagPath(trie, typed.slice(0, choice.start) + choice.text + rest));
    if (fitting.length > 0) choices = fitting;
  }
  const base = colon + 1;
  const items: CompletionItem[] = [];
  for (const choice of choices) {
    const range = toRange(base + choice.start, base + end);
    if (range) items.push(tagItem(choice, range, trie, catalog, context.today));
  }
  return items;
}

/** Completion items for the image reference described by `word`. */
export function imageCompletions(context: ServiceContext, model: DockerfileModel, word: ImageWord, options: ImageCompletionOptions): CompletionItem[] {
  const toRange = rangeMapper(model, word);
  if (word.before.includes('@')) return []; // a digest: nothing to suggest
  const lastSlash = word.before.lastIndexOf('/');
  const colon = word.before.indexOf(':', lastSlash + 1);
  // A `host:port/` registry has its colon before the last slash, so this colon starts the tag.
  if (colon >= 0) return tagItems(context, word, options, colon, toRange);
  return [...stageItems(word, options, toRange), ...nameItems(context, word, options, toRange)];
}
