/**
 * The slow answers of general features per document, kept for that document version. Some answers take most of
 * the worker's deadline on a large file (semantic tokens of 60,000 continuation lines: ~600 ms); an editor asks
 * the same again for the same version (a repaint, a second view), and it must not cost as much again, nor come out
 * empty only because the second run landed a few milliseconds past the deadline.
 *
 * An editor asks several slow questions of one version (semantic tokens, folding, symbols, formatting), so each
 * question keeps its own answer: with one answer per document, folding's replaced the tokens' and the tokens were
 * computed again (the hostile suite's "at once the next time" failed whenever folding took over 100 ms).
 */

/** An answer that took at least this long (ms) is kept. */
export const SLOW_ANSWER_MS = 100;

/** Questions kept per document version: more than the general features an editor asks of one version. */
export const MAX_ANSWERS_PER_DOCUMENT = 16;

interface KeptVersion {
  readonly version: number;
  /** By question (SlowAnswers.key). */
  readonly answers: Map<string, unknown>;
}

export class SlowAnswers {
  /** Per open document: the slow answers of its latest version asked about. */
  private readonly kept = new Map<string, KeptVersion>();

  /** The question as a key: the method and its arguments, the document's text (known by its version) left out. */
  static key(method: string, args: readonly unknown[], text: string): string {
    return `${method}\n${JSON.stringify(args, (_name, value: unknown) => (value === text ? '<the document>' : value))}`;
  }

  get(uri: string, version: number, key: string): { readonly result: unknown } | undefined {
    const kept = this.kept.get(uri);
    return kept && kept.version === version && kept.answers.has(key) ? { result: kept.answers.get(key) } : undefined;
  }

  set(uri: string, version: number, key: string, result: unknown): void {
    let kept = this.kept.get(uri);
    // A new version's answers replace the old version's: those can never be asked for again.
    if (!kept || kept.version !== version) this.kept.set(uri, (kept = { version, answers: new Map() }));
    if (kept.answers.size >= MAX_ANSWERS_PER_DOCUMENT && !kept.answers.has(key)) kept.answers.delete(kept.answers.keys().next().value as string);
    kept.answers.set(key, result);
  }

  forget(uri: string): void {
    this.kept.delete(uri);
  }
}
