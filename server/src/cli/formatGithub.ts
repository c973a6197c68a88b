/**
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::message`
 * per problem, which GitHub shows as annotations on the pull request's files, then the usual summary line.
 * Escaping as @actions/core does it: `%`, CR and LF in the message; also `:` and `,` in property values.
 */
import { formatText } from './formatText';
import type { LintReport, SeverityName } from './report';

const LEVEL: Readonly<Record<SeverityName, 'error' | 'warning' | 'notice'>> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const p of file.problems) {
      const properties = [
        `file=${escapeProperty(file.displayPath)}`,
        `line=${p.line}`,
        `col=${p.column}`,
        `endLine=${p.endLine}`,
        `endColumn=${p.endColumn}`,
        `title=${escapeProperty(p.ruleId)}`,
      ];
      lines.push(`::${LEVEL[p.severity]} ${properties.join(',')}::${escapeData(p.message)}`);
    }
  }
  // After the annotations, what the text format says at its end: the files fixed and the summary line.
  const summary = formatText(report).trimEnd().split('\n').pop() ?? '';
  const fixed = report.files.filter((f) => f.fixed).map((f) => `${f.displayPath}: fixed`);
  return `${[...lines, ...fixed, summary].join('\n')}\n`;
}
