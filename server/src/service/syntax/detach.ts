/**
 * A copy of a text that shares no memory with the document it was cut from. V8's string slices keep their
 * parent alive, so anything kept across document versions (the caches of image facts and of exec-form
 * splits) must hold copies, or each version it saw stays in memory whole.
 */
export function detach(text: string): string {
  const copy: unknown = JSON.parse(JSON.stringify(text));
  return typeof copy === 'string' ? copy : text;
}
