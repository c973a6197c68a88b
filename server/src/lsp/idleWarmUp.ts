/**
 * A server's first validation runs code V8 has never run (bytecode in the interpreter, no type feedback) and decodes
 * the catalog's repositories on first use: 19 ms for a 40-line Dockerfile against 2 ms for the next one. VS Code
 * often starts the server before any Dockerfile is open (`workspaceContains:**\/Dockerfile`), and a server that
 * starts so has idle time to spend: while no document is open, it validates a built-in sample once (and completes a
 * tag in it), so the user's first document meets warm code and decoded repositories. Nothing is published and no
 * cache a document uses is touched; an editor that opens a document with `initialized` gets no warm-up at all
 * (there is no idle time to use, and the document comes first).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DotnetDockerfileService } from '../service';
import { DEFAULT_DOCUMENT_SETTINGS } from './settingsStore';

/** What a .NET Dockerfile usually holds: an SDK stage that restores and publishes, a chiseled final stage. */
export const WARM_UP_SAMPLE = [
  'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build',
  'ARG TARGETARCH',
  'WORKDIR /src',
  'COPY *.csproj .',
  'RUN dotnet restore -a $TARGETARCH',
  'COPY . .',
  'RUN dotnet publish -a $TARGETARCH -c Release -o /app --no-restore',
  '',
  'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled',
  'WORKDIR /app',
  'COPY --from=build /app .',
  'EXPOSE 8080',
  'USER $APP_UID',
  'ENTRYPOINT ["dotnet", "App.dll"]',
  'FROM mcr.microsoft.com/dotnet/runtime:10.0-',
  '',
].join('\n');

/** Not a file: no project search, no build context, never confused with a document. */
const WARM_UP_URI = 'untitled:dotnet-dockerfile-warm-up';

/** Validates the sample and completes the partial tag of its last FROM, as a first document would be; what it got. */
export function warmUp(service: DotnetDockerfileService): { readonly diagnostics: readonly string[]; readonly completionItems: number } {
  const model = service.parse(TextDocument.create(WARM_UP_URI, 'dockerfile', 1, WARM_UP_SAMPLE));
  service.projectSearch(model);
  const diagnostics = service.validate(model, { settings: DEFAULT_DOCUMENT_SETTINGS });
  const lines = WARM_UP_SAMPLE.split('\n');
  const completion = service.complete(model, { line: lines.length - 2, character: lines[lines.length - 2]!.length }, {});
  return { diagnostics: diagnostics.map((d) => String(d.code)), completionItems: completion.items.length };
}

/** How long the server waits after `initialized` before warming up, if no document has been opened by then. */
export const WARM_UP_AFTER_MS = 150;

/** Runs `run` once, `afterMs` from now, if `idle()` still says no document is open; never keeps the process alive. */
export function scheduleIdleWarmUp(idle: () => boolean, run: () => void, afterMs = WARM_UP_AFTER_MS): void {
  setTimeout(() => {
    if (idle()) run();
  }, afterMs).unref();
}
