/**
 * A plain-JavaScript yes/no check compiled from a zod schema, for the catalog load on the server's start path.
 *
 * Why: zod validates ~120k values of the catalog in 100-150 ms on a cold process (it allocates a result per
 * value); this check does the same tests in a few ms. It is compiled from the zod schema itself, so
 * catalog/schema.ts stays the single source of truth. It models exactly the zod features it knows (object,
 * array, string, boolean, literal, enum, optional, nullable, union, regex and length checks) and refuses to compile
 * anything else, so it can never accept what zod would reject; callers then fall back to zod. Errors are
 * still reported by zod, which says what is wrong and where.
 */
import type * as z from 'zod';

/** Thrown when the schema uses a zod feature this compiler does not model exactly. */
export class UnsupportedSchemaError extends Error {}

type Check = (value: unknown) => boolean;

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** `schema._zod.def`: zod 4's documented surface for library authors (zod/v4/core). */
function definitionOf(schema: unknown): Record<string, unknown> {
  const def = record(record(record(schema)?.['_zod'])?.['def']);
  if (!def || typeof def['type'] !== 'string') throw new UnsupportedSchemaError('not a zod 4 schema');
  return def;
}

function checksOf(def: Record<string, unknown>): Record<string, unknown>[] {
  const checks = def['checks'];
  if (checks === undefined) return [];
  if (!Array.isArray(checks)) throw new UnsupportedSchemaError('unreadable checks');
  return checks.map((check: unknown) => definitionOfCheck(check));
}

function definitionOfCheck(check: unknown): Record<string, unknown> {
  const def = record(record(record(check)?.['_zod'])?.['def']);
  if (!def || typeof def['check'] !== 'string') throw new UnsupportedSchemaError('unreadable check');
  return def;
}

function lengthCheck(check: Record<string, unknown>): ((length: number) => boolean) | null {
  const limit = check['check'] === 'min_length' ? check['minimum'] : check['check'] === 'max_length' ? check['maximum'] : undefined;
  if (typeof limit !== 'number') return null;
  return check['check'] === 'min_length' ? (length) => length >= limit : (length) => length <= limit;
}

function compileString(def: Record<string, unknown>): Check {
  const tests = checksOf(def).map((check): ((text: string) => boolean) => {
    const pattern = check['pattern'];
    if (check['check'] === 'string_format' && check['format'] === 'regex' && pattern instanceof RegExp) {
      return (text) => {
        pattern.lastIndex = 0; // as zod does, so a /g pattern behaves the same
        return pattern.test(text);
      };
    }
    const length = lengthCheck(check);
    if (length) return (text) => length(text.length);
    throw new UnsupportedSchemaError(`string check ${String(check['check'])}`);
  });
  if (tests.length === 0) return (value) => typeof value === 'string';
  return (value) => {
    if (typeof value !== 'string') return false;
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}

function compileArray(def: Record<string, unknown>): Check {
  const element = compile(def['element']);
  const lengths = checksOf(def).map((check) => {
    const length = lengthCheck(check);
    if (!length) throw new UnsupportedSchemaError(`array check ${String(check['check'])}`);
    return length;
  });
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (const length of lengths) if (!length(value.length)) return false;
    for (let i = 0; i < value.length; i++) if (!element(value[i])) return false;
    return true;
  };
}

function compileObject(def: Record<string, unknown>): Check {
  // A catchall (strict/passthrough/catchall) changes how unknown keys are treated; plain objects just strip them.
  if (def['catchall'] !== undefined) throw new UnsupportedSchemaError('object catchall');
  const shape = record(def['shape']);
  if (!shape) throw new UnsupportedSchemaError('object without shape');
  const keys = Object.keys(shape);
  const checks = keys.map((key) => compile(shape[key]));
  return (value) => {
    const object = record(value);
    if (!object) return false;
    for (let i = 0; i < keys.length; i++) {
      const check = checks[i];
      if (!check || !check(object[keys[i] ?? ''])) return false;
    }
    return true;
  };
}

function compileValues(values: unknown): Check {
  if (!Array.isArray(values) || !values.every((v) => ['string', 'number', 'boolean'].includes(typeof v) || v === null)) {
    throw new UnsupportedSchemaError('literal or enum values');
  }
  const allowed = new Set<unknown>(values);
  return (value) => allowed.has(value);
}

function compile(schema: unknown): Check {
  const def = definitionOf(schema);
  const type = def['type'];
  if (type !== 'string' && type !== 'array' && checksOf(def).length > 0) throw new UnsupportedSchemaError(`checks on ${String(type)}`);
  switch (type) {
    case 'string':
      return compileString(def);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'literal':
      return compileValues(def['values']);
    case 'enum': {
      const entries = record(def['entries']);
      if (!entries) throw new UnsupportedSchemaError('enum without entries');
      return compileValues(Object.values(entries));
    }
    case 'optional': {
      const inner = compile(def['innerType']);
      return (value) => value === undefined || inner(value);
    }
    case 'nullable': {
      const inner = compile(def['innerType']);
      return (value) => value === null || inner(value);
    }
    case 'union': {
      const options = def['options'];
      if (!Array.isArray(options)) throw new UnsupportedSchemaError('union without options');
      const checks = options.map((option: unknown) => compile(option));
      return (value) => checks.some((check) => check(value));
    }
    case 'array':
      return compileArray(def);
    case 'object':
      return compileObject(def);
    default:
      throw new UnsupportedSchemaError(`zod type ${String(type)}`);
  }
}

/**
 * Compiles `schema` into a type guard that accepts exactly what `schema.safeParse` accepts (objects may carry
 * extra keys, which zod would strip). Throws `UnsupportedSchemaError` for a schema it cannot model exactly.
 */
export function compileSchemaCheck<S extends z.ZodType>(schema: S): (value: unknown) => value is z.infer<S> {
  const check = compile(schema);
  return (value: unknown): value is z.infer<S> => check(value);
}
