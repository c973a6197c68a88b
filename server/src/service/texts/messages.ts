/** Pieces of the sentences our diagnostics say about images and stages, shared by the rules (plain text: see quote.ts). */
import type { ImageFacts } from '../images/imageFacts';
import type { StageFacts } from '../document/stageFacts';
import type { Build } from '../document/build';
import type { Stage } from '../document/stages';
import { bounded, quote } from './quote';

/** "'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled' (Ubuntu chiseled)", "scratch (an empty image)". */
export function shelllessImage(facts: StageFacts): string {
  const image = facts.image;
  if (!image) return 'scratch (an empty image)';
  const via = facts.parent ? ` (through stage ${quote(facts.stage.baseWord?.text ?? '')})` : '';
  return `${quote(bounded(image.reference.text))}${image.shellReason ? ` (${image.shellReason})` : ''}${via}`;
}

/** `mcr.microsoft.com/dotnet/aspnet:10.0`, quoted and bounded. */
export function imageLabel(image: ImageFacts, tag?: string): string {
  return quote(bounded(tag === undefined ? image.reference.text : `${image.name}:${tag}`));
}

/**
 * What to do about a HEALTHCHECK a shell-less image cannot run, naming what the file really has: the URL the check
 * calls and the stage's start command (ENTRYPOINT and CMD, the image's own included). Never a flag or a file name the
 * app may not have: whether the app has a health-check argument only its author knows.
 */
export function healthCheckAdvice(checkText: string, build: Build, stage: Stage): string {
  // The app's entry point is what the Dockerfile starts: the image's own default (`dotnet --info`) is not the app.
  const start = build.stage(stage).startCommand();
  const startWords = start.entrypoint || start.cmd ? build.startWords(stage) : undefined;
  const url = /https?:\/\/[^\s"'\\]+/i.exec(checkText)?.[0];
  const probe = `Probe the app's health endpoint from outside the container instead (a Kubernetes or Docker Compose probe${url ? ` on ${quote(bounded(url))}` : ''})`;
  const entry = startWords && startWords.length > 0 && !startWords.some(isShellWord) ? quote(bounded(startWords.join(' '))) : undefined;
  const own = entry
    ? `or, if the app has a health-check argument of its own, run its entry point ${entry} with that argument in exec form`
    : "or, if the app has a health-check argument of its own, run the app with it in exec form";
  return `${probe}, ${own}.`;
}

function isShellWord(word: string): boolean {
  const name = word.slice(word.lastIndexOf('/') + 1);
  return name === 'sh' || name === 'bash';
}
