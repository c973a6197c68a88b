/** The machine format: the report as JSON, 1-based positions, stable keys. */
import { countBySeverity, type LintReport } from './report';

export function formatJson(report: LintReport): string {
  const output = {
    tool: 'dotnet-dockerfile',
    version: report.toolVersion,
    files: report.files.map((file) => ({ path: file.displayPath, fixed: file.fixed, problems: file.problems })),
    summary: { files: report.files.length, ...countBySeverity(report.files) },
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
