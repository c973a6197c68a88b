/**
 * Which document version a publish of diagnostics answers. Ours and tally name the version in the publish;
 * docker-langserver does not, but it validates every change at once, in order, and publishes once per change, so
 * its n-th publish for a document answers the n-th version sent and not answered yet.
 */
export class PublishMatcher {
  /** Per document, the versions sent and not answered yet, oldest first. */
  private readonly unanswered = new Map<string, number[]>();

  /** A version was sent (didOpen or didChange). */
  sent(uri: string, version: number): void {
    const queue = this.unanswered.get(uri) ?? [];
    queue.push(version);
    this.unanswered.set(uri, queue);
  }

  /** The document was closed: nothing sent before answers anything after. */
  closed(uri: string): void {
    this.unanswered.delete(uri);
  }

  /**
   * The version a publish answers. A named version answers itself and settles every earlier one (answered or
   * skipped); an unnamed one answers the oldest version not answered yet, or nothing when none is left (the
   * empty publish after a close).
   */
  answered(uri: string, named: number | undefined): number | undefined {
    const queue = this.unanswered.get(uri) ?? [];
    if (named !== undefined) {
      while (queue.length > 0 && queue[0]! <= named) queue.shift();
      return named;
    }
    return queue.shift();
  }
}
