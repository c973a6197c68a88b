/**
 * The last slow answer of a general feature per document, kept for that document version. Some answers take most
 * of the worker's deadline on a large file (semantic tokens of 60,000 continuation lines: ~600 ms); an editor asks
 * the same again for the same version (a repaint, a second view), and it must not cost as much again, nor come out
 * empty only because the second run landed a few milliseconds past the deadline.
 */

/** An answer that took at least this long (ms) is kept. */
export const SLOW_ANSWER_MS = 100;

interface Kept {
  readonly version: number;
  readonly key: string;
  readonly result: unknown;
}

export class SlowAnswers {
  /** One per open document: its last slow answer. */
  private readonly kept = new Map<string, Kept>();

  /** The question as a key: the method and its arguments, the document's text (known by its version) left out. */
  static key(method: string, args: readonly unknown[], text: string): string {
    return `${method}\n${JSON.stringify(args, (_name, value: unknown) => (value === text ? '<the document>' : value))}`;
  }

  get(uri: string, version: number, key: string): { readonly result: unknown } | undefined {
    const kept = this.kept.get(uri);
    return kept && kept.version === version && kept.key === key ? { result: kept.result } : undefined;
  }

  set(uri: string, version: number, key: string, result: unknown): void {
    this.kept.set(uri, { version, key, result });
  }

  forget(uri: string): void {
    this.kept.delete(uri);
  }
}
