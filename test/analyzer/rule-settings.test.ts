import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveSeverity, ruleMatches, type RuleCustomization } from '../../server/src/analyzer/rule-settings';

const TLS = 'no-disabled-tls-verification';
const SECRET = 'no-plaintext-secret-in-config';

void describe('ruleMatches', () => {
  void it('matches exact ids and globs', () => {
    assert.equal(ruleMatches(TLS, TLS), true);
    assert.equal(ruleMatches('no-*', TLS), true);
    assert.equal(ruleMatches('*', TLS), true);
    assert.equal(ruleMatches('no-plaintext-*', TLS), false);
    assert.equal(ruleMatches('no-disabled-tls', TLS), false);
  });

  void it('a leading ! matches every rule the glob does not', () => {
    assert.equal(ruleMatches('!no-plaintext-*', TLS), true);
    assert.equal(ruleMatches('!no-plaintext-*', SECRET), false);
    assert.equal(ruleMatches(`!${TLS}`, TLS), false);
  });
});

void describe('effectiveSeverity', () => {
  const severity = (customizations: RuleCustomization[], ruleId = TLS, defaultSeverity: Parameters<typeof effectiveSeverity>[1] = 'warning') =>
    effectiveSeverity(ruleId, defaultSeverity, customizations);

  void it('is the default severity without customizations', () => {
    assert.equal(severity([]), 'warning');
    assert.equal(severity([], TLS, 'hint'), 'hint');
  });

  void it('sets an explicit severity for a matching exact id or glob', () => {
    assert.equal(severity([{ rule: TLS, severity: 'error' }]), 'error');
    assert.equal(severity([{ rule: 'no-*', severity: 'info' }]), 'info');
    assert.equal(severity([{ rule: '*', severity: 'hint' }]), 'hint');
  });

  void it('ignores customizations that do not match', () => {
    assert.equal(severity([{ rule: SECRET, severity: 'off' }]), 'warning');
    assert.equal(severity([{ rule: 'no-plaintext-*', severity: 'error' }]), 'warning');
  });

  void it('honours ! negation', () => {
    const customizations: RuleCustomization[] = [{ rule: '!no-plaintext-*', severity: 'info' }];
    assert.equal(severity(customizations, TLS), 'info');
    assert.equal(severity(customizations, SECRET, 'error'), 'error');
  });

  void it('lets the last matching entry win', () => {
    assert.equal(severity([{ rule: '*', severity: 'off' }, { rule: TLS, severity: 'error' }]), 'error');
    assert.equal(severity([{ rule: TLS, severity: 'error' }, { rule: '*', severity: 'off' }]), 'off');
    assert.equal(severity([{ rule: TLS, severity: 'error' }, { rule: SECRET, severity: 'hint' }]), 'error', 'a later non-matching entry changes nothing');
  });

  void it('turns a rule off', () => {
    assert.equal(severity([{ rule: TLS, severity: 'off' }]), 'off');
  });

  void it("'default' restores the rule's own severity after an earlier entry", () => {
    assert.equal(severity([{ rule: '*', severity: 'off' }, { rule: TLS, severity: 'default' }]), 'warning');
    assert.equal(severity([{ rule: '*', severity: 'error' }, { rule: 'no-*', severity: 'default' }], TLS, 'info'), 'info');
  });

  void it('upgrades and downgrades one level from the default', () => {
    assert.equal(severity([{ rule: TLS, severity: 'upgrade' }], TLS, 'hint'), 'info');
    assert.equal(severity([{ rule: TLS, severity: 'upgrade' }], TLS, 'info'), 'warning');
    assert.equal(severity([{ rule: TLS, severity: 'upgrade' }], TLS, 'warning'), 'error');
    assert.equal(severity([{ rule: TLS, severity: 'downgrade' }], TLS, 'error'), 'warning');
    assert.equal(severity([{ rule: TLS, severity: 'downgrade' }], TLS, 'warning'), 'info');
    assert.equal(severity([{ rule: TLS, severity: 'downgrade' }], TLS, 'info'), 'hint');
  });

  void it('clamps upgrade at error and downgrade at hint', () => {
    assert.equal(severity([{ rule: TLS, severity: 'upgrade' }], TLS, 'error'), 'error');
    assert.equal(severity([{ rule: TLS, severity: 'downgrade' }], TLS, 'hint'), 'hint');
  });

  void it('upgrade is relative to the default, not to an earlier customization (documented setting behaviour)', () => {
    assert.equal(severity([{ rule: '*', severity: 'hint' }, { rule: TLS, severity: 'upgrade' }], TLS, 'warning'), 'error');
    assert.equal(severity([{ rule: '*', severity: 'off' }, { rule: TLS, severity: 'downgrade' }], TLS, 'warning'), 'info');
  });
});
