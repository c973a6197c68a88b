/**
 * One fix case through the oracle:
 * 1. the file before the fix fails the way the diagnostic says (or works, for fixes about support and size);
 * 2. the reference: the same file on the images with a shell (where `/bin/sh` gives a shell-form command its
 *    meaning), or the file before itself when it works;
 * 3. the file after the fix builds, starts, passes its HEALTHCHECK, and its programs print the argv the reference
 *    printed (the command, the health check, every RUN), and it adds the same files to its base image.
 * A case marked `expectBroken` must still fail step 3 (the lead flips it when the fix is rewritten); one marked
 * `builderLimit` must still be beyond the builder.
 */
import { isDeepStrictEqual } from 'node:util';
import { applyFix } from '../fixes/cases/applyFix';
import { APP, type FixCase, type Outcome } from '../fixes/cases/fixCase';
import { build, observeImage, removeImage, type Built, type Started } from './oracle';
import { withShellImages } from './standins/references';

export interface Verdict {
  /** What is wrong: the case fails. */
  readonly problems: string[];
  /** What the oracle saw, for the log (known broken cases say why here). */
  readonly notes: string[];
  readonly knownBroken: boolean;
  readonly beyondBuilder: boolean;
}

interface Observation {
  readonly built: Built;
  readonly start?: Started;
  readonly health?: Started;
  readonly files?: readonly string[];
}

const show = (value: unknown): string => JSON.stringify(value);
const firstLines = (text: string, n = 4): string => text.trim().split('\n').slice(0, n).join(' | ');

function describeStart(started: Started, what: string): string {
  return `${what} ${show(started.command)} ${started.code === null ? 'timed out' : `exits ${started.code}`}: ${firstLines(started.stderr || started.stdout)}`;
}

function outcomeOf(o: Observation): Outcome | string {
  if (!o.built.ok) return o.built.failure === 'image-missing' ? 'image-missing' : o.built.failure === 'run-failed' ? 'build-fails' : `the build fails (${o.built.failure}): ${firstLines(o.built.message)}`;
  if (!o.start?.ok) return 'start-fails';
  if (o.health && !o.health.ok) return 'healthcheck-fails';
  return 'builds-and-starts';
}

/** Where the after's failures go: problems, or (for a known broken case) the evidence that it is still broken. */
function afterFailures(after: Observation, reference: Observation | undefined, fixCase: FixCase): string[] {
  const failures: string[] = [];
  if (!after.built.ok) return [`it does not build (${after.built.failure}): ${firstLines(after.built.message)}`];
  if (!after.start?.ok) failures.push(`it does not start: ${describeStart(after.start!, 'the command')}`);
  if (after.health && !after.health.ok) failures.push(`its HEALTHCHECK fails: ${describeStart(after.health, 'the test')}`);

  const expectedStart = fixCase.expectedArgv?.start ?? reference?.start?.argv;
  const startSource = fixCase.expectedArgv?.start ? `the case: ${fixCase.expectedArgv.reason}` : 'what the reference printed';
  if (expectedStart === undefined) failures.push('no argv to compare the command with (the reference printed none, and the case names none)');
  else if (after.start?.ok && !isDeepStrictEqual(after.start.argv, expectedStart)) {
    failures.push(`the command prints ${show(after.start.argv)}, expected ${show(expectedStart)} (${startSource})`);
  }
  const expectedHealth = fixCase.expectedArgv?.healthcheck ?? reference?.health?.argv;
  if (fixCase.removes?.healthcheck) {
    if (after.health) failures.push(`the fix removes the HEALTHCHECK (${fixCase.removes.reason}), but the fixed image has one: ${show(after.health.command)}`);
  } else if ((after.health || expectedHealth) && after.health?.ok !== false && !isDeepStrictEqual(after.health?.argv, expectedHealth)) {
    failures.push(`the HEALTHCHECK prints ${show(after.health?.argv)}, expected ${show(expectedHealth)}`);
  }
  if (reference?.built.ok && !isDeepStrictEqual(after.built.runOutputs, reference.built.runOutputs)) {
    failures.push(`its RUN steps print ${show(after.built.runOutputs)}, the reference's ${show(reference.built.runOutputs)}`);
  }
  // What the fix removes on purpose is not expected from it (`+ /usr/bin/curl f ...`).
  const removed = fixCase.removes?.files ?? [];
  const referenceFiles = reference?.files?.filter((entry) => !removed.some((path) => entry.startsWith(`+ ${path} `) || entry.startsWith(`+ ${path}/`)));
  if (referenceFiles && after.files && !isDeepStrictEqual(after.files, referenceFiles)) {
    const only = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));
    failures.push(`it adds other files than the reference: only after the fix ${show(only(after.files, referenceFiles))}, only in the reference ${show(only(referenceFiles, after.files))}`);
  }
  if (removed.length && reference?.files && referenceFiles?.length === reference.files.length) {
    failures.push(`the case says the fix removes ${show(removed)}, but the reference never had them: the case is wrong`);
  }
  return failures;
}

/**
 * Proves one case. `afterOverride` replaces what the fix writes (the oracle's own tests use it to show that a
 * wrong text is caught).
 */
export async function proveFix(fixCase: FixCase, standInLayers: ReadonlyMap<string, string>, afterOverride?: string): Promise<Verdict> {
  const problems: string[] = [];
  const notes: string[] = [];
  const fixed = applyFix(fixCase);
  if (afterOverride === undefined && fixed.after !== fixCase.after) {
    problems.push('the fix no longer writes the recorded `after` text (test/unit/fixes/fixCases.test.ts shows the difference); proving what it writes now');
  }
  const applied = { before: fixed.before, after: afterOverride ?? fixed.after };
  const context = fixCase.context ?? APP;
  const images: string[] = [];

  const observed = new Map<string, Observation>();
  /**
   * Builds and starts `text`; lists the files it adds only where they are compared (`withFiles`). A text observed
   * already is not built again: switching to the image with a shell writes exactly the reference's text.
   */
  const observe = async (text: string, what: string, withFiles: boolean): Promise<Observation> => {
    const seen = observed.get(text);
    if (seen && (seen.files || !withFiles || !seen.built.ok)) {
      notes.push(`${what}: the same text as above`);
      return seen;
    }
    const observation = await observeText(text, what, withFiles);
    observed.set(text, observation);
    return observation;
  };
  const observeText = async (text: string, what: string, withFiles: boolean): Promise<Observation> => {
    const built = await build(text, context);
    if (!built.ok) {
      notes.push(`${what}: does not build (${built.failure}): ${firstLines(built.message, 2)}`);
      return { built };
    }
    images.push(built.image);
    const { start: started, health, files } = await observeImage(built.image, withFiles ? standInLayers : undefined);
    notes.push(`${what}: built; ${started.ok ? `started, printed ${show(started.argv)}` : describeStart(started, 'start:')}${health ? `; HEALTHCHECK ${health.ok ? `printed ${show(health.argv)}` : 'fails'}` : ''}`);
    return { built, start: started, health, files };
  };

  try {
    if (fixCase.builderLimit) {
      const after = await build(applied.after, context);
      if (after.ok) {
        images.push(after.image);
        problems.push(`marked builderLimit ("${fixCase.builderLimit}"), but the builder builds the fixed file now: remove builderLimit`);
      } else notes.push(`beyond the builder: ${fixCase.builderLimit} (it says: ${firstLines(after.message, 2)})`);
      return { problems, notes, knownBroken: false, beyondBuilder: problems.length === 0 };
    }

    const before = await observe(applied.before, 'before', fixCase.beforeOutcome === 'builds-and-starts');
    const beforeOutcome = outcomeOf(before);
    if (beforeOutcome !== fixCase.beforeOutcome) problems.push(`before the fix: expected ${fixCase.beforeOutcome}, the builder shows ${beforeOutcome}`);

    let reference: Observation | undefined;
    if (fixCase.beforeOutcome === 'builds-and-starts') reference = before;
    else if (fixCase.beforeOutcome !== 'image-missing') {
      reference = await observe(withShellImages(applied.before), 'reference (before, on the images with a shell)', true);
      const works = outcomeOf(reference);
      if (fixCase.referenceFails) {
        if (works === 'builds-and-starts') problems.push(`marked referenceFails ("${fixCase.referenceFails}"), but the file before builds and starts on the images with a shell: remove referenceFails`);
        reference = undefined;
      } else if (works !== 'builds-and-starts') problems.push(`the reference (the file before the fix on images with a shell) must build and start, it shows: ${works}`);
    }

    const after = await observe(applied.after, 'after', true);
    const failures = afterFailures(after, reference, fixCase);
    if (!fixCase.expectBroken) problems.push(...failures.map((f) => `after the fix: ${f}`));
    else if (failures.length === 0) problems.push(`marked expectBroken ("${fixCase.expectBroken}"), but the fixed file builds, starts and matches the reference: remove expectBroken`);
    else notes.push(`KNOWN BROKEN: ${fixCase.expectBroken}. The oracle sees: ${failures[0]}`);
    return { problems, notes, knownBroken: Boolean(fixCase.expectBroken) && failures.length > 0, beyondBuilder: false };
  } finally {
    for (const image of images) await removeImage(image);
  }
}
