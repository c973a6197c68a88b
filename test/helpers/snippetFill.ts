/**
 * A snippet edit as an editor leaves it once the user has typed a value into each tab stop: `${1:default}`, `${1}` and
 * the mirror `$1` all become `fill[1]`, `$0` nothing, and `\$`, `\}`, `\\` the characters they stand for. A tab stop
 * the fill does not name is an error: a test must say what the user types.
 */
export function fillSnippet(snippet: string, fill: Readonly<Record<number, string>>): string {
  let out = '';
  const value = (n: number): string => {
    if (n === 0) return '';
    const filled = fill[n];
    if (filled === undefined) throw new Error(`the snippet has tab stop $${n}, and the test does not say what to fill it with: ${JSON.stringify(snippet)}`);
    return filled;
  };
  for (let i = 0; i < snippet.length; ) {
    const c = snippet[i]!;
    if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1]!)) {
      out += snippet[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') {
      const plain = /^\$(\d+)/.exec(snippet.slice(i));
      if (plain) {
        out += value(Number(plain[1]));
        i += plain[0].length;
        continue;
      }
      const braced = /^\$\{(\d+)(?::((?:\\.|[^\\}])*))?\}/.exec(snippet.slice(i));
      if (braced) {
        out += value(Number(braced[1]));
        i += braced[0].length;
        continue;
      }
      throw new Error(`an unescaped '$' at ${i} that is no tab stop (a variable of the text must be written \\$): ${JSON.stringify(snippet)}`);
    }
    if (c === '}') throw new Error(`an unescaped '}' at ${i}: ${JSON.stringify(snippet)}`);
    out += c;
    i++;
  }
  return out;
}

/** The tab stops a snippet has (1, 2, ...; not $0). */
export function tabStops(snippet: string): number[] {
  const found = new Set<number>();
  for (const match of snippet.replace(/\\[$}\\]/g, '').matchAll(/\$\{?(\d+)/g)) if (match[1] !== '0') found.add(Number(match[1]));
  return [...found].sort((a, b) => a - b);
}
