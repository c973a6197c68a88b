/**
 * Reads a catalog file for the server and the CLI: the compact form (what ships, and what a refresh writes to
 * the cache) is opened without parsing or checking its records (they were checked when it was written); a JSON
 * catalog (catalog/dotnet-images.json, a catalog a test or DOTNET_DOCKERFILE_CATALOG names, a cache an older
 * version wrote) goes through the schema. The pure service only sees the index.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isCompactCatalog, openCompactCatalog } from '../service/catalog/compactCatalog';
import type { CatalogIndex } from '../service/catalog/catalogIndex';

type LoadCatalogModule = typeof import('../service/catalog/loadCatalog.js');

/** The compact catalog the build writes beside the server and CLI bundles (scripts/bundles.mjs). */
export const BUNDLED_CATALOG_FILE = 'dotnet-images.catalog';

/** The catalog shipped with the extension: `dist/dotnet-images.catalog`, beside this bundle; DOTNET_DOCKERFILE_CATALOG overrides it. */
export function bundledCatalogPath(): string {
  return process.env.DOTNET_DOCKERFILE_CATALOG ?? path.join(__dirname, BUNDLED_CATALOG_FILE);
}

export type CatalogLoad = { ok: true; index: CatalogIndex; path: string } | { ok: false; error: string; path: string };

/** Opens catalog bytes of either form; `file` names them in messages. */
export function catalogFromBytes(bytes: Buffer, file: string): CatalogLoad {
  if (isCompactCatalog(bytes)) {
    const opened = openCompactCatalog(bytes);
    return opened.ok ? { ok: true, index: opened.index, path: file } : { ok: false, path: file, error: `${file}: ${opened.error}` };
  }
  // The JSON catalog needs zod and the schema: required here, so that they stay off the server's start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require: see above
  const { loadCatalogFromJson } = require('../service/catalog/loadCatalog.js') as LoadCatalogModule;
  const result = loadCatalogFromJson(bytes.toString('utf8'));
  return result.ok ? { ok: true, index: result.index, path: file } : { ok: false, path: file, error: `${file}: ${result.error}` };
}

export function loadCatalogFile(file: string = bundledCatalogPath()): CatalogLoad {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, path: file, error: `cannot read the .NET image catalog at ${file} (${reason}); reinstall the extension, or run \`npm run build\` in a checkout` };
  }
  return catalogFromBytes(bytes, file);
}
