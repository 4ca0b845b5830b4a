import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/rules';
import { sharedAnalyzer } from '../helpers/analyzer';
import { applyAllFixes, findingsOf, fixtureLabel, fixturesOf } from '../helpers/fixtures';

function describeLines(lines: Iterable<number>): string {
  return [...lines].map((line) => line + 1).join(', ') || 'none';
}

for (const rule of allRules) {
  void describe(`rule ${rule.meta.id}`, () => {
    for (const fixture of fixturesOf(rule)) {
      const annotations = fixture.annotations.filter((annotation) => annotation.ruleId === rule.meta.id);
      const linesOf = (kind: string) => new Set(annotations.filter((annotation) => annotation.kind === kind).map((annotation) => annotation.line));

      void it(`${fixtureLabel(fixture)}: reports exactly the ruleid: lines`, async () => {
        const analyzer = await sharedAnalyzer();
        const findings = await findingsOf(analyzer, rule, fixture.analyzedPath, fixture.text);
        const source = fixture.text;
        const lineOf = (offset: number) => source.slice(0, offset).split(/\r\n|\r|\n/).length - 1;
        const reportedLines = new Set(findings.map((finding) => lineOf(finding.start)));
        const expected = linesOf('ruleid');
        const missed = [...expected].filter((line) => !reportedLines.has(line));
        const unexpected = [...reportedLines].filter((line) => !expected.has(line) && !linesOf('todook').has(line));
        assert.deepEqual(
          { missed: describeLines(missed), unexpected: describeLines(unexpected) },
          { missed: 'none', unexpected: 'none' },
          `findings: ${findings.map((finding) => `${lineOf(finding.start) + 1}: ${finding.message}`).join('\n')}`,
        );
        const okLinesReported = [...linesOf('ok')].filter((line) => reportedLines.has(line));
        assert.equal(describeLines(okLinesReported), 'none', 'ok: lines must stay silent');
        const todoFound = [...linesOf('todoruleid')].filter((line) => reportedLines.has(line));
        assert.equal(describeLines(todoFound), 'none', 'a todoruleid: line is now reported; promote it to ruleid:');
        for (const finding of findings) {
          assert.ok(finding.end > finding.start, `empty range at ${finding.start}`);
          assert.ok(finding.message.length > 0 && !finding.message.includes('{{'), `unfilled message: ${finding.message}`);
        }
      });

      if (fixture.fixedFile) {
        const fixedFile = fixture.fixedFile;
        void it(`${fixtureLabel(fixture)}: applying every fix gives ${fixtureLabel({ ...fixture, file: fixedFile })}`, async () => {
          const analyzer = await sharedAnalyzer();
          const fixed = await applyAllFixes(analyzer, rule, fixture.analyzedPath, fixture.text);
          assert.equal(fixed, readFileSync(fixedFile, 'utf8'));
          const remaining = await findingsOf(analyzer, rule, fixture.analyzedPath, fixed);
          assert.deepEqual(remaining.filter((finding) => finding.fixes.length > 0).map((finding) => finding.message), []);
        });
      }
    }
  });
}
