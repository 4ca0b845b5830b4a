import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineRule, REPOSITORY_URL, ruleDocsUrl } from '../../server/src/analyzer/rule';
import { testRuleMeta } from './test-rules';

void describe('defineRule', () => {
  void it('derives targets from the checks it is given', () => {
    const codeOnly = defineRule(testRuleMeta('code-only', { m: 'm' }), { 'js-ts': () => ({}), python: () => ({}) });
    assert.deepEqual(codeOnly.meta.targets, ['js-ts', 'python']);
    const configOnly = defineRule(testRuleMeta('config-only', { m: 'm' }), { 'mcp-config': () => undefined });
    assert.deepEqual(configOnly.meta.targets, ['mcp-config']);
  });

  void it('leaves out checks that are present but undefined', () => {
    const rule = defineRule(testRuleMeta('partial', { m: 'm' }), { 'js-ts': () => ({}), python: undefined });
    assert.deepEqual(rule.meta.targets, ['js-ts']);
  });

  void it('builds the docs URL from group and id', () => {
    const rule = defineRule({ ...testRuleMeta('no-token-passthrough', { m: 'm' }), group: 'tool-metadata' }, { 'js-ts': () => ({}) });
    assert.equal(rule.meta.docsUrl, `${REPOSITORY_URL}/blob/main/server/src/rules/tool-metadata/no-token-passthrough.md`);
    assert.equal(ruleDocsUrl('config', 'x'), 'https://github.com/mcp-warden/mcp-warden/blob/main/server/src/rules/config/x.md');
  });

  void it('keeps the meta and the checks it was given', () => {
    const meta = testRuleMeta('kept', { a: 'A {{x}}', b: 'B' }, 'safe');
    const checks = { 'js-ts': () => ({}) };
    const rule = defineRule(meta, checks);
    assert.equal(rule.checks, checks);
    assert.equal(rule.meta.id, 'kept');
    assert.equal(rule.meta.fix, 'safe');
    assert.deepEqual(rule.meta.messages, { a: 'A {{x}}', b: 'B' });
    assert.equal('targets' in meta, false, 'the input meta is not mutated');
  });
});
