/**
 * Writes the compact catalog (compactCatalog.ts says the layout): at build time from catalog/dotnet-images.json,
 * and by a refresh for the cache. This is where the catalog is validated, so that a start never has to: the data
 * goes through the zod schema, is encoded, opened again and compared whole with what went in; only bytes that
 * read back as exactly the catalog given are returned. Pure: the caller writes the bytes.
 */
import { RECORD_KINDS, type CatalogRecord, type RecordKind } from './catalogIndex';
import { COMPACT_MAGIC, openCompactCatalog, RECORD_FIELDS, type CompactHeader, type SectionRanges } from './compactCatalog';
import { formatCatalogJson } from './catalogJson';
import { validateCatalog, type Catalog } from './schema';

/** One repository's records of one kind as a section: its distinct values and, per record, their indexes. */
function encodeSection<K extends RecordKind>(kind: K, records: readonly CatalogRecord<K>[]): string {
  const values: unknown[] = [];
  const indexOf = new Map<string, number>();
  const rows: number[] = [];
  const fields = RECORD_FIELDS[kind];
  for (const record of records) {
    const data = record as Record<string, unknown>;
    for (let field = 1; field < fields.length; field++) {
      const value = data[fields[field]!];
      if (value === undefined) {
        rows.push(-1);
        continue;
      }
      const key = JSON.stringify(value);
      let index = indexOf.get(key);
      if (index === undefined) {
        index = values.length;
        values.push(value);
        indexOf.set(key, index);
      }
      rows.push(index);
    }
  }
  return JSON.stringify({ v: values, r: rows });
}

/** Runs of consecutive records of one repository, in catalog order. */
function runsOf(records: readonly { readonly repository: string }[]): [string, number][] {
  const runs: [string, number][] = [];
  for (const record of records) {
    const last = runs.at(-1);
    if (last && last[0] === record.repository) last[1]++;
    else runs.push([record.repository, 1]);
  }
  return runs;
}

/** Encodes a catalog (assumed valid: see compactCatalogFrom) into the compact form. */
export function encodeCompactCatalog(catalog: Catalog): Uint8Array {
  for (const kind of RECORD_KINDS) {
    for (const record of catalog[kind]) {
      const extra = Object.keys(record).find((key) => !(RECORD_FIELDS[kind] as readonly string[]).includes(key));
      if (extra !== undefined) throw new Error(`a record of ${kind} has a field the compact form does not know: ${extra} (add it to RECORD_FIELDS)`);
    }
  }
  const byRepository = new Map<string, Record<RecordKind, object[]>>();
  for (const kind of RECORD_KINDS) {
    for (const record of catalog[kind]) {
      let groups = byRepository.get(record.repository);
      if (!groups) byRepository.set(record.repository, (groups = { tags: [], pastTags: [], fixedPatterns: [] }));
      groups[kind].push(record);
    }
  }
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const sections: Record<string, SectionRanges> = {};
  let offset = 0;
  for (const [repository, groups] of byRepository) {
    const ranges: number[] = [];
    for (const kind of RECORD_KINDS) {
      const records = groups[kind];
      if (records.length === 0) {
        ranges.push(offset, offset);
        continue;
      }
      const bytes = encoder.encode(`${encodeSection(kind, records as CatalogRecord<typeof kind>[])}\n`);
      chunks.push(bytes);
      // The range leaves the newline out: it only makes the file readable line by line.
      ranges.push(offset, offset + bytes.length - 1);
      offset += bytes.length;
    }
    sections[repository] = ranges as unknown as SectionRanges;
  }
  const header: CompactHeader = {
    fields: RECORD_FIELDS,
    catalog: Object.fromEntries(Object.entries(catalog).map(([key, value]) => [key, (RECORD_KINDS as readonly string[]).includes(key) ? null : value])),
    counts: { tags: catalog.tags.length, pastTags: catalog.pastTags.length, fixedPatterns: catalog.fixedPatterns.length },
    order: { tags: runsOf(catalog.tags), pastTags: runsOf(catalog.pastTags), fixedPatterns: runsOf(catalog.fixedPatterns) },
    sections,
    bodyBytes: offset,
  };
  const head = encoder.encode(`${COMPACT_MAGIC}\n${JSON.stringify(header)}\n`);
  const out = new Uint8Array(head.length + offset);
  out.set(head, 0);
  let at = head.length;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export type CompactCatalogResult = { readonly ok: true; readonly catalog: Catalog; readonly bytes: Uint8Array } | { readonly ok: false; readonly error: string };

/**
 * Validates `data` as a catalog (the zod schema), encodes it, and proves the bytes read back as the same catalog
 * (the whole catalog and its JSON text equal). The only way the server's compact files are made.
 */
export function compactCatalogFrom(data: unknown): CompactCatalogResult {
  const checked = validateCatalog(data);
  if (!checked.ok) return checked;
  let bytes: Uint8Array;
  try {
    bytes = encodeCompactCatalog(checked.catalog);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const opened = openCompactCatalog(bytes);
  if (!opened.ok) return { ok: false, error: `the compact catalog does not open: ${opened.error}` };
  let same: boolean;
  try {
    same = formatCatalogJson(opened.index.catalog) === formatCatalogJson(checked.catalog);
  } catch (error) {
    return { ok: false, error: `the compact catalog does not read back: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!same) return { ok: false, error: 'the compact catalog does not read back as the catalog it was made from' };
  return { ok: true, catalog: checked.catalog, bytes };
}
