/** Command-line reading for the test tools (bench, fuzz): `--flag value` pairs, whole numbers may use `_`. */
export interface ArgCursor {
  /** The current argument. */
  readonly arg: string;
  /** The value after the current argument (consumes it). */
  value(): string;
  /** The value after the current argument as a whole number ≥ 0 (consumes it). */
  count(): number;
}

/** Calls `visit` for each argument; `visit` may consume the following one through the cursor. */
export function readArgs(argv: readonly string[], visit: (cursor: ArgCursor) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const count = (): number => {
      const raw = value().replace(/_/g, '');
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg} wants a whole number, got "${raw}"`);
      return n;
    };
    visit({ arg, value, count });
  }
}
