/**
 * Quoting for plain-text messages. Diagnostic messages are plain text: VS Code's Problems panel (and most editors)
 * show them as they are, so code is quoted with '...' rather than backticks. Hover texts are markdown and live in
 * hover.json. Nothing here imports anything: every layer may quote.
 */

/** Code or a name from the document, quoted for a plain-text message: 'CMD ["dotnet", "App.dll"]'. */
export function quote(text: string): string {
  return `'${text}'`;
}

/** 'a', 'b' or 'c'. */
export function orList(items: readonly string[]): string {
  const quoted = items.map(quote);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The longest piece of the document we repeat in a message; a longer one is cut with an ellipsis. */
export const MAX_QUOTED_LENGTH = 120;

/** A document text cut to a length a message can carry (hostile input can make a tag 100,000 characters long). */
export function bounded(text: string, max = MAX_QUOTED_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

