import assert from 'node:assert/strict';
import { it } from 'node:test';
import { runCli } from '../server/src/cli/run-cli';
import { allRules } from '../server/src/rules';
import { TEST_ASSETS } from './helpers/analyzer';
import { REPOSITORY_ROOT } from './helpers/paths';

void it('shows every rule in the demo workspace (npm run demo)', async () => {
  let stdout = '';
  const code = await runCli(['scan', 'examples', '--format', 'json', '--fail-on', 'never'], { stdout: (text) => (stdout += text), stderr: () => undefined, cwd: REPOSITORY_ROOT, color: false }, { rules: allRules, assets: TEST_ASSETS });
  assert.equal(code, 0);
  const shown = new Set((JSON.parse(stdout) as { findings: Array<{ ruleId: string }> }).findings.map((finding) => finding.ruleId));
  assert.deepEqual(allRules.map((rule) => rule.meta.id).filter((id) => !shown.has(id)), []);
});
