/** Pieces of the sentences our diagnostics say about images and stages, shared by the rules (plain text: see quote.ts). */
import type { ImageFacts } from '../images/imageFacts';
import type { StageFacts } from '../document/stageFacts';
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
