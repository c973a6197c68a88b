/**
 * BENCHMARKS.md keeps every run: `npm run bench` puts its section right below the runs marker, so the newest run
 * is on top and the older ones follow, unchanged.
 */
export const RUNS_MARKER = '<!-- bench:runs: `npm run bench` inserts each new run below this line, newest first -->';

/** The file's text with `section` inserted as the newest run; a file without the marker gets one at its end. */
export function insertRun(current: string, section: string): string {
  const at = current.indexOf(RUNS_MARKER);
  if (at < 0) return `${current.replace(/\n*$/, '\n')}\n${RUNS_MARKER}\n\n${section.trim()}\n`;
  const after = at + RUNS_MARKER.length;
  const rest = current.slice(after).replace(/^\n*/, '');
  return `${current.slice(0, after)}\n\n${section.trim()}\n\n${rest}`;
}
