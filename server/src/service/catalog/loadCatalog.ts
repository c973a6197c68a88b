/**
 * Loads catalog/dotnet-images.json text into a queryable index. Pure: the caller reads the file.
 * A corrupt or stale file is reported with what to do, never trusted and never thrown.
 */
import { catalogSchema, validateCatalog, type Catalog } from './schema';
import { createCatalogIndex, type CatalogIndex } from './catalogIndex';
import { compileSchemaCheck, UnsupportedSchemaError } from './schemaCheck';

export type LoadCatalogResult = { readonly ok: true; readonly index: CatalogIndex } | { readonly ok: false; readonly error: string };

const REGENERATE = 'regenerate it with `npm run catalog`';

/** The fast check compiled from the zod schema; null when the schema uses something it cannot model (then zod does it all). */
let fastCheck: ((value: unknown) => value is Catalog) | null | undefined;

function catalogCheck(): ((value: unknown) => value is Catalog) | null {
  if (fastCheck === undefined) {
    try {
      fastCheck = compileSchemaCheck(catalogSchema);
    } catch (error) {
      if (!(error instanceof UnsupportedSchemaError)) throw error;
      fastCheck = null;
    }
  }
  return fastCheck;
}

/** Validates like `validateCatalog`, but answers an intact catalog without zod's per-value cost. */
function validate(data: unknown): { ok: true; catalog: Catalog } | { ok: false; error: string } {
  const check = catalogCheck();
  if (check?.(data)) return { ok: true, catalog: data };
  return validateCatalog(data);
}

/** Parses and validates the catalog JSON and indexes it. */
export function loadCatalogFromJson(text: string): LoadCatalogResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `the .NET image catalog (catalog/dotnet-images.json) is not valid JSON (${detail}); ${REGENERATE}` };
  }
  const result = validate(data);
  if (!result.ok) return { ok: false, error: `the .NET image catalog (catalog/dotnet-images.json) is unusable: ${result.error}; ${REGENERATE}` };
  try {
    return { ok: true, index: createCatalogIndex(result.catalog) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `the .NET image catalog (catalog/dotnet-images.json) cannot be indexed (${detail}); ${REGENERATE}` };
  }
}
