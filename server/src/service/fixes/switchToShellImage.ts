// The fallback fix for a shell-less stage: the same image without the chiseled/distroless flavour.
// `10.0-noble-chiseled` → `10.0-noble`, `10.0-azurelinux3.0-distroless-amd64` → `10.0-azurelinux3.0-amd64`.
// Version, OS and arch are kept; a variant is kept where a full image of it exists (Alpine has `-extra`),
// and dropped where the full image already includes it (`-chiseled-extra` → full Ubuntu, which ships ICU).
import type { ServiceContext } from '../context';
import { describeImageCached } from '../images/imageFacts';
import type { DockerfileModel } from '../document/model';
import { stageLineage } from '../document/stageFacts';
import type { Stage } from '../document/stages';
import { QUICK_FIX, type Fix } from './actionKit';

/** Switches the stage's root image to its sibling with a shell, if the catalog has one. */
export function switchToShellImage(context: ServiceContext, model: DockerfileModel, stage: Stage): Fix | undefined {
  const lineage = stageLineage(model, stage);
  const root = lineage[lineage.length - 1];
  if (!root || root.parent || !root.image || !context.catalog) return undefined;
  const facts = describeImageCached(root.image, context.catalog);
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
      kind: QUICK_FIX,
      edits: [{ start: tag.span.start, end: tag.span.end, newText: candidate }],
      preferred: false,
      safe: false,
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
