/**
 * The rules table: every diagnostic rule, in the order they run. The id is the Diagnostic.code, the
 * settings key (`dotnetDockerfile.rules.<id>`) and the suppression key (`# dotnet-dockerfile ignore=<id>`).
 * Adding a rule: its file, its tests, one line here, its section in README.md.
 */
import type { Rule } from './rule';
import { shellFormWithoutShell } from '../rules/shell-form-without-shell';
import { missingTool } from '../rules/missing-tool';
import { unknownTag } from '../rules/unknown-tag';
import { tagNotInCatalog } from '../rules/tag-not-in-catalog';
import { eolVersion } from '../rules/eol-version';
import { retiredRepository } from '../rules/retired-repository';
import { sdkInFinalStage } from '../rules/sdk-in-final-stage';
import { versionMismatch } from '../rules/version-mismatch';
import { untaggedImage } from '../rules/untagged-image';
import { privilegedPort } from '../rules/privileged-port';
import { globalizationWithoutIcu } from '../rules/globalization-without-icu';
import { eolSoon } from '../rules/eol-soon';
import { frozenTag } from '../rules/frozen-tag';
import { nightlyImage } from '../rules/nightly-image';
import { projectVersionMismatch } from '../rules/project-version-mismatch';
import { wrongRuntimeFamily } from '../rules/wrong-runtime-family';

export type { Rule } from './rule';

export const RULES: readonly Rule[] = [
  shellFormWithoutShell,
  missingTool,
  unknownTag,
  tagNotInCatalog,
  eolVersion,
  retiredRepository,
  sdkInFinalStage,
  versionMismatch,
  untaggedImage,
  privilegedPort,
  globalizationWithoutIcu,
  // Added beyond the table: what users would expect next to the rules above.
  eolSoon,
  frozenTag,
  nightlyImage,
  projectVersionMismatch,
  wrongRuntimeFamily,
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

/** Where a rule is documented (its section in the README). */
export function ruleDocumentationUrl(id: string): string {
  return `https://github.com/dotnet-dockerfile/dotnet-dockerfile#${id}`;
}
