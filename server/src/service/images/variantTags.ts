/**
 * The same tag with one more variant (`10.0-noble` → `10.0-noble-aot`, `8.0.11-jammy-chiseled` → `…-chiseled-extra`),
 * written where the tag grammar puts variants (before the architecture), if the catalog says it is published: as a
 * current tag, or as the shape of a fixed tag of that version.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { ImageFacts } from './imageFacts';
import type { Variant } from '../catalog/schema';

export function tagWithVariant(catalog: CatalogIndex, image: ImageFacts, variant: Variant): string | undefined {
  const parsed = image.parsedTag;
  const repository = image.repositoryName;
  if (!parsed || !repository || parsed.variants.some((v) => v.value === variant)) return undefined;
  const parts = parsed.segments.filter((s) => s.kind !== 'arch').map((s) => s.text);
  const tag = [...parts, variant, ...(parsed.arch ? [parsed.arch.text] : [])].join('-');
  if (catalog.tag(repository, tag)) return tag;
  const version = parsed.version;
  if (version?.kind === 'fixed' && version.majorMinor) {
    const versionEnd = parsed.revision?.end ?? version.end;
    if (catalog.fixedPattern(repository, version.majorMinor, tag.slice(versionEnd))?.current) return tag;
  }
  return undefined;
}
