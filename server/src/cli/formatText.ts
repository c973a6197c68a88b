/**
 * The human format: one line per problem, `path:line:column: severity: message [rule-id]`, which
 * terminals and editors turn into links, then a summary line.
 */
import { countBySeverity, type LintReport } from './report';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function formatText(report: LintReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.fixed) lines.push(`${file.displayPath}: fixed`);
    for (const p of file.problems) {
      lines.push(`${file.displayPath}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.ruleId}]`);
    }
  }
  const counts = countBySeverity(report.files);
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const withProblems = report.files.filter((f) => f.problems.length > 0).length;
  const fixed = report.files.filter((f) => f.fixed).length;
  const checked = plural(report.files.length, 'Dockerfile');
  const fixedNote = fixed > 0 ? `, fixed ${plural(fixed, 'file')}` : '';
  if (total === 0) {
    lines.push(`${checked} checked, no problems${fixedNote}.`);
  } else {
    const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), `${counts.information} information`, plural(counts.hint, 'hint')];
    lines.push('', `${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(withProblems, 'file')}; ${checked} checked${fixedNote}.`);
  }
  return `${lines.join('\n')}\n`;
}
