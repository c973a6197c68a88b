// The fallback fix for a shell-less stage: the same image without the chiseled/distroless flavour.
// `10.0-noble-chiseled` → `10.0-noble`, `10.0-azurelinux3.0-distroless-amd64` → `10.0-azurelinux3.0-amd64`.
// Version, OS and arch are kept; a variant is kept where a full image of it exists (Alpine has `-extra`),
// and dropped where the full image already includes it (`-chiseled-extra` → full Ubuntu, which ships ICU).
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import type { Fix } from './editKit';

/** Switches the stage's root image to its sibling with a shell, if the catalog has one. */
export function switchToShellImage(build: Build, stage: Stage): Fix | undefined {
  const { model, context } = build;
  const stageFacts = build.stage(stage);
  const root = stageFacts.root;
  const facts = stageFacts.image;
  if (!root.image || !facts || !context.catalog) return undefined;
  const tag = root.image.tag;
  const parsed = facts.parsedTag;
  if (facts.kind !== 'dotnet' || facts.shell !== false || !tag || !parsed?.flavour || !facts.repositoryName) return undefined;
  // A tag built from an ARG is edited where the ARG is declared, which is not ours to guess.
  if (model.syntax.text.slice(tag.span.start, tag.span.end) !== tag.text) return undefined;

  const kept = parsed.segments.filter((segment) => segment.kind !== 'flavour');
  const variants = kept.filter((segment) => segment.kind === 'variant');
  for (const dropped of subsetsBySize(variants)) {
    const candidate = kept.filter((segment) => !dropped.includes(segment)).map((segment) => segment.text).join('-');
    const entry = context.catalog.tag(facts.repositoryName, candidate);
    if (!entry?.shell) continue;
    return {
      title: `Switch to ${facts.family ?? facts.repositoryName}:${candidate}, which has a shell`,
      edits: [{ start: tag.span.start, end: tag.span.end, newText: candidate }],
    };
  }
  return undefined;
}

/** Subsets of `items` to drop, fewest first: keep as much of the original tag as exists. */
function subsetsBySize<T>(items: readonly T[]): T[][] {
  const subsets: T[][] = [];
  for (let mask = 0; mask < 1 << items.length; mask++) subsets.push(items.filter((_, i) => mask & (1 << i)));
  return subsets.sort((a, b) => a.length - b.length);
}
