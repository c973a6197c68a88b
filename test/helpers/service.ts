/**
 * The service as tests use it: the real generated catalog (loaded once per test process) and a fixed clock.
 * `TODAY` is after 2026-11-10, so 8.0 and 9.0 are past end of life, as they are for users today.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createDotnetDockerfileService, type DotnetDockerfileService } from '../../server/src/service';
import { loadCatalogFromJson } from '../../server/src/service/catalog/loadCatalog';
import type { CatalogIndex } from '../../server/src/service/catalog/catalogIndex';
import type { Snippets } from '../../server/src/service/context';

export const TODAY = '2026-11-22';
export const catalogPath = path.resolve(__dirname, '..', '..', 'catalog', 'dotnet-images.json');

let cached: CatalogIndex | undefined;
let snippets: Snippets | undefined;

/** The starter Dockerfiles the server hands the service (snippets/dockerfile.json). */
export function starterSnippets(): Snippets {
  return (snippets ??= JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'snippets', 'dockerfile.json'), 'utf8')) as Snippets);
}

/** The committed catalog, validated through the same schema the server uses. */
export function realCatalog(): CatalogIndex {
  if (!cached) {
    const loaded = loadCatalogFromJson(readFileSync(catalogPath, 'utf8'));
    if (!loaded.ok) throw new Error(loaded.error);
    cached = loaded.index;
  }
  return cached;
}

export function testService(options: { today?: string; catalog?: CatalogIndex | undefined } = {}): DotnetDockerfileService {
  const catalog = 'catalog' in options ? options.catalog : realCatalog();
  return createDotnetDockerfileService({ catalog, today: () => options.today ?? TODAY, snippets: starterSnippets() });
}
