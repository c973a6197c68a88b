/**
 * Writes the compact catalog the server and the CLI read (dist/dotnet-images.catalog) from the reviewable source,
 * catalog/dotnet-images.json: validated through the schema and proven to read back as the same catalog
 * (server/src/service/catalog/compactCatalogWriter.ts). scripts/bundles.mjs runs it on every build.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../server/src/host/io/atomicWrite';
import { compactCatalogFrom } from '../server/src/service/catalog/compactCatalogWriter';

export function writeCompactCatalog(jsonFile: string, outFile: string): { bytes: number; sourceBytes: number; tags: number } {
  const text = readFileSync(jsonFile, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${jsonFile} is not valid JSON (${error instanceof Error ? error.message : String(error)}); regenerate it with \`npm run catalog\``, { cause: error });
  }
  const compact = compactCatalogFrom(data);
  if (!compact.ok) throw new Error(`${jsonFile} cannot be shipped: ${compact.error}; regenerate it with \`npm run catalog\``);
  writeFileAtomic(outFile, compact.bytes, { createFolder: true });
  return { bytes: compact.bytes.length, sourceBytes: Buffer.byteLength(text), tags: compact.catalog.tags.length };
}
