/**
 * How many bytes of answers one refresh may hold: every answer is already capped (httpGet's `maxBytes`), and
 * the sum of all of them is capped here, so a registry that answers every repository with a 16 MiB page cannot
 * make a refresh hold hundreds of MiB.
 */
export class ByteBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** What is left; a request asks for at most this much. */
  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  /** Counts an answer; throws when the refresh has read more than its limit. */
  take(bytes: number, what: string): void {
    this.used += bytes;
    if (this.used > this.limit) throw new RangeError(`${what}: the answers of this refresh add up to more than the ${this.limit} bytes allowed; stopped`);
  }
}
