/**
 * npm run catalog:update [-- --github-api <url>] [--github-raw <url>] [--releases-index <url>] [--today YYYY-MM-DD]
 *
 * Downloads dotnet-docker's manifests (main and nightly) and the .NET release index, validates them, writes them
 * into catalog/reference and regenerates catalog/dotnet-images.json: all or nothing (see update/updateReference.ts).
 * Base URLs also come from DOTNET_DOCKERFILE_GITHUB_API, DOTNET_DOCKERFILE_GITHUB_RAW and
 * DOTNET_DOCKERFILE_RELEASES_INDEX; HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured (as by the catalog refresh).
 */
import path from 'node:path';
import { DEFAULT_GITHUB_API, DEFAULT_GITHUB_RAW, DEFAULT_RELEASES_INDEX, updateReference } from './update/updateReference';

const repoRoot = path.resolve(__dirname, '..');

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<number> {
  const known = ['github-api', 'github-raw', 'releases-index', 'today', 'reference', 'catalog'];
  for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('--') && !known.includes(arg.slice(2).split('=')[0]!)) {
      console.error(`unknown option ${arg} (known: ${known.map((k) => `--${k}`).join(', ')})`);
      return 2;
    }
  }
  const githubApi = option('github-api') ?? process.env.DOTNET_DOCKERFILE_GITHUB_API ?? DEFAULT_GITHUB_API;
  const today = option('today');
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    console.error(`--today must be YYYY-MM-DD, not "${today}"`);
    return 2;
  }
  const started = Date.now();
  try {
    const result = await updateReference({
      referenceDir: option('reference') ?? path.join(repoRoot, 'catalog', 'reference'),
      catalogFile: option('catalog') ?? path.join(repoRoot, 'catalog', 'dotnet-images.json'),
      githubApi,
      githubRaw: option('github-raw') ?? process.env.DOTNET_DOCKERFILE_GITHUB_RAW ?? DEFAULT_GITHUB_RAW,
      releasesIndexUrl: option('releases-index') ?? process.env.DOTNET_DOCKERFILE_RELEASES_INDEX ?? DEFAULT_RELEASES_INDEX,
      ...(today ? { today } : {}),
      log: (line) => console.log(`  ${line}`),
    });
    const { main, nightly, releasesIndex } = result.sources;
    console.log(`updated catalog/reference and catalog/dotnet-images.json in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
    console.log(`  main ${main.commit.slice(0, 10)} (${main.date}): ${result.mainTags} tags; nightly ${nightly.commit.slice(0, 10)} (${nightly.date}): ${result.nightlyTags} tags`);
    console.log(`  release index ${releasesIndex.commit.slice(0, 19)}… (${releasesIndex.date}); catalog date ${result.catalogDate}`);
    console.log('');
    console.log('The tag history tables cannot be rebuilt from the manifests alone (they were made from every revision of');
    console.log(`dotnet-docker since 2017), so they were carried forward: ${result.history.added} floating tags added, ${result.history.removed} marked removed`);
    console.log(`on ${main.date}. dotnet-tags.summary.md, dotnet-tags.history-fixed*.tsv(.gz), dotnet-tags.history-os.tsv and`);
    console.log('dotnet-docker/docs/ still describe the snapshot of 2026-08-21 (nothing reads them to build the catalog).');
    console.log('');
    console.log('Next: `npm test`; tests that pin facts of the old data say what changed. Review and accept them (for the corpus:');
    console.log('UPDATE_EXPECTATIONS=1 node scripts/test.mjs test/corpus/diagnostics.test.ts), then commit catalog/.');
    return 0;
  } catch (error) {
    console.error(`npm run catalog:update failed; catalog/reference and catalog/dotnet-images.json are unchanged: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
