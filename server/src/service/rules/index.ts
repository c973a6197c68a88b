/**
 * The rules table: every diagnostic rule, in the order they run. The id is the Diagnostic.code, the
 * settings key (`dotnetDockerfile.rules.<id>`) and the suppression key (`# dotnet-dockerfile ignore=<id>`).
 * Adding a rule: its file, its tests, one line here, its section in README.md.
 */
import type { Rule } from './rule';
import { shellFormWithoutShell } from './shell-form-without-shell';
import { missingTool } from './missing-tool';
import { unknownTag } from './unknown-tag';
import { tagNotInCatalog } from './tag-not-in-catalog';
import { eolVersion } from './eol-version';
import { retiredRepository } from './retired-repository';
import { sdkInFinalStage } from './sdk-in-final-stage';
import { versionMismatch } from './version-mismatch';
import { untaggedImage } from './untagged-image';
import { privilegedPort } from './privileged-port';
import { globalizationWithoutIcu } from './globalization-without-icu';
import { eolSoon } from './eol-soon';
import { frozenTag } from './frozen-tag';
import { nightlyImage } from './nightly-image';
import { projectVersionMismatch } from './project-version-mismatch';
import { wrongRuntimeFamily } from './wrong-runtime-family';

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
