/**
 * Where the server and the CLI keep what they may rebuild at any time (a refreshed catalog, the V8 code
 * cache): the editor's storage for the extension when there is one, else DOTNET_DOCKERFILE_CACHE, else the
 * user's cache folder of the platform. Small on purpose: the server's entry loads it on the start path.
 */
import os from 'node:os';
import path from 'node:path';

export function cacheFolder(globalStoragePath?: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (globalStoragePath) return globalStoragePath;
  if (env.DOTNET_DOCKERFILE_CACHE) return env.DOTNET_DOCKERFILE_CACHE;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'dotnet-dockerfile');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'dotnet-dockerfile', 'cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'dotnet-dockerfile');
  return path.join(os.homedir(), '.cache', 'dotnet-dockerfile');
}
