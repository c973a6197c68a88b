/**
 * Product versions as they appear in fixed image tags: `10.0.11`, `10.0.400`, `11.0.0-preview.7`, `3.0.0-rc1`,
 * `5.0.0-preview`, and out-of-band rebuilds with a revision suffix: `5.0.102-1`, `11.0.0-preview.7-1`.
 */

/** A parsed product version. `prerelease` is null for a GA release. */
export interface ProductVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** `preview.7` → `{ label: 'preview', numbers: [7] }`; `preview1` → `[1]`; bare `preview` → `[]`. */
  readonly prerelease: { readonly label: string; readonly numbers: readonly number[] } | null;
  /** The `-1`, `-2` rebuild suffix; 0 when absent. */
  readonly revision: number;
}

const PRODUCT_VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-(alpha|beta|preview|rc)\.?(\d+(?:\.\d+)*)?)?(?:-(\d+))?$/;

/** Labels in release order; a GA release sorts after all of them. */
const PRERELEASE_ORDER = ['alpha', 'beta', 'preview', 'rc'];

/** Parses `10.0.11`, `11.0.100-rc.1`, `2.1.300-preview1`, `5.0.102-1`; null for anything else. */
export function parseProductVersion(text: string): ProductVersion | null {
  const match = PRODUCT_VERSION.exec(text);
  if (!match) return null;
  const [, major, minor, patch, label, numbers, revision] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    patch: Number(patch),
    prerelease: label ? { label, numbers: numbers ? numbers.split('.').map(Number) : [] } : null,
    revision: revision ? Number(revision) : 0,
  };
}

function compareNumberLists(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    // A missing number sorts first: `preview` < `preview.1`.
    const difference = (a[i] ?? -1) - (b[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Orders two parsed versions: numbers, then prerelease (alpha < beta < preview < rc < GA), then revision. */
export function compareParsedVersions(a: ProductVersion, b: ProductVersion): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  if (a.prerelease && !b.prerelease) return -1;
  if (!a.prerelease && b.prerelease) return 1;
  if (a.prerelease && b.prerelease) {
    const label = PRERELEASE_ORDER.indexOf(a.prerelease.label) - PRERELEASE_ORDER.indexOf(b.prerelease.label);
    if (label !== 0) return label;
    const numbers = compareNumberLists(a.prerelease.numbers, b.prerelease.numbers);
    if (numbers !== 0) return numbers;
  }
  return a.revision - b.revision;
}

/**
 * Orders two version strings (negative when `a` is older). Strings that are not product versions sort
 * before all versions and among themselves by code unit, so the order is total and deterministic.
 */
export function compareProductVersions(a: string, b: string): number {
  const parsedA = parseProductVersion(a);
  const parsedB = parseProductVersion(b);
  if (parsedA && parsedB) return compareParsedVersions(parsedA, parsedB) || (a < b ? -1 : a > b ? 1 : 0);
  if (parsedA) return 1;
  if (parsedB) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
