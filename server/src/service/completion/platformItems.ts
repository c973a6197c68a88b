/** Completion of `FROM --platform=`: the BuildKit platform variables, then the platforms the chosen image is published for. */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import { platformOfArch } from '../hover/tagFacts';
import { TEXTS } from '../texts/texts';

/** Platforms offered when the image is unknown: what nearly every image has. */
const COMMON_PLATFORMS = ['linux/amd64', 'linux/arm64'];

function imagePlatforms(build: Build, stage: Stage | undefined): { platforms: string[]; known: boolean } {
  const facts = stage ? build.stage(stage).image : undefined;
  const tag = facts?.catalogTag;
  if (!tag) return { platforms: COMMON_PLATFORMS, known: false };
  const platforms = new Set<string>();
  for (const platform of tag.platform.split(',')) {
    for (const arch of tag.archs) platforms.add(platformOfArch(arch, platform === 'windows' ? 'windows' : 'linux'));
  }
  return { platforms: [...platforms], known: true };
}

export function platformCompletions(build: Build, stage: Stage | undefined, range: Range): CompletionItem[] {
  const variables: CompletionItem[] = [
    { label: '$BUILDPLATFORM', kind: CompletionItemKind.Variable, detail: 'the platform of the build machine', documentation: { kind: MarkupKind.Markdown, value: TEXTS.phrases.platformBuild }, sortText: '0', textEdit: { range, newText: '$BUILDPLATFORM' } },
    { label: '$TARGETPLATFORM', kind: CompletionItemKind.Variable, detail: 'the platform being built for', documentation: { kind: MarkupKind.Markdown, value: TEXTS.phrases.platformTarget }, sortText: '1', textEdit: { range, newText: '$TARGETPLATFORM' } },
  ];
  const { platforms, known } = imagePlatforms(build, stage);
  const detail = known && stage?.image ? `published for ${stage.image.text}` : 'a common platform';
  return [
    ...variables,
    ...platforms.map((platform, index) => ({
      label: platform,
      kind: CompletionItemKind.Constant,
      detail,
      documentation: { kind: MarkupKind.Markdown, value: known ? TEXTS.phrases.platformOfImage : detail },
      sortText: `2${String(index).padStart(2, '0')}`,
      textEdit: { range, newText: platform },
    })),
  ];
}
