/**
 * npm run catalog: regenerates catalog/dotnet-images.json from catalog/reference
 * (or $DOTNET_DOCKERFILE_REFERENCE) and prints what it holds.
 */
import path from 'node:path';
import { defaultReferenceDir, generateCatalogFile } from './generateCatalog';

const repoRoot = path.resolve(__dirname, '..');
const referenceDir = defaultReferenceDir(repoRoot);
const outFile = path.join(repoRoot, 'catalog', 'dotnet-images.json');

try {
  const { catalog, text } = generateCatalogFile(referenceDir, outFile);
  const count = (nightly: boolean): number =>
    catalog.tags.filter((tag) => tag.repository.startsWith('dotnet/nightly/') === nightly).length;
  console.log(`wrote ${path.relative(process.cwd(), outFile)} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB) from ${referenceDir}`);
  console.log(`  date ${catalog.date}; ${catalog.repositories.length} repositories, ${catalog.versions.length} versions`);
  console.log(`  tags: ${count(false)} main + ${count(true)} nightly = ${catalog.tags.length}`);
  console.log(`  past tags: ${catalog.pastTags.length}; fixed patterns: ${catalog.fixedPatterns.length}; retired repositories: ${catalog.retiredRepositories.length}`);
} catch (error) {
  console.error(`npm run catalog failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
