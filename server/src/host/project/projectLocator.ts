/**
 * Finds the .NET project a Dockerfile builds, and the MSBuild files that set its properties.
 *
 * In order: a project named by `dotnet publish` in the Dockerfile; the one project in the Dockerfile's
 * folder; the one project the Dockerfile copies; the one project in a parent folder (up to three levels,
 * never above the workspace root). Several candidates and no way to choose means no project: a wrong
 * project would make every project rule lie.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

export interface LocateOptions {
  /** The workspace folder containing the Dockerfile; the search never goes above it. */
  readonly root?: string | undefined;
  /** How many parent folders to search (default 3). */
  readonly maxLevels?: number;
}

/** C#, F# and Visual Basic projects. */
const PROJECT_EXTENSION = /\.(?:cs|fs|vb)proj$/i;


/**
 * What one search sees of the disk: each folder is listed once (one readdir) and every candidate path is
 * answered from that listing. A Dockerfile names up to a hundred projects, each tried under several
 * folders and tails; asking the disk per candidate cost ~1,000 stat calls (10 ms) for every newly opened
 * Dockerfile. A listing lives for one search only, so it is never stale.
 */
class FolderListings {
  private readonly listings = new Map<string, ReadonlyMap<string, Dirent> | null>();
  /** Windows and macOS find `API.csproj` when asked for `Api.csproj`, as statSync did. */
  private readonly caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';

  /**
   * @param tops the folders the search starts from: a folder below one of them is only read when its parent's
   *   listing shows it, so the paths of a missing folder cost nothing; a top is read directly.
   */
  constructor(private readonly tops: readonly string[]) {}

  private key(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }

  private listing(folder: string): ReadonlyMap<string, Dirent> | null {
    let listing = this.listings.get(folder);
    if (listing === undefined) {
      listing = this.shownByParent(folder) ? this.read(folder) : null;
      this.listings.set(folder, listing);
    }
    return listing;
  }

  /** Whether the parent's listing holds this folder (as a folder, or a link that may be one); tops are taken as shown. */
  private shownByParent(folder: string): boolean {
    const parent = path.dirname(folder);
    if (parent === folder || !this.tops.some((top) => isWithin(parent, top))) return true;
    const entry = this.listing(parent)?.get(this.key(path.basename(folder)));
    return entry !== undefined && (entry.isDirectory() || entry.isSymbolicLink());
  }

  private read(folder: string): ReadonlyMap<string, Dirent> | null {
    try {
      const entries = readdirSync(folder, { withFileTypes: true });
      return new Map(entries.map((entry) => [this.key(entry.name), entry]));
    } catch {
      return null; // missing or unreadable: nothing under it exists for us
    }
  }

  private entry(file: string): Dirent | undefined {
    const folder = path.dirname(file);
    return folder === file ? undefined : this.listing(folder)?.get(this.key(path.basename(file)));
  }

  /** Whether `folder` holds an entry of that name (file or folder). */
  contains(folder: string, name: string): boolean {
    return this.listing(folder)?.has(this.key(name)) ?? false;
  }

  isFile(file: string): boolean {
    const entry = this.entry(file);
    if (!entry) return false;
    if (entry.isFile()) return true;
    if (!entry.isSymbolicLink()) return false;
    try {
      return statSync(file).isFile(); // where a link points is only known by following it
    } catch {
      return false;
    }
  }

  projectsIn(folder: string): string[] {
    const listing = this.listing(folder);
    if (!listing) return [];
    return [...listing.values()]
      .filter((entry) => PROJECT_EXTENSION.test(entry.name))
      .map((entry) => path.join(folder, entry.name))
      .filter((file) => this.isFile(file));
  }
}

/** Whether `folder` is `top` or inside it. A root (`/`, `C:\\`) already ends with the separator. */
function isWithin(folder: string, top: string): boolean {
  return folder === top || folder.startsWith(top.endsWith(path.sep) ? top : top + path.sep);
}

/** The folder and its parents, nearest first, at most `levels` parents and never above `root`. */
function searchFolders(folder: string, options: LocateOptions): string[] {
  const root = options.root ? path.resolve(options.root) : undefined;
  const folders = [folder];
  let current = folder;
  for (let level = 0; level < (options.maxLevels ?? 3); level++) {
    if (root !== undefined && (current === root || !isWithin(current, root))) break;
    const parent = path.dirname(current);
    if (parent === current) break;
    folders.push(parent);
    current = parent;
  }
  return folders;
}


/** The one project in a folder; among several, the one named after the folder. */
function soleProject(disk: FolderListings, folder: string): string | undefined {
  const projects = disk.projectsIn(folder);
  if (projects.length === 1) return projects[0];
  const named = projects.filter((p) => path.basename(p, path.extname(p)).toLowerCase() === path.basename(folder).toLowerCase());
  return named.length === 1 ? named[0] : undefined;
}

/**
 * The folder no project file may lie outside of: the workspace root, or without one the highest folder the
 * search looks in. A Dockerfile in a cloned repository must not make us read `../../../../outside/X.csproj`.
 */
export function searchBoundary(dockerfilePath: string, options: LocateOptions = {}): string {
  if (options.root) return path.resolve(options.root);
  const folders = searchFolders(path.dirname(path.resolve(dockerfilePath)), options);
  return folders[folders.length - 1]!;
}

/** The real path, or undefined when it cannot be resolved (missing, a loop). */
function realPath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/**
 * Whether `file` is inside `boundary` once every symbolic link is resolved: a link inside the workspace that
 * points outside it (git stores links, so a clone is enough) is as much outside as `../../outside`.
 */
export function isInsideBoundary(file: string, boundary: string): boolean {
  const resolved = path.resolve(file);
  if (!isWithin(resolved, boundary)) return false;
  const real = realPath(resolved);
  const realBoundary = realPath(boundary) ?? boundary;
  return real !== undefined && isWithin(real, realBoundary);
}

function exists(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false; // a link loop, no permission: nothing we can read
  }
}

/** How many `Directory.Build.props` a chain may have: real ones have one or two. */
const MAX_PROPS_CHAIN = 32;

/**
 * The `Directory.Build.props` files MSBuild imports for a project, outermost first: the nearest one above
 * the project, and the ones it chains to with `GetPathOfFileAbove('Directory.Build.props', ...)`. Never one
 * outside `boundary` (the workspace): MSBuild would look up to the file system root, we do not.
 */
export function directoryBuildProps(
  projectFile: string,
  boundary: string,
  readText: (file: string) => string | undefined,
  refused: (file: string, reason: string) => void = () => undefined,
): string[] {
  const chain: string[] = [];
  const top = path.resolve(boundary);
  let folder = path.dirname(path.resolve(projectFile));
  if (!isWithin(folder, top)) return chain;
  for (let depth = 0; depth < MAX_PROPS_CHAIN; depth++) {
    const candidate = path.join(folder, 'Directory.Build.props');
    const present = exists(candidate);
    if (present && !isInsideBoundary(candidate, top)) refused(candidate, 'it is a link to a file outside the workspace');
    else if (present) {
      chain.unshift(candidate);
      const text = readText(candidate) ?? '';
      if (!/GetPathOfFileAbove\(\s*['"]?Directory\.Build\.props/i.test(text)) break;
    }
    const parent = path.dirname(folder);
    if (parent === folder || folder === top) break;
    folder = parent;
  }
  return chain;
}

/** Where the search for a Dockerfile's project looked, and what it found. */
export interface ProjectLocation {
  /** The project file (absolute), or undefined when there is none or no clear one. */
  readonly projectFile: string | undefined;
  /** What was tried, in words and in order, for "no project found" (bounded). */
  readonly searched: readonly string[];
}

/** A project path the Dockerfile names, relative to its build context (what the pure service's project search gives). */
export interface ProjectCandidatePath {
  readonly path: string;
  readonly folder: boolean;
  readonly reason: string;
  readonly said: string;
}

const MAX_SEARCHED_SHOWN = 8;

/**
 * The project the Dockerfile at `dockerfilePath` builds, following what the Dockerfile says (`candidates`, most
 * certain first, relative to a build context that may be the Dockerfile's folder or one above it): a project a
 * `dotnet` command names (or the one in the folder it runs in); else the one project in the Dockerfile's folder;
 * else the one project the Dockerfile copies that exists; else the one project in a folder above (never above the
 * workspace root). Only listings of folders inside the search are read.
 */
export function locateProjectFrom(dockerfilePath: string, candidates: readonly ProjectCandidatePath[], options: LocateOptions = {}): ProjectLocation {
  const folders = searchFolders(path.dirname(path.resolve(dockerfilePath)), options);
  const disk = new FolderListings(folders);
  const here = folders[0]!;
  const searched: string[] = [];
  // Never a project outside the workspace, also through links (a clone can hold a link to anywhere).
  const boundary = searchBoundary(dockerfilePath, options);
  const inside = (file: string | undefined): string | undefined => (file !== undefined && isInsideBoundary(file, boundary) ? file : undefined);
  const shown = (folder: string): string => path.relative(here, folder).split(path.sep).join('/') || '.';
  searched.push(`build contexts tried: ${folders.map(shown).join(', ')}`);
  const find = (candidate: ProjectCandidatePath): string | undefined => {
    for (const context of folders) {
      const target = path.join(context, ...candidate.path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..'));
      if (!isWithin(target, context)) continue;
      const found = inside(candidate.folder ? soleProject(disk, target) : disk.isFile(target) ? target : undefined);
      if (found) return found;
    }
    return undefined;
  };
  const describe = (candidate: ProjectCandidatePath): string =>
    `${candidate.folder ? `the project file in ${candidate.path === '' ? 'the build context' : `${candidate.path}/`}` : candidate.path} (${candidate.said})`;
  const note = (entry: string): void => {
    if (searched.length < MAX_SEARCHED_SHOWN) searched.push(entry);
    else if (searched.length === MAX_SEARCHED_SHOWN) searched.push('…');
  };
  for (const candidate of candidates) {
    if (candidate.reason === 'copied') continue;
    const found = find(candidate);
    if (found) return { projectFile: found, searched };
    note(describe(candidate));
  }
  const sole = inside(soleProject(disk, here));
  if (sole) return { projectFile: sole, searched };
  note("the one project file in the Dockerfile's folder");
  const copied = [...new Set(candidates.filter((c) => c.reason === 'copied').map(find).filter((p): p is string => p !== undefined))];
  if (copied.length === 1) return { projectFile: copied[0], searched };
  if (candidates.some((c) => c.reason === 'copied')) note(copied.length > 1 ? `the project files COPY names (${copied.length} exist, none published)` : 'the project files COPY names');
  for (const folder of folders.slice(1)) {
    const found = inside(soleProject(disk, folder));
    if (found) return { projectFile: found, searched };
    if (disk.projectsIn(folder).length > 1) {
      note(`${shown(folder)} (several project files)`);
      return { projectFile: undefined, searched };
    }
  }
  if (folders.length > 1) note(`the one project file in ${folders.slice(1).map(shown).join(', ')}`);
  return { projectFile: undefined, searched };
}
