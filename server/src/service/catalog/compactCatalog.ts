/**
 * The catalog as the server reads it: `dotnet-images.catalog`, made from catalog/dotnet-images.json at build time
 * (and by a refresh for the cache), validated when it is written (compactCatalogWriter.ts) and trusted when it
 * is read: opening it reads a small header and nothing else, and a repository's records are decoded the first
 * time that repository is asked about. Loading the 2.6 MB JSON took ~80 ms of every start (parse, schema check,
 * indexing); this takes about a millisecond, and a repository a few hundred microseconds when first asked.
 *
 * Layout (UTF-8 text, one item per line):
 *   1. COMPACT_MAGIC
 *   2. the header, JSON: `fields` (each record kind's keys, in order), `catalog` (everything but the records, in
 *      the catalog's key order, the record arrays as null), `counts`, `order` (each kind's runs of
 *      [repository, count], so the whole catalog comes back in its order), `sections` (per repository, the byte
 *      ranges of its tags, past tags and fixed patterns in the body) and `bodyBytes`
 *   3. the body: per repository and kind, `{"v":[values],"r":[indexes]}`: the distinct values of that section and,
 *      per record, one index per field after `repository` (-1: the optional field is absent)
 *
 * Pure: the host reads the bytes. A file that is cut short, of another format version or with other record
 * fields is refused when opened, with what to do; a damaged section is refused when it is first decoded.
 */
import { indexOfSource, RECORD_KINDS, type CatalogHeader, type CatalogIndex, type CatalogRecord, type CatalogRecordSource, type RecordKind, type TaggedKind } from './catalogIndex';
import type { Catalog } from './schema';

export const COMPACT_MAGIC = 'dotnet-dockerfile compact catalog 1';

/**
 * The keys of each record kind, in the order the catalog writes them (`repository` first: a section's records
 * all have its repository, so the body does not repeat it). test/catalog/compactCatalog.test.ts checks these
 * against the schema: a new field changes the file format, and a file with other fields is refused.
 */
export const RECORD_FIELDS: { readonly [K in RecordKind]: readonly (keyof CatalogRecord<K> & string)[] } = {
  tags: ['repository', 'tag', 'version', 'productVersion', 'versionKind', 'os', 'osInTag', 'flavour', 'variants', 'arch', 'archs', 'platform', 'multiArch', 'shell', 'user', 'documented', 'supportPhase', 'eolDate', 'discoveredOn'],
  pastTags: ['repository', 'tag', 'version', 'firstSeen', 'removedOn'],
  fixedPatterns: ['repository', 'version', 'suffix', 'latestSeen', 'firstSeen', 'lastSeen', 'current'],
};

/**
 * A section's values, typed as whatever field a decoder reads them into: the file was validated against the schema
 * when it was written (compactCatalogWriter.ts) and is trusted when read (above), so a value at a field's index is
 * that field's type. `never` is what lets the DECODERS assign them without a cast per field.
 */
type Values = readonly never[];
type Rows = readonly number[];

/**
 * One record from its row (`i`: its first index), as an object literal of a fixed shape per kind: decoding the
 * tags of a repository is a few hundred of these, not a loop over field names (several times slower before the
 * JIT, and the first document of a session meets this code before the JIT). Index -1 reads undefined: an
 * optional field that is absent. The keys are RECORD_FIELDS in order (test/catalog/compactCatalog.test.ts).
 */
const DECODERS: { readonly [K in RecordKind]: (repository: string, v: Values, r: Rows, i: number) => CatalogRecord<K> } = {
  tags(repository, v, r, i) {
    const tag: CatalogRecord<'tags'> = {
      repository,
      tag: v[r[i]!]!,
      version: v[r[i + 1]!]!,
      productVersion: v[r[i + 2]!]!,
      versionKind: v[r[i + 3]!]!,
      os: v[r[i + 4]!]!,
      osInTag: v[r[i + 5]!]!,
      flavour: v[r[i + 6]!]!,
      variants: v[r[i + 7]!]!,
      arch: v[r[i + 8]!]!,
      archs: v[r[i + 9]!]!,
      platform: v[r[i + 10]!]!,
      multiArch: v[r[i + 11]!]!,
      shell: v[r[i + 12]!]!,
      user: v[r[i + 13]!]!,
      documented: v[r[i + 14]!]!,
      supportPhase: v[r[i + 15]!]!,
      eolDate: v[r[i + 16]!]!,
    };
    if (r[i + 17] !== -1) tag.discoveredOn = v[r[i + 17]!];
    return tag;
  },
  pastTags: (repository, v, r, i) => ({ repository, tag: v[r[i]!]!, version: v[r[i + 1]!]!, firstSeen: v[r[i + 2]!]!, removedOn: v[r[i + 3]!]! }),
  fixedPatterns: (repository, v, r, i) => ({
    repository,
    version: v[r[i]!]!,
    suffix: v[r[i + 1]!]!,
    latestSeen: v[r[i + 2]!]!,
    firstSeen: v[r[i + 3]!]!,
    lastSeen: v[r[i + 4]!]!,
    current: v[r[i + 5]!]!,
  }),
};

/** Per repository: start and end (bytes into the body) of its tags, past tags and fixed patterns. */
export type SectionRanges = readonly [number, number, number, number, number, number];

export interface CompactHeader {
  readonly fields: typeof RECORD_FIELDS;
  /** The catalog without its records, in its key order; the record keys are there with null. */
  readonly catalog: Record<string, unknown>;
  readonly counts: Readonly<Record<RecordKind, number>>;
  readonly order: Readonly<Record<RecordKind, readonly (readonly [string, number])[]>>;
  readonly sections: Readonly<Record<string, SectionRanges>>;
  readonly bodyBytes: number;
}

export type OpenCompactResult = { readonly ok: true; readonly index: CatalogIndex } | { readonly ok: false; readonly error: string };

const REMEDY = 'reinstall the extension (or run `npm run build` in a checkout)';
const NONE: readonly never[] = Object.freeze([]);
const NEWLINE = 10;

/** Whether `bytes` start like a compact catalog (anything else is read as the JSON catalog). */
export function isCompactCatalog(bytes: Uint8Array): boolean {
  if (bytes.length <= COMPACT_MAGIC.length || bytes[COMPACT_MAGIC.length] !== NEWLINE) return false;
  for (let i = 0; i < COMPACT_MAGIC.length; i++) if (bytes[i] !== COMPACT_MAGIC.charCodeAt(i)) return false;
  return true;
}

class DamagedCatalogError extends Error {
  constructor(detail: string) {
    super(`the .NET image catalog is damaged (${detail}); ${REMEDY}`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Checks the header's shape (a few hundred values: microseconds); the records were checked when written. */
function checkHeader(value: unknown, bodyBytes: number): string | undefined {
  if (!isRecord(value)) return 'the header is not an object';
  if (JSON.stringify(value.fields) !== JSON.stringify(RECORD_FIELDS)) return 'its records have other fields than this version reads: it was written by another version';
  const catalog = value.catalog;
  if (!isRecord(catalog)) return 'no catalog in the header';
  if (typeof catalog.date !== 'string' || typeof catalog.registry !== 'string') return 'no date or registry';
  for (const list of ['sources', 'repositories', 'versions', 'retiredRepositories']) {
    if (!Array.isArray(catalog[list]) || !(catalog[list] as unknown[]).every(isRecord)) return `no ${list}`;
  }
  if ((catalog.versions as unknown[]).length === 0) return 'no .NET versions';
  if (value.bodyBytes !== bodyBytes) return `the body has ${bodyBytes} bytes, the header says ${String(value.bodyBytes)}: the file is cut short or was changed`;
  const counts = value.counts;
  const order = value.order;
  if (!isRecord(counts) || !isRecord(order)) return 'no counts or order';
  for (const kind of RECORD_KINDS) {
    if (!isCount(counts[kind]) || !Array.isArray(order[kind])) return `no count or order of ${kind}`;
    let total = 0;
    for (const run of order[kind] as unknown[]) {
      if (!Array.isArray(run) || typeof run[0] !== 'string' || !isCount(run[1])) return `a bad run in the order of ${kind}`;
      total += run[1];
    }
    if (total !== counts[kind]) return `the order of ${kind} counts ${total}, not ${String(counts[kind])}`;
  }
  if (!isRecord(value.sections)) return 'no sections';
  for (const [repository, ranges] of Object.entries(value.sections)) {
    if (!Array.isArray(ranges) || ranges.length !== 6 || !ranges.every(isCount)) return `bad ranges for ${repository}`;
    for (let i = 0; i < 6; i += 2) if (ranges[i]! > ranges[i + 1]! || ranges[i + 1]! > bodyBytes) return `ranges of ${repository} outside the body`;
  }
  return undefined;
}

/**
 * Whether every index is a number from -1 to `count` - 1 (NaN fails both comparisons), in slices handed to the
 * built-in Math.max and Math.min rather than a loop: a loop over 13,000 indexes is slow before the JIT.
 */
function indexesWithin(rows: readonly unknown[], count: number): boolean {
  const SLICE = 8192;
  for (let from = 0; from < rows.length; from += SLICE) {
    const slice = rows.slice(from, from + SLICE) as number[];
    if (!(Math.max(...slice) < count && Math.min(...slice) >= -1)) return false;
  }
  return true;
}

/**
 * The row of the record whose tag (its first field after `repository`) is `tag`, the last such row as a map of the
 * records would have it; undefined when there is none. Values are distinct in a section written by us, but a row is
 * looked for under every value equal to the tag all the same.
 */
function rowOfTag(section: ReadSection, tag: string): number | undefined {
  const { rows, stride } = section;
  // Searched as what they are (JSON values), not as the field types the decoders see.
  const values: readonly unknown[] = section.values;
  let found: number | undefined;
  for (let value = values.indexOf(tag); value !== -1; value = values.indexOf(tag, value + 1)) {
    for (let at = rows.lastIndexOf(value); at !== -1; at = at > 0 ? rows.lastIndexOf(value, at - 1) : -1) {
      if (at % stride !== 0) continue;
      if (found === undefined || at / stride > found) found = at / stride;
      break;
    }
  }
  return found;
}

/** Opens a compact catalog: reads its header only; records are decoded per repository on first use. */
export function openCompactCatalog(bytes: Uint8Array): OpenCompactResult {
  if (!isCompactCatalog(bytes)) return { ok: false, error: `the .NET image catalog is not in the compact form this version reads; ${REMEDY}` };
  const headerStart = COMPACT_MAGIC.length + 1;
  const headerEnd = bytes.indexOf(NEWLINE, headerStart);
  if (headerEnd < 0) return { ok: false, error: new DamagedCatalogError('it ends inside its header').message };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let header: CompactHeader;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(headerStart, headerEnd))) as CompactHeader;
  } catch (error) {
    return { ok: false, error: new DamagedCatalogError(`its header is not readable: ${error instanceof Error ? error.message : String(error)}`).message };
  }
  const body = bytes.subarray(headerEnd + 1);
  const problem = checkHeader(header, body.length);
  if (problem) return { ok: false, error: new DamagedCatalogError(problem).message };
  try {
    return { ok: true, index: indexOfSource(new CompactSource(header, body, decoder)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A section read but not yet decoded whole: its values, its rows, and the records decoded one by one so far. */
interface ReadSection {
  readonly values: Values;
  readonly rows: Rows;
  readonly stride: number;
  /** Records decoded by {@link CompactSource.recordByTag}, by row: the whole decode takes them over, so each record is one object. */
  readonly byRow: (object | undefined)[];
  /** Tags looked up one by one: a second lookup of a tag costs a map read. */
  readonly looked: Map<string, object | undefined>;
}

/** One by one lookups a section answers before it is decoded whole (tags typed are unbounded; the whole decode is not). */
const MAX_SINGLE_LOOKUPS = 64;

/** The records of a compact catalog, decoded per repository and kind on first use. */
class CompactSource implements CatalogRecordSource {
  readonly header: CatalogHeader;
  readonly counts: Readonly<Record<RecordKind, number>>;
  private readonly decoded = new Map<string, readonly object[]>();
  /** Sections read for one-by-one lookups, until they are decoded whole. */
  private readonly read = new Map<string, ReadSection>();

  constructor(
    private readonly compact: CompactHeader,
    private readonly body: Uint8Array,
    private readonly decoder: { decode(bytes: Uint8Array): string },
  ) {
    this.header = compact.catalog as unknown as CatalogHeader;
    this.counts = compact.counts;
  }

  knows(repository: string): boolean {
    return Object.hasOwn(this.compact.sections, repository);
  }

  recordsOf<K extends RecordKind>(kind: K, repository: string): readonly CatalogRecord<K>[] {
    if (!this.knows(repository)) return NONE;
    const key = `${kind}\u0000${repository}`;
    let records = this.decoded.get(key);
    if (!records) {
      records = this.decode(kind, repository, key);
      this.decoded.set(key, records);
    }
    return records as readonly CatalogRecord<K>[];
  }

  /**
   * The record of one tag, without decoding the section's other records: a first document asks for a tag or two
   * of a repository (the SDK it builds on, a past tag that is not one), and decoding the hundreds of others is most
   * of what that costs before the JIT. Found by the built-in `indexOf` over the section's values and rows, and made
   * the record the whole decode will hold. Once the section is decoded (or was asked often), the index's map of the
   * decoded records answers instead.
   */
  recordByTag<K extends TaggedKind>(kind: K, repository: string, tag: string): { readonly found: CatalogRecord<K> | undefined } | undefined {
    if (!this.knows(repository)) return { found: undefined };
    const key = `${kind}\u0000${repository}`;
    if (this.decoded.has(key)) return undefined;
    const section = this.sectionRead(kind, repository, key);
    if (!section) return { found: undefined };
    if (!section.looked.has(tag)) {
      if (section.looked.size >= MAX_SINGLE_LOOKUPS) return undefined;
      const row = rowOfTag(section, tag);
      section.looked.set(tag, row === undefined ? undefined : (section.byRow[row] ??= DECODERS[kind](repository, section.values, section.rows, row * section.stride)));
    }
    return { found: section.looked.get(tag) as CatalogRecord<K> | undefined };
  }

  /** A section parsed and checked, kept until it is decoded whole; undefined for an empty one. */
  private sectionRead(kind: RecordKind, repository: string, key: string): ReadSection | undefined {
    const known = this.read.get(key);
    if (known) return known;
    const at = RECORD_KINDS.indexOf(kind) * 2;
    const ranges = this.compact.sections[repository]!;
    const start = ranges[at]!;
    const end = ranges[at + 1]!;
    if (start === end) return undefined;
    const where = `${kind} of ${repository}`;
    let section: unknown;
    try {
      section = JSON.parse(this.decoder.decode(this.body.subarray(start, end)));
    } catch (error) {
      throw new DamagedCatalogError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const values = isRecord(section) ? section.v : undefined;
    const rows = isRecord(section) ? section.r : undefined;
    const stride = RECORD_FIELDS[kind].length - 1;
    if (!Array.isArray(values) || !Array.isArray(rows) || rows.length % stride !== 0) throw new DamagedCatalogError(`${where}: not a section`);
    // Arrays (variants, archs) are shared by the records that have the same one: nobody may change them. (An
    // indexed loop: before the JIT, each step of a for-of is a call and an object, over a thousand values here.)
    for (let i = 0; i < values.length; i++) if (Array.isArray(values[i])) Object.freeze(values[i]);
    if (!indexesWithin(rows as unknown[], values.length)) throw new DamagedCatalogError(`${where}: a value index out of range`);
    const read: ReadSection = { values: values as unknown as Values, rows: rows as Rows, stride, byRow: [], looked: new Map() };
    this.read.set(key, read);
    return read;
  }

  private decode(kind: RecordKind, repository: string, key: string): readonly object[] {
    const section = this.sectionRead(kind, repository, key);
    if (!section) return NONE;
    this.read.delete(key);
    const { values, rows, stride, byRow } = section;
    const decodeRecord = DECODERS[kind];
    const records: object[] = new Array<object>(rows.length / stride);
    for (let row = 0, at = 0; at < rows.length; row++, at += stride) records[row] = byRow[row] ?? decodeRecord(repository, values, rows, at);
    return records;
  }

  whole(): Catalog {
    const records: Partial<Record<RecordKind, object[]>> = {};
    for (const kind of RECORD_KINDS) {
      const out: object[] = [];
      const taken = new Map<string, number>();
      for (const [repository, count] of this.compact.order[kind]) {
        const list = this.recordsOf(kind, repository);
        const from = taken.get(repository) ?? 0;
        if (from + count > list.length) throw new DamagedCatalogError(`the order of ${kind} asks for more records of ${repository} than it has`);
        for (let i = from; i < from + count; i++) out.push(list[i]!);
        taken.set(repository, from + count);
      }
      records[kind] = out;
    }
    const catalog: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this.compact.catalog)) catalog[key] = (RECORD_KINDS as readonly string[]).includes(key) ? records[key as RecordKind] : value;
    return catalog as unknown as Catalog;
  }
}
