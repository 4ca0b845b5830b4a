import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presentStatus } from '../../client/src/status-text';

void describe('language status item text', () => {
  void it('shows the count, errors first, and a spinner while analyzing', () => {
    assert.deepEqual(presentStatus({ findings: 0, errors: 0, analyzing: false, slow: undefined }), {
      text: '$(shield) MCP Warden',
      detail: 'no findings in this file',
      severity: 'information',
      busy: false,
    });
    assert.deepEqual(presentStatus({ findings: 3, errors: 1, analyzing: true, slow: undefined }), {
      text: '$(shield) MCP Warden: 3',
      detail: '3 findings, 1 error',
      severity: 'error',
      busy: true,
    });
    assert.equal(presentStatus({ findings: 1, errors: 0, analyzing: false, slow: undefined }).detail, '1 finding');
    assert.equal(presentStatus({ findings: 1, errors: 0, analyzing: false, slow: undefined }).severity, 'warning');
  });

  void it('warns about a slow analysis and names the slowest rule, even in a clean file', () => {
    const slow = 'analysis took 812 ms, over the 500 ms budget; slowest rule: no-ssrf (400 ms)';
    assert.deepEqual(presentStatus({ findings: 0, errors: 0, analyzing: false, slow }), {
      text: '$(shield) MCP Warden $(warning)',
      detail: `no findings in this file; slow: ${slow}`,
      severity: 'warning',
      busy: false,
    });
    assert.equal(presentStatus({ findings: 2, errors: 2, analyzing: false, slow }).severity, 'error');
  });
});
