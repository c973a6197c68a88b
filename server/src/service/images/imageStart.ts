/**
 * What a .NET image runs when the Dockerfile sets no ENTRYPOINT and no CMD: its own ENTRYPOINT and CMD, as
 * Microsoft's Dockerfiles set them (github.com/dotnet/dotnet-docker, src/<family>/<version>/<os>/<arch>/Dockerfile):
 *
 *  - runtime and aspnet, chiseled and distroless: `ENTRYPOINT ["/usr/bin/dotnet"]` `CMD ["--info"]` (aspnet inherits
 *    them from runtime; the composite aspnet images set the same). Not the .NET 6.0 CBL-Mariner distroless images,
 *    which set neither; for 7.0 only the cbl-mariner2.0 ones are known to set them.
 *  - monitor and monitor-base: `ENTRYPOINT ["dotnet-monitor"]` `CMD ["collect", "--urls", "https://+:52323",
 *    "--metricUrls", "http://+:52325"]`; aspire-dashboard and yarp start their own app.
 *  - sdk, runtime-deps and the full (non-chiseled) runtime and aspnet images set neither. Their CMD is their OS
 *    image's shell (Ubuntu's `/bin/bash`), which only runs when the Dockerfile sets no ENTRYPOINT and no CMD: not
 *    modelled (`cmd` undefined).
 *
 * Why it matters: a Dockerfile's exec-form `CMD ["dotnet", "App.dll"]` on a chiseled runtime image becomes the
 * arguments of the image's ENTRYPOINT, `/usr/bin/dotnet dotnet App.dll`, which cannot start.
 */
import type { ParsedTag } from '../catalog/tagGrammar';

export interface ImageStart {
  /** The image's ENTRYPOINT; undefined: it sets none. */
  readonly entrypoint: readonly string[] | undefined;
  /** The image's CMD; undefined: none that is modelled (see above). */
  readonly cmd: readonly string[] | undefined;
}

const DOTNET_HOST: ImageStart = { entrypoint: ['/usr/bin/dotnet'], cmd: ['--info'] };
const NOTHING: ImageStart = { entrypoint: undefined, cmd: undefined };
const MONITOR: ImageStart = { entrypoint: ['dotnet-monitor'], cmd: ['collect', '--urls', 'https://+:52323', '--metricUrls', 'http://+:52325'] };
const APPLIANCES: Readonly<Record<string, ImageStart>> = {
  monitor: MONITOR,
  'monitor-base': MONITOR,
  'aspire-dashboard': { entrypoint: ['dotnet', '/app/Aspire.Dashboard.dll'], cmd: undefined },
  yarp: { entrypoint: ['dotnet', '/app/yarp.dll', '/etc/yarp.config'], cmd: undefined },
};

/** What the image of a .NET repository family runs by default; undefined when it cannot be told (a tag we cannot read). */
export function imageStartOf(family: string | undefined, shell: boolean | undefined, parsedTag: ParsedTag | undefined, platform: 'linux' | 'windows' | undefined): ImageStart | undefined {
  if (!family) return undefined;
  const appliance = APPLIANCES[family];
  if (appliance) return appliance;
  if (platform === 'windows') return NOTHING;
  if (family === 'sdk' || family === 'runtime-deps') return NOTHING;
  if (family !== 'runtime' && family !== 'aspnet') return undefined;
  if (shell === true) return NOTHING;
  if (shell !== false) return undefined;
  const flavour = parsedTag?.flavour?.value;
  const major = parsedTag?.version?.major ?? undefined;
  if (flavour === 'distroless' && major !== undefined && major < 8) {
    if (major <= 6) return NOTHING;
    return parsedTag?.os?.family === 'cbl-mariner' && parsedTag.os.release === '2.0' ? DOTNET_HOST : undefined;
  }
  return DOTNET_HOST;
}
