/** Settings the pure service understands. The server reads them per document (resource scope) and passes them in. */

export const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type RuleSeverity = (typeof SEVERITIES)[number];

export interface ServiceSettings {
  /** Per-rule severity overrides (`dotnetDockerfile.rules.<id>`); a rule not listed keeps its default. */
  readonly rules: Readonly<Record<string, RuleSeverity | undefined>>;
}

export const DEFAULT_SETTINGS: ServiceSettings = { rules: {} };

/** Reads rule overrides from untrusted settings JSON, ignoring values that are not severities. */
export function readRuleSettings(value: unknown): Record<string, RuleSeverity> {
  const rules: Record<string, RuleSeverity> = {};
  if (!value || typeof value !== 'object') return rules;
  for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
    if (typeof severity === 'string' && (SEVERITIES as readonly string[]).includes(severity)) rules[id] = severity as RuleSeverity;
  }
  return rules;
}
