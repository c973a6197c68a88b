/** The rules table as the CLI reports it (SARIF's rule list, config validation). */
import { RULES } from '../service/diagnostics/ruleRegistry';
import type { RuleInfo } from './report';

export function ruleInfos(): RuleInfo[] {
  return RULES.map((rule) => ({ id: rule.id, description: rule.summary, defaultSeverity: rule.defaultSeverity }));
}
