import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { runCli } from '../../server/src/cli/run-cli';
import { allRules } from '../../server/src/rules';
import { TEST_ASSETS } from '../helpers/analyzer';

async function scanMessages(directory: string): Promise<string[]> {
  let stdout = '';
  await runCli(['scan', '.', '--format', 'json', '--fail-on', 'never'], { stdout: (text) => (stdout += text), stderr: () => undefined, cwd: directory, color: false }, { rules: allRules, assets: TEST_ASSETS });
  return (JSON.parse(stdout) as { findings: Array<{ ruleId: string; message: string }> }).findings.filter((finding) => finding.ruleId === 'require-pinned-mcp-dependency').map((finding) => finding.message);
}

void it('the CLI tells the manifest rules which lockfiles lie beside package.json', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'mcp-warden-lockfile-'));
  try {
    writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'server', version: '1.0.0', dependencies: { '@modelcontextprotocol/sdk': '1.32.2' } }, null, 2));
    const withoutLockfile = await scanMessages(directory);
    assert.equal(withoutLockfile.length, 1);
    assert.match(withoutLockfile[0]!, /lock/i);
    writeFileSync(join(directory, 'package-lock.json'), JSON.stringify({ name: 'server', lockfileVersion: 3, packages: {} }));
    assert.deepEqual(await scanMessages(directory), []);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

void it('mcp-warden advisories lists the bundled table with its review date', async () => {
  let stdout = '';
  const code = await runCli(['advisories'], { stdout: (text) => (stdout += text), stderr: () => undefined, cwd: process.cwd(), color: false }, { rules: allRules, assets: TEST_ASSETS });
  assert.equal(code, 0);
  assert.match(stdout, /reviewed \d{4}-\d{2}-\d{2}/);
  assert.match(stdout, /npm:mcp-remote .*CVE-2025-6514.* fixed in /);
});
