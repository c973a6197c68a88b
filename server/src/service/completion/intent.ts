/**
 * What the person is most likely after in a stage, for ranking completion items: a build stage wants the SDK,
 * the stage that ships wants the runtime family the app needs, of the same .NET version as the SDK stage.
 * Every fact here is the build model's (stage roles, the app's runtime family, other stages' images).
 */
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import type { AppIntent, RuntimeFamily, StageRole } from '../document/intent';
import { RUNTIME_FAMILIES } from '../images/dotnetImages';

export interface Intent {
  readonly role: StageRole;
  /** The .NET major.minor to rank first (`10.0`): the SDK stage's for a runtime stage, and the other way round. */
  readonly preferredVersion: string | undefined;
  /** The runtime family the app needs in its final stage, when facts say. */
  readonly runtimeFamily: RuntimeFamily | undefined;
  /** The app is published Native AOT: the SDK's `-aot` variant carries the native toolchain it needs. */
  readonly prefersAot: boolean;
}

/** The .NET version of the first SDK and the first runtime image among the other stages. */
function versionsOfOtherStages(build: Build, stage: Stage): { sdk: string | undefined; runtime: string | undefined } {
  let sdk: string | undefined;
  let runtime: string | undefined;
  for (const other of build.model.stages.stages) {
    if (other === stage || other.parent || !other.image) continue;
    const facts = build.stage(other).image;
    if (facts?.kind !== 'dotnet' || !facts.version || !facts.family) continue;
    if (facts.family === 'sdk') sdk ??= facts.version;
    else if (RUNTIME_FAMILIES.has(facts.family)) runtime ??= facts.version;
    // Only the first of each counts: a 10,000-line file need not be walked to the end on every keystroke.
    if (sdk && runtime) break;
  }
  return { sdk, runtime };
}

/**
 * The intent for completing an image in `stage` (undefined for a position before the first FROM). Each part is
 * worked out when a ranking first reads it: the app's intent walks every stage and every `dotnet` command, which
 * on a 10,000-line file is most of a completion's time, and a tag's tail is ranked without it.
 */
export function intentFor(build: Build, stage: Stage | undefined): Intent {
  let app: AppIntent | undefined;
  const appIntent = (): AppIntent => (app ??= build.intent());
  let role: StageRole | undefined;
  let preferred: { version: string | undefined } | undefined;
  return {
    get role() {
      return (role ??= stage ? build.role(stage) : 'unknown');
    },
    get preferredVersion() {
      if (!preferred) {
        const others = stage ? versionsOfOtherStages(build, stage) : { sdk: undefined, runtime: undefined };
        const fromStages = stage ? (this.role === 'build' ? (others.runtime ?? others.sdk) : (others.sdk ?? others.runtime)) : undefined;
        preferred = { version: fromStages ?? appIntent().targetVersion?.value };
      }
      return preferred.version;
    },
    get runtimeFamily() {
      const intent = appIntent();
      return intent.knownRuntimeFamily ?? (build.project ? intent.runtimeFamily : undefined);
    },
    get prefersAot() {
      return appIntent().deployment?.value === 'aot';
    },
  };
}

/** The order of repositories (lower first) for a role; appliances and samples after, nightly last. */
export function familyRank(family: string, nightly: boolean, intent: Intent): number {
  const runtimeOrder: readonly string[] =
    intent.runtimeFamily === 'runtime-deps'
      ? ['runtime-deps', 'aspnet', 'runtime']
      : intent.runtimeFamily === 'runtime'
        ? ['runtime', 'aspnet', 'runtime-deps']
        : ['aspnet', 'runtime', 'runtime-deps'];
  const order: readonly string[] = intent.role === 'final' ? [...runtimeOrder, 'sdk'] : ['sdk', ...runtimeOrder];
  const appliances = ['monitor', 'monitor-base', 'aspire-dashboard', 'yarp', 'samples'];
  const core = order.indexOf(family);
  const rank = core >= 0 ? core : appliances.includes(family) ? 10 + appliances.indexOf(family) : 30;
  return rank + (nightly ? 50 : 0);
}
