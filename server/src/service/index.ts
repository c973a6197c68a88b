/**
 * The pure .NET Dockerfile language service: no editor, no connection, no file system, no network.
 * The server owns documents, caching, settings and I/O; it hands the service a parsed model and gets
 * LSP-shaped answers back.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeActionContext, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import type { CatalogIndex } from './catalog/catalogIndex';
import type { BuildContextFacts, ProjectFacts, ProjectSearchReport, ServiceContext, Snippets } from './context';
import { buildOf } from './document/build';
import type { ProjectSearch } from './document/projectSearch';
import { buildModel, type DockerfileModel } from './document/model';
import { DEFAULT_SETTINGS, type ServiceSettings } from './diagnostics/settings';
import { complete } from './completion/index';
import { hover } from './hover/index';
import { validate } from './diagnostics/runner';
import { codeActions } from './fixes/codeActions';
import { generateDockerfile, type GenerateInput, type GenerateResult } from './generate/dockerfileGenerator';

export type { DockerfileModel } from './document/model';
export type { ServiceSettings } from './diagnostics/settings';
export type { BuildContextFacts, ContextFolder, ProjectFacts, ProjectSearchReport } from './context';
export type { ProjectCandidate, ProjectSearch } from './document/projectSearch';
export type { GenerateInput, GenerateResult } from './generate/dockerfileGenerator';

export interface ServiceOptions {
  /** The loaded catalog, or undefined when it could not be loaded. */
  readonly catalog: CatalogIndex | undefined;
  /** Returns today's date as YYYY-MM-DD. Defaults to the system clock (UTC). */
  readonly today?: () => string;
  /** The starter Dockerfiles completion offers (snippets/dockerfile.json); the host reads them in. */
  readonly snippets?: Snippets;
}

/** Per-request inputs that vary by document. */
export interface RequestOptions {
  readonly settings?: ServiceSettings;
  readonly project?: ProjectFacts | undefined;
  /** The `.dockerignore` files of the build context, as the host read them (missing-dockerignore needs them). */
  readonly buildContext?: BuildContextFacts | undefined;
  /** Another extension reports Dockerfile syntax errors already (`generalFeatures` off for this document while one is installed). */
  readonly syntaxCheckedElsewhere?: boolean;
  /** Whether the client applies workspace edits that create files (`workspace.workspaceEdit.resourceOperations` has `create`). */
  readonly createFileSupport?: boolean;
  /** Where the host looked for the project (hover says so when none was found). */
  readonly projectSearch?: ProjectSearchReport | undefined;
  /** Whether the client expands snippet syntax in completion items (default true). */
  readonly snippetSupport?: boolean;
  /** Whether the client shows code actions that cannot be applied, with the reason (`codeAction.disabledSupport`). */
  readonly disabledActionSupport?: boolean;
  /** Whether the client applies snippet text edits in workspace edits (LSP 3.18 `workspaceEdit.snippetEditSupport`). */
  readonly snippetEditSupport?: boolean;
}

export interface DotnetDockerfileService {
  /**
   * Parses one document version. Call once per version and pass the model to every request. `previous`, the
   * model of the same document's previous version, lets the parse take over what the edit did not touch.
   */
  parse(document: TextDocument, previous?: DockerfileModel): DockerfileModel;
  complete(model: DockerfileModel, position: Position, options?: RequestOptions): CompletionList;
  hover(model: DockerfileModel, position: Position, options?: RequestOptions): Hover | null;
  validate(model: DockerfileModel, options?: RequestOptions): Diagnostic[];
  codeActions(model: DockerfileModel, range: Range, context: CodeActionContext, options?: RequestOptions): CodeAction[];
  /** The project files the Dockerfile builds, as build-context paths, most certain first: what the host looks for. */
  projectSearch(model: DockerfileModel): ProjectSearch;
  /** The Dockerfile and .dockerignore for a project (with the service's catalog), or why it cannot write them. */
  generateDockerfile(input: Omit<GenerateInput, 'catalog'>): GenerateResult;
  /** Replaces the catalog (after a refresh). */
  setCatalog(catalog: CatalogIndex | undefined): void;
  readonly catalog: CatalogIndex | undefined;
}

/** Today's UTC date, kept until the next UTC midnight: every request asks, and formatting a date is not free. */
let today: { readonly date: string; readonly until: number } | undefined;
const DAY_MS = 86_400_000;

export function systemToday(): string {
  const now = Date.now();
  if (!today || now >= today.until || now < today.until - DAY_MS) today = { date: utcDate(now), until: Math.floor(now / DAY_MS) * DAY_MS + DAY_MS };
  return today.date;
}

/**
 * YYYY-MM-DD of a time in UTC, from the date's parts: `toISOString` costs 0.2 ms the first time a process calls it
 * (measured on Node 20), and the first document of a session is where it was called first.
 */
export function utcDate(time: number): string {
  const date = new Date(time);
  const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));
  return `${date.getUTCFullYear()}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

export function createDotnetDockerfileService(options: ServiceOptions): DotnetDockerfileService {
  let catalog = options.catalog;
  const today = options.today ?? systemToday;
  const context = (request: RequestOptions | undefined): ServiceContext => ({
    catalog,
    today: today(),
    project: request?.project,
    ...(request?.projectSearch ? { projectSearch: request.projectSearch } : {}),
    snippetSupport: request?.snippetSupport ?? true,
    snippets: options.snippets,
    buildContext: request?.buildContext,
    syntaxCheckedElsewhere: request?.syntaxCheckedElsewhere === true,
  });
  return {
    parse: buildModel,
    complete: (model, position, request) => complete(context(request), model, position),
    hover: (model, position, request) => hover(context(request), model, position),
    validate: (model, request) => validate(context(request), model, request?.settings ?? DEFAULT_SETTINGS),
    codeActions: (model, range, actionContext, request) =>
      codeActions(context(request), model, range, actionContext, request?.settings ?? DEFAULT_SETTINGS, {
        disabledActions: request?.disabledActionSupport === true,
        snippetEdits: request?.snippetEditSupport === true,
        createFiles: request?.createFileSupport === true,
      }),
    // Without project facts: the search is what finds them.
    projectSearch: (model) => buildOf(model, context(undefined)).projectSearch(),
    generateDockerfile: (input) => generateDockerfile({ ...input, catalog }),
    setCatalog(next) {
      catalog = next;
    },
    get catalog() {
      return catalog;
    },
  };
}
