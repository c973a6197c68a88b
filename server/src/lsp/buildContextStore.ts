/**
 * Build context facts (the `.dockerignore` files a build of a Dockerfile may use) for open Dockerfiles, read once per
 * Dockerfile and kept until a `.dockerignore` changes on disk. The same object is handed out for the same facts, so
 * the service keeps its build model for them.
 */
import path from 'node:path';
import type { ClientCapabilities, Connection } from 'vscode-languageserver/node';
import type { BuildContextFacts } from '../service/context';
import { readBuildContext } from '../host/buildContext';
import { DidChangeWatchedFilesNotification } from './lspLibrary';
import { filePath } from './fileUris';

/** Glob patterns of the files whose change can change the facts. */
export const BUILD_CONTEXT_GLOBS = ['**/.dockerignore', '**/*.dockerignore'] as const;

/** How many Dockerfiles' facts are kept. */
const LIMIT = 500;

export class BuildContextStore {
  private readonly cache = new Map<string, BuildContextFacts>();

  /** @param roots the workspace folders (file system paths); reading never goes above them. */
  constructor(private readonly roots: () => readonly string[]) {}

  /** The facts for a Dockerfile; undefined for documents that are not files (unsaved, remote). */
  get(uri: string): BuildContextFacts | undefined {
    const file = filePath(uri);
    if (!file) return undefined;
    const known = this.cache.get(file);
    if (known) return known;
    const root = this.roots().find((r) => file.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    const facts = readBuildContext(file, root);
    if (this.cache.size >= LIMIT) this.cache.clear();
    this.cache.set(file, facts);
    return facts;
  }

  /** Forgets everything when one of the changed files is a `.dockerignore`; returns whether it did. */
  filesChanged(uris: readonly string[]): boolean {
    if (!uris.some((uri) => /\.dockerignore$/i.test(uri))) return false;
    this.cache.clear();
    return true;
  }
}

/** Asks the client to report `.dockerignore` changes (when it supports dynamic registration). */
export function registerBuildContextWatchers(connection: Connection, capabilities: ClientCapabilities): void {
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) return;
  void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: BUILD_CONTEXT_GLOBS.map((globPattern) => ({ globPattern })) });
}
