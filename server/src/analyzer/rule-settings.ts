import { minimatch } from 'minimatch';
import { SEVERITIES_BY_RANK, severityRank, type Severity } from './finding';

export type SeverityOverride = Severity | 'off' | 'default' | 'upgrade' | 'downgrade';

/** One `mcpWarden.rules.customizations` entry: a rule-id glob (`!` negates) and what to do with it. */
export interface RuleCustomization {
  rule: string;
  severity: SeverityOverride;
}

export function ruleMatches(pattern: string, ruleId: string): boolean {
  const negated = pattern.startsWith('!');
  const glob = negated ? pattern.slice(1) : pattern;
  return minimatch(ruleId, glob) !== negated;
}

/** The severity a rule reports at after customizations, or 'off'. The last matching entry wins. */
export function effectiveSeverity(ruleId: string, defaultSeverity: Severity, customizations: readonly RuleCustomization[]): Severity | 'off' {
  let result: Severity | 'off' = defaultSeverity;
  for (const { rule, severity } of customizations) {
    if (!ruleMatches(rule, ruleId)) continue;
    switch (severity) {
      case 'default':
        result = defaultSeverity;
        break;
      case 'upgrade':
        result = SEVERITIES_BY_RANK[Math.min(severityRank(defaultSeverity) + 1, SEVERITIES_BY_RANK.length - 1)]!;
        break;
      case 'downgrade':
        result = SEVERITIES_BY_RANK[Math.max(severityRank(defaultSeverity) - 1, 0)]!;
        break;
      default:
        result = severity;
    }
  }
  return result;
}
