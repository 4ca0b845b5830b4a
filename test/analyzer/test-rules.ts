import type { FixAvailability, RuleMeta } from '../../server/src/analyzer/rule';

/** Meta for rules built inside tests; only id, messages and fix matter to the engine. */
export function testRuleMeta<MessageId extends string>(id: string, messages: Record<MessageId, string>, fix: FixAvailability = 'none'): RuleMeta<MessageId> {
  return {
    id,
    group: 'source',
    description: `Test rule ${id}`,
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-20'],
    owaspMcp: 'MCP05',
    control: 6,
    fix,
    messages,
    references: [],
  };
}
