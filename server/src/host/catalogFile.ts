/** Reads the catalog file from disk for the server and the CLI; the pure service only sees the validated result. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogFromJson } from '../service/catalog/loadCatalog';
import type { CatalogIndex } from '../service/catalog/catalogIndex';

/** The catalog shipped with the extension: `<package root>/catalog/dotnet-images.json` (dist/ is one level below the root). */
export function bundledCatalogPath(): string {
  return process.env.DOTNET_DOCKERFILE_CATALOG ?? path.resolve(__dirname, '..', 'catalog', 'dotnet-images.json');
}

export type CatalogLoad = { ok: true; index: CatalogIndex; path: string } | { ok: false; error: string; path: string };

export function loadCatalogFile(file: string = bundledCatalogPath()): CatalogLoad {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, path: file, error: `cannot read the .NET image catalog at ${file} (${reason}); reinstall the extension or run \`npm run catalog\`` };
  }
  const result = loadCatalogFromJson(text);
  return result.ok ? { ok: true, index: result.index, path: file } : { ok: false, path: file, error: `${file}: ${result.error}` };
}
