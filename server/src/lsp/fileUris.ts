/**
 * The file system path of a document's `file:` URI. Every request and validation asks (the project and build context
 * stores key their facts by it), and Node's `fileURLToPath` parses a whole URL each time: the answers are kept per
 * URI, a bounded number of them.
 */
import { fileURLToPath } from 'node:url';

/** URIs whose paths are kept: the open documents, with room to spare; past it the map starts over. */
const MAX_KEPT = 500;
const kept = new Map<string, string | undefined>();

/** The file system path of a `file:` URI; undefined for other schemes and malformed URIs. */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  if (kept.has(uri)) return kept.get(uri);
  let path: string | undefined;
  try {
    path = fileURLToPath(uri);
  } catch {
    path = undefined;
  }
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(uri, path);
  return path;
}
