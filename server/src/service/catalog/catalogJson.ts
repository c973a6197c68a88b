/**
 * Serialises the catalog for git: top-level keys one per line, each array element (a tag, a pattern, ...)
 * on its own line, so a regeneration shows up as a readable line diff. Key order is the object's own.
 */
import type { Catalog } from './schema';

export function formatCatalogJson(catalog: Catalog): string {
  const fields = Object.entries(catalog).map(([key, value]) => {
    const name = JSON.stringify(key);
    if (!Array.isArray(value)) return `  ${name}: ${JSON.stringify(value)}`;
    if (value.length === 0) return `  ${name}: []`;
    const items = value.map((item: unknown) => `    ${JSON.stringify(item)}`).join(',\n');
    return `  ${name}: [\n${items}\n  ]`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}
