/**
 * Memos that belong to one model (one parse of one document version) and are dropped with it.
 *
 * Why not a module-level WeakMap keyed by the model: in V8 (Node 20), while a key is young, the entry of a
 * long-lived WeakMap keeps its value alive through every young-generation collection. A memo that points into
 * its model then kept the whole model alive: each scavenge copied, then promoted, megabytes of parses that were
 * already garbage (1,000 lines, in process: 4.3 MB promoted and 14.5 ms per scavenge), and old space filled with
 * them. A Map held by the model itself dies young with it.
 *
 * A carried slot is the one way work passes from a version to the next: the model parsed from the previous one
 * inherits what the previous version (or, when it was never validated, the one before it) left there. Only a value
 * keyed by content may go there (the runner's per-stage diagnostics, stageReuse.ts), never one that holds the
 * previous version's objects: `test/unit/property/incrementalAnswers.test.ts` fails when a memo is carried over.
 */
export interface MemoSlot<T> {
  /** For debugging only: slots are told apart by identity. */
  readonly name: string;
  /** Never set: carries the type of the slot's value. */
  readonly valueType?: T;
}

/** A slot whose value the next version of the document inherits (see above: content-keyed values only). */
export interface CarriedSlot<T> extends MemoSlot<T> {
  readonly carried: true;
}

/** A slot for one kind of memo; make one per kind, at module level. */
export function memoSlot<T>(name: string): MemoSlot<T> {
  return { name };
}

export function carriedSlot<T>(name: string): CarriedSlot<T> {
  return { name, carried: true };
}

type CarriedValues = ReadonlyMap<CarriedSlot<unknown>, unknown>;

export class ModelMemo {
  private values: Map<MemoSlot<unknown>, unknown> | undefined;
  private carriedValues: Map<CarriedSlot<unknown>, unknown> | undefined;

  /** @param inherited what the previous version carries (its {@link ModelMemo.toCarry}). */
  constructor(private readonly inherited?: CarriedValues) {}

  /** The slot's value, computed on first use. */
  get<T>(slot: MemoSlot<T>, compute: () => T): T {
    this.values ??= new Map();
    if (this.values.has(slot)) return this.values.get(slot) as T;
    const value = compute();
    this.values.set(slot, value);
    return value;
  }

  /** What an earlier version left in a carried slot, if anything. */
  inheritedValue<T>(slot: CarriedSlot<T>): T | undefined {
    return this.inherited?.get(slot) as T | undefined;
  }

  /** Leaves `value` in a carried slot for the next version. */
  carry<T>(slot: CarriedSlot<T>, value: T): void {
    this.carriedValues ??= new Map(this.inherited);
    this.carriedValues.set(slot, value);
  }

  /** What the next version inherits: this version's carried values, and what it inherited itself for the rest. */
  toCarry(): CarriedValues | undefined {
    return this.carriedValues ?? this.inherited;
  }
}
