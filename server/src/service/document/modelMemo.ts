/**
 * Memos that belong to one model (one parse of one document version) and are dropped with it.
 *
 * Why not a module-level WeakMap keyed by the model: in V8 (Node 20), while a key is young, the entry of a
 * long-lived WeakMap keeps its value alive through every young-generation collection. A memo that points into
 * its model then kept the whole model alive: each scavenge copied, then promoted, megabytes of parses that were
 * already garbage (1,000 lines, in process: 4.3 MB promoted and 14.5 ms per scavenge), and old space filled with
 * them. A Map held by the model itself dies young with it.
 */
export interface MemoSlot<T> {
  /** For debugging only: slots are told apart by identity. */
  readonly name: string;
  /** Never set: carries the type of the slot's value. */
  readonly valueType?: T;
}

/** A slot for one kind of memo; make one per kind, at module level. */
export function memoSlot<T>(name: string): MemoSlot<T> {
  return { name };
}

export class ModelMemo {
  private values: Map<MemoSlot<unknown>, unknown> | undefined;

  /** The slot's value, computed on first use. */
  get<T>(slot: MemoSlot<T>, compute: () => T): T {
    this.values ??= new Map();
    if (this.values.has(slot)) return this.values.get(slot) as T;
    const value = compute();
    this.values.set(slot, value);
    return value;
  }
}
