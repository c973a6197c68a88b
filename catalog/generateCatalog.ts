/**
 * Reads catalog/reference, builds and validates the catalog, and writes catalog/dotnet-images.json atomically
 * (temp file + rename, so a reader never sees half a file). Used by catalog/build.ts and by the test that
 * proves the committed file is current.
 */
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildCatalog } from './buildCatalog';
import { formatCatalogJson } from '../server/src/service/catalog/catalogJson';
import { readReferenceData } from './referenceData';
import { validateCatalog, type Catalog } from '../server/src/service/catalog/schema';

/** Where the reference data is: `catalog/reference` in the repository, or $DOTNET_DOCKERFILE_REFERENCE. */
export function defaultReferenceDir(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env['DOTNET_DOCKERFILE_REFERENCE'] || path.resolve(repoRoot, 'catalog', 'reference');
}

/** Builds the catalog and its file text; throws when the data or the result is wrong. */
export function generateCatalog(referenceDir: string): { catalog: Catalog; text: string } {
  const built = buildCatalog(readReferenceData(referenceDir));
  const checked = validateCatalog(built);
  if (!checked.ok) throw new Error(`the generated catalog is invalid: ${checked.error}`);
  return { catalog: checked.catalog, text: formatCatalogJson(built) };
}

/** Generates the catalog into `outFile`. */
export function generateCatalogFile(referenceDir: string, outFile: string): { catalog: Catalog; text: string } {
  const result = generateCatalog(referenceDir);
  const temp = path.join(path.dirname(outFile), `.${path.basename(outFile)}.${process.pid}.tmp`);
  writeFileSync(temp, result.text);
  renameSync(temp, outFile);
  return result;
}
