/** Test helpers: the committed catalog, loaded the way the server loads it, and where the reference data is. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultReferenceDir } from '../../catalog/generateCatalog';
import type { CatalogIndex } from '../../server/src/service/catalog/catalogIndex';
import { loadCatalogFromJson } from '../../server/src/service/catalog/loadCatalog';

export const repoRoot = path.resolve(__dirname, '../..');
export const catalogFile = path.join(repoRoot, 'catalog', 'dotnet-images.json');
export const referenceDir = defaultReferenceDir(repoRoot);

let cached: CatalogIndex | undefined;

export function committedCatalogText(): string {
  return readFileSync(catalogFile, 'utf8');
}

/** The committed catalog's index; fails the test with the loader's message when the file is unusable. */
export function committedCatalog(): CatalogIndex {
  if (!cached) {
    const result = loadCatalogFromJson(committedCatalogText());
    if (!result.ok) throw new Error(result.error);
    cached = result.index;
  }
  return cached;
}
