/**
 * The README's "Fixes proven by a real builder" list, generated from the fix cases, so that it says exactly what
 * `npm run test:build` proves. test/unit/fixes/fixCases.test.ts checks the README holds it;
 * `npx tsx test/fixes/cases/readme.ts --write` rewrites it there.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FixCase } from './fixCase';
import { fixCases } from './index';
import { starterSnippetCases } from './starterSnippets';

export const README = path.resolve(__dirname, '..', '..', '..', 'README.md');
export const START = '<!-- proven-fixes:start (generated from test/fixes/cases by `npx tsx test/fixes/cases/readme.ts --write`) -->';
export const END = '<!-- proven-fixes:end -->';

/** Text for Markdown: `<` would start an HTML tag. */
const text = (value: string): string => value.replace(/</g, '&lt;');

function line(fixCase: FixCase): string {
  const filled = fixCase.fill ? `; a snippet, proven with ${Object.entries(fixCase.fill).map(([n, value]) => `\`$${n}\` = \`${value}\``).join(', ')}` : '';
  const fix = `${text(fixCase.name)} (\`${fixCase.rule}\`: "${fixCase.title}"${filled})`;
  if (fixCase.expectBroken) return `- **not yet**: ${fix}. ${capitalize(text(fixCase.expectBroken))}.`;
  if (fixCase.builderLimit) return `- *not provable here*: ${fix}. ${capitalize(text(fixCase.builderLimit))}.`;
  return `- ${fix}`;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function provenFixesSection(cases: readonly FixCase[] = fixCases, snippets: readonly string[] = starterSnippetCases().map((c) => c.prefix)): string {
  const families = [...new Set(cases.map((c) => c.family))];
  const proven = cases.filter((c) => !c.expectBroken && !c.builderLimit).length;
  const parts = [
    START,
    `${proven} of ${cases.length} fix cases are proven; the others are listed with what the builder shows.`,
  ];
  for (const family of families) {
    parts.push('', `**${capitalize(family)}**`, '', ...cases.filter((c) => c.family === family).map(line));
  }
  parts.push('', '**Starter snippets** (inserted with their defaults, each builds and starts)', '', ...snippets.map((prefix) => `- \`${prefix}\``));
  parts.push(END);
  return parts.join('\n');
}

/** The README with its generated section replaced (the markers must be there). */
export function withSection(readme: string, section = provenFixesSection()): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no generated section: add the lines\n${START}\n${END}`);
  return readme.slice(0, from) + section + readme.slice(to + END.length);
}

if (require.main === module && process.argv.includes('--write')) {
  writeFileSync(README, withSection(readFileSync(README, 'utf8')));
  console.log(`README.md: ${fixCases.length} fix cases listed`);
}
