/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, the tool with every rule (id, descriptions,
 * help link to the README section of the rule, default level), and one result per problem with a
 * physical location relative to `%SRCROOT%` (the working directory, normally the repository root).
 * Columns are 1-based UTF-16 code units, SARIF's default `columnKind`; `endColumn` is exclusive.
 * Fingerprints are left to `github/codeql-action/upload-sarif`, which computes them from the files.
 */
import { pathToFileURL } from 'node:url';
import type { LintReport, RuleInfo, SeverityName } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const README_URL = 'https://github.com/dotnet-dockerfile/dotnet-dockerfile';

/** SARIF has error, warning, note and none; information and hints are notes. */
function level(severity: SeverityName): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function ruleHelpUri(ruleId: string): string {
  return `${README_URL}#${ruleId}`;
}

function reportingDescriptor(rule: RuleInfo): Record<string, unknown> {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, ch: string) => ch.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    helpUri: ruleHelpUri(rule.id),
    help: { text: `${rule.description} See ${ruleHelpUri(rule.id)}`, markdown: `${rule.description} [Read more](${ruleHelpUri(rule.id)}).` },
    defaultConfiguration: { level: level(rule.defaultSeverity) },
    properties: { tags: ['dockerfile', '.NET', 'containers'] },
  };
}

export function formatSarif(report: LintReport): string {
  // Every rule of the table, plus any id a result carries that the table does not know (never drop a result).
  const rules: RuleInfo[] = [...report.rules];
  for (const file of report.files) {
    for (const problem of file.problems) {
      if (!rules.some((r) => r.id === problem.ruleId)) rules.push({ id: problem.ruleId, description: problem.ruleId, defaultSeverity: problem.severity });
    }
  }
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const inside = (displayPath: string): boolean => !displayPath.startsWith('/') && !/^[A-Za-z]:/.test(displayPath);
  const results = report.files.flatMap((file) =>
    file.problems.map((problem) => ({
      ruleId: problem.ruleId,
      ruleIndex: ruleIndex.get(problem.ruleId),
      level: level(problem.severity),
      message: { text: problem.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: inside(file.displayPath)
              ? { uri: encodeURI(file.displayPath), uriBaseId: '%SRCROOT%' }
              : { uri: pathToFileURL(file.file).href },
            region: { startLine: problem.line, startColumn: problem.column, endLine: problem.endLine, endColumn: problem.endColumn },
          },
        },
      ],
    })),
  );
  const srcRoot = pathToFileURL(report.cwd).href;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dotnet-dockerfile',
            semanticVersion: report.toolVersion,
            version: report.toolVersion,
            informationUri: README_URL,
            rules: rules.map(reportingDescriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot.endsWith('/') ? srcRoot : `${srcRoot}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
