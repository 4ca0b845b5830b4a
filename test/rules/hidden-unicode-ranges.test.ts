import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sharedAnalyzer } from '../helpers/analyzer';

const RULE = 'no-hidden-unicode-in-description';

async function rangesOf(text: string): Promise<string[]> {
  const { findings } = await (await sharedAnalyzer()).analyze({ path: 'server.ts', text });
  return findings.filter((finding) => finding.ruleId === RULE).map((finding) => text.slice(finding.start, finding.end));
}

void it('underlines the whole literal when the hidden characters are raw (they render with no width)', async () => {
  assert.deepEqual(await rangesOf("server.tool('add', 'Adds\u200b two\u{E0041} numbers.', h);\n"), ["'Adds\u200b two\u{E0041} numbers.'"]);
});

void it('underlines exactly the escapes when the hidden characters are written as escapes (visible text)', async () => {
  assert.deepEqual(await rangesOf("server.tool('add', 'Adds\\u200b two\\u{E0041} numbers.', h);\n"), ['\\u200b two\\u{E0041}']);
});
