import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer, type AnalyzerSettings } from '../../server/src/analyzer/analyze';
import type { AnalysisResult, Finding } from '../../server/src/analyzer/finding';
import { defineRule, type FixDescriptor, type ReportDescriptor, type Rule } from '../../server/src/analyzer/rule';
import { applyEdits } from '../../server/src/analyzer/text-edits';
import { allRules } from '../../server/src/rules';
import { analyzerWith, sharedAnalyzer, TEST_ASSETS } from '../helpers/analyzer';
import { testRuleMeta } from './test-rules';

const TLS = 'no-disabled-tls-verification';
const UNICODE = 'no-hidden-unicode-in-description';
const SECRET = 'no-plaintext-secret-in-config';
const TOKEN = 'ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio';

/** A TypeScript file with one finding of each code rule. */
const SERVER_TS = [
  "import https from 'node:https';",
  "server.tool('add', 'Adds\\u200b numbers', async () => ({ content: [] }));",
  'const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });',
  '',
].join('\n');

const CONFIG = `{\n  "servers": {\n    "github": {\n      "command": "npx",\n      "env": { "GITHUB_TOKEN": "${TOKEN}" }\n    }\n  }\n}\n`;

async function analyze(path: string, text: string, settings?: AnalyzerSettings, languageId?: string): Promise<AnalysisResult> {
  return (await sharedAnalyzer()).analyze({ path, text, ...(languageId !== undefined ? { languageId } : {}) }, settings);
}

function ruleIds(result: AnalysisResult): string[] {
  return result.findings.map((finding) => finding.ruleId);
}

/** A js-ts rule reporting what `reports` returns for every `program` node. */
function reportingRule<MessageId extends string>(
  id: string,
  messages: Record<MessageId, string>,
  reports: (text: string) => Array<ReportDescriptor<MessageId>>,
  fix: 'none' | 'safe' | 'suggestion' = 'none',
): Rule<MessageId> {
  return defineRule<MessageId>(testRuleMeta(id, messages, fix), {
    'js-ts': (context) => ({
      program() {
        for (const descriptor of reports(context.source.text)) context.report(descriptor);
      },
    }),
  });
}

void describe('Analyzer basics', () => {
  void it('finds the built-in rules by id', async () => {
    const analyzer = await sharedAnalyzer();
    assert.equal(analyzer.ruleById(TLS)?.meta.id, TLS);
    assert.equal(analyzer.ruleById('no-such-rule'), undefined);
    assert.equal(analyzer.rules, allRules);
  });

  void it('reports findings with UTF-16 offsets, messages, severities and line anchors', async () => {
    const { findings, notices } = await analyze('server.ts', SERVER_TS);
    assert.deepEqual(notices, []);
    assert.deepEqual(ruleIds({ findings, notices }), [UNICODE, TLS]);
    const [unicode, tls] = findings as [Finding, Finding];
    assert.equal(SERVER_TS.slice(unicode.start, unicode.end), '\\u200b');
    assert.equal(unicode.severity, 'error');
    assert.equal(unicode.suppressionAnchor, SERVER_TS.indexOf('server.tool'));
    assert.match(unicode.message, /description of tool 'add'/);
    assert.equal(SERVER_TS.slice(tls.start, tls.end), 'rejectUnauthorized: false');
    assert.equal(tls.severity, 'warning');
    assert.equal(tls.suppressionAnchor, SERVER_TS.indexOf('const agent'));
    assert.equal(tls.messageId, 'verificationOption');
    assert.ok(!tls.message.includes('{{'), tls.message);
    assert.equal(tls.fixes[0]?.kind, 'suggestion', "defaults to the rule's meta.fix");
    assert.equal(unicode.fixes[0]?.kind, 'safe');
  });

  void it('counts offsets in UTF-16 units after astral characters and CRLF line breaks', async () => {
    const text = "// 😀😀 emoji first\r\nconst a = { rejectUnauthorized: false };\r\n";
    const [finding] = (await analyze('a.ts', text)).findings;
    assert.ok(finding);
    assert.equal(text.slice(finding.start, finding.end), 'rejectUnauthorized: false');
    assert.equal(finding.suppressionAnchor, text.indexOf('const'));
  });

  void it('analyzes untitled documents by language id', async () => {
    assert.deepEqual(ruleIds(await analyze('Untitled-1', 'const a = { rejectUnauthorized: false };', undefined, 'typescript')), [TLS]);
    assert.deepEqual(ruleIds(await analyze('Untitled-2', 'requests.get(url, verify=False)\n', undefined, 'python')), [TLS]);
    assert.deepEqual(await analyze('Untitled-3', 'const a = { rejectUnauthorized: false };'), { findings: [], notices: [] });
  });

  void it('returns nothing for unsupported files and declaration files', async () => {
    assert.deepEqual(await analyze('README.md', 'rejectUnauthorized: false'), { findings: [], notices: [] });
    assert.deepEqual(await analyze('types.d.ts', 'declare const a: { rejectUnauthorized: false };'), { findings: [], notices: [] });
    assert.deepEqual(await analyze('package.json', `{ "env": { "GITHUB_TOKEN": "${TOKEN}" } }`), { findings: [], notices: [] });
  });

  void it('runs each rule only on its targets', async () => {
    assert.deepEqual(ruleIds(await analyze('.vscode/mcp.json', CONFIG)), [SECRET]);
    // The same token in code is the source rule's business, not the config rule's.
    assert.deepEqual(ruleIds(await analyze('config.ts', `const env = { GITHUB_TOKEN: '${TOKEN}' };`)), ['no-hardcoded-secret']);
    const pythonOnly = defineRule<'m'>(testRuleMeta('python-only', { m: 'm' }), {
      python: (context) => ({ module: (node) => context.report({ messageId: 'm', start: node.startIndex, end: node.startIndex + 1 }) }),
    });
    const analyzer = await analyzerWith([pythonOnly]);
    assert.deepEqual((await analyzer.analyze({ path: 'a.ts', text: 'x;' })).findings, []);
    assert.deepEqual(ruleIds(await analyzer.analyze({ path: 'a.py', text: 'x' })), ['python-only']);
  });

  void it('an analyzer created separately gives the same results', async () => {
    const analyzer = await Analyzer.create(TEST_ASSETS, allRules);
    try {
      assert.deepEqual(await analyzer.analyze({ path: 'server.ts', text: SERVER_TS }), await analyze('server.ts', SERVER_TS));
    } finally {
      analyzer.dispose();
    }
  });
});

void describe('Analyzer robustness', () => {
  void it('skips binary text with a notice and no findings', async () => {
    assert.deepEqual(await analyze('server.ts', `${SERVER_TS}\0\0`), {
      findings: [],
      notices: [{ kind: 'skipped-binary', message: 'skipped: binary content' }],
    });
    const config = await analyze('.vscode/mcp.json', CONFIG.replace('npx', 'n\0px'));
    assert.deepEqual(config.findings, []);
    assert.deepEqual(
      config.notices.map((notice) => notice.kind),
      ['skipped-binary'],
    );
  });

  void it('skips text larger than maxFileSizeKb, and analyzes text right at the limit', async () => {
    const padded = (length: number) => SERVER_TS + '/'.repeat(length - SERVER_TS.length);
    const tooLarge = await analyze('server.ts', padded(1025), { ruleCustomizations: [], maxFileSizeKb: 1 });
    assert.deepEqual(tooLarge.findings, []);
    assert.deepEqual(
      tooLarge.notices.map((notice) => notice.kind),
      ['skipped-too-large'],
    );
    assert.match(tooLarge.notices[0]!.message, /1 KB/);
    assert.deepEqual(ruleIds(await analyze('server.ts', padded(1024), { ruleCustomizations: [], maxFileSizeKb: 1 })), [UNICODE, TLS]);
    assert.deepEqual(ruleIds(await analyze('server.ts', padded(5000))), [UNICODE, TLS], 'no limit without the setting');
  });

  void it('analyzes empty files without findings or errors', async () => {
    for (const path of ['a.ts', 'a.tsx', 'a.js', 'a.py']) assert.deepEqual(await analyze(path, ''), { findings: [], notices: [] }, path);
    const config = await analyze('.vscode/mcp.json', '');
    assert.deepEqual(config.findings, []);
    assert.ok(config.notices.every((notice) => notice.kind === 'parse-error'));
  });

  void it('still analyzes syntactically broken TypeScript and Python', async () => {
    const typescript = await analyze('broken.ts', '}}}{{{ ((( function (\nconst o = { rejectUnauthorized: false }; ]]] class');
    assert.deepEqual(typescript.notices, []);
    assert.deepEqual(ruleIds(typescript), [TLS]);
    const unterminated = await analyze('broken.ts', 'const o = { rejectUnauthorized: false ');
    assert.deepEqual(ruleIds(unterminated), [TLS]);
    const python = await analyze('broken.py', 'def f(:\n  requests.get(u, verify=False)\nclass\n');
    assert.deepEqual(python.notices, []);
    assert.deepEqual(ruleIds(python), [TLS]);
  });

  void it('reports JSON parse errors with offsets and still checks the parsed part', async () => {
    const missingComma = `{"servers": {"a": {"env": {"A": "x" "T": "${TOKEN}"}}}}`;
    const result = await analyze('.vscode/mcp.json', missingComma);
    assert.deepEqual(result.notices, [{ kind: 'parse-error', message: 'JSON: CommaExpected', offset: missingComma.indexOf('"T"') }]);
    assert.deepEqual(ruleIds(result), [SECRET]);
    assert.equal(missingComma.slice(result.findings[0]!.start, result.findings[0]!.end), TOKEN);

    const unterminated = `{ "servers": { "a": { "env": { "T": "${TOKEN}" } } `;
    const truncated = await analyze('.vscode/mcp.json', unterminated);
    assert.ok(truncated.notices.length > 0);
    for (const notice of truncated.notices) {
      assert.equal(notice.kind, 'parse-error');
      assert.equal(typeof notice.offset, 'number');
    }
    assert.deepEqual(ruleIds(truncated), [SECRET]);
  });

  void it('reports at most five JSON parse errors', async () => {
    const result = await analyze('.vscode/mcp.json', `{"servers": {"a": {"env": {"T": "${TOKEN}",,,,,,,,,, }}}}`);
    assert.equal(result.notices.length, 5);
    assert.deepEqual(ruleIds(result), [SECRET]);
  });

  void it('does not run config rules on a config whose root is not an object', async () => {
    assert.deepEqual(await analyze('.vscode/mcp.json', `["${TOKEN}"]`), { findings: [], notices: [] });
  });
});

void describe('Analyzer: failing rules', () => {
  const throwing = defineRule<'m'>(testRuleMeta('throwing-rule', { m: 'm' }), {
    'js-ts': () => ({
      pair() {
        throw new Error('boom');
      },
    }),
    python: () => {
      throw new Error('cannot start');
    },
    'mcp-config': () => {
      throw new TypeError('bad config check');
    },
  });

  void it('reports a throwing visitor once as a rule-error and leaves other rules unaffected', async () => {
    const analyzer = await analyzerWith([throwing, ...allRules]);
    const expected = await analyze('server.ts', SERVER_TS);
    const result = await analyzer.analyze({ path: 'server.ts', text: SERVER_TS });
    assert.deepEqual(result.notices, [{ kind: 'rule-error', ruleId: 'throwing-rule', message: 'rule throwing-rule failed: boom' }]);
    assert.deepEqual(result.findings, expected.findings);
    const again = await analyzer.analyze({ path: 'server.ts', text: SERVER_TS });
    assert.equal(again.notices.length, 1, 'a crash in one analysis does not carry over');
  });

  void it('reports a rule that throws while creating its visitor', async () => {
    const analyzer = await analyzerWith([throwing, ...allRules]);
    const result = await analyzer.analyze({ path: 'client.py', text: 'requests.get(url, verify=False)\n' });
    assert.deepEqual(result.notices, [{ kind: 'rule-error', ruleId: 'throwing-rule', message: 'rule throwing-rule failed: cannot start' }]);
    assert.deepEqual(ruleIds(result), [TLS]);
  });

  void it('reports a throwing config check', async () => {
    const analyzer = await analyzerWith([throwing, ...allRules]);
    const result = await analyzer.analyze({ path: '.vscode/mcp.json', text: CONFIG });
    assert.deepEqual(result.notices, [{ kind: 'rule-error', ruleId: 'throwing-rule', message: 'rule throwing-rule failed: bad config check' }]);
    assert.deepEqual(ruleIds(result), [SECRET]);
  });

  void it('reports non-Error throws too', async () => {
    const rule = defineRule<'m'>(testRuleMeta('throws-string', { m: 'm' }), {
      'js-ts': () => ({
        program() {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- the engine must cope with any thrown value
          throw 'plain string';
        },
      }),
    });
    const result = await (await analyzerWith([rule])).analyze({ path: 'a.ts', text: 'x;' });
    assert.deepEqual(result.notices, [{ kind: 'rule-error', ruleId: 'throws-string', message: 'rule throws-string failed: plain string' }]);
  });

  void it('reports an unknown messageId as a rule-error instead of a finding', async () => {
    const rule = reportingRule<'known'>('bad-message', { known: 'Known' }, () => [{ messageId: 'unknown' as 'known', start: 0, end: 1 }]);
    const result = await (await analyzerWith([rule])).analyze({ path: 'a.ts', text: 'x;' });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.notices, [{ kind: 'rule-error', ruleId: 'bad-message', message: "rule bad-message failed: unknown messageId 'unknown'" }]);
  });

  void it("reports fixes from a rule declaring meta.fix 'none' as a rule-error", async () => {
    const fixes: FixDescriptor[] = [{ title: 'Remove', edits: [{ start: 0, end: 1, newText: '' }] }];
    const rule = reportingRule('undeclared-fix', { m: 'm' }, () => [{ messageId: 'm', start: 0, end: 1, fixes }], 'none');
    const result = await (await analyzerWith([rule])).analyze({ path: 'a.ts', text: 'x;' });
    assert.deepEqual(result.findings, []);
    assert.equal(result.notices.length, 1);
    assert.equal(result.notices[0]?.kind, 'rule-error');
    assert.match(result.notices[0].message, /meta\.fix 'none'/);
    const empty = reportingRule('no-fixes', { m: 'm' }, () => [{ messageId: 'm', start: 0, end: 1, fixes: [] }], 'none');
    assert.deepEqual((await (await analyzerWith([empty])).analyze({ path: 'a.ts', text: 'x;' })).notices, [], 'an empty fix list is fine');
  });
});

void describe('Analyzer: reports', () => {
  void it('fills message placeholders from data and leaves unknown ones', async () => {
    const rule = reportingRule('messages', { m: 'Set {{option}} to {{ value }}; {{missing}} stays.' }, () => [
      { messageId: 'm', start: 0, end: 1, data: { option: 'rejectUnauthorized', value: 0 } },
    ]);
    const [finding] = (await (await analyzerWith([rule])).analyze({ path: 'a.ts', text: 'x;' })).findings;
    assert.equal(finding?.message, 'Set rejectUnauthorized to 0; {{missing}} stays.');
  });

  void it('lets a finding carry its own severity, with the user settings applied on top of it', async () => {
    const rule = reportingRule('per-finding', { m: 'm' }, () => [
      { messageId: 'm', start: 0, end: 1 },
      { messageId: 'm', start: 1, end: 2, severity: 'info' },
    ]);
    const analyzer = await analyzerWith([rule]);
    const severities = async (settings?: AnalyzerSettings) => (await analyzer.analyze({ path: 'a.ts', text: 'x;' }, settings)).findings.map((finding) => finding.severity);
    assert.deepEqual(await severities(), ['warning', 'info']);
    assert.deepEqual(await severities({ ruleCustomizations: [{ rule: 'per-finding', severity: 'upgrade' }] }), ['error', 'warning']);
    assert.deepEqual(await severities({ ruleCustomizations: [{ rule: 'per-finding', severity: 'hint' }] }), ['hint', 'hint']);
  });

  void it("gives fixes the rule's fix kind unless they set their own, and passes details and related locations through", async () => {
    const edits = [{ start: 0, end: 1, newText: 'y' }];
    const rule = reportingRule(
      'fix-kinds',
      { m: 'm' },
      () => [
        {
          messageId: 'm',
          start: 0,
          end: 1,
          fixes: [{ title: 'default', edits }, { title: 'explicit', edits, kind: 'suggestion' }],
          details: '**Details**',
          related: [{ start: 1, end: 2, message: 'here' }],
        },
        { messageId: 'm', start: 1, end: 2 },
      ],
      'safe',
    );
    const [first, second] = (await (await analyzerWith([rule])).analyze({ path: 'a.ts', text: 'x;' })).findings;
    assert.deepEqual(first?.fixes, [
      { title: 'default', kind: 'safe', edits },
      { title: 'explicit', kind: 'suggestion', edits },
    ]);
    assert.equal(first?.details, '**Details**');
    assert.deepEqual(first?.related, [{ start: 1, end: 2, message: 'here' }]);
    assert.ok(second);
    assert.equal('details' in second, false);
    assert.equal('related' in second, false);
    assert.deepEqual(second.fixes, []);
  });

  void it('sorts findings by start, end, then rule id, and removes exact duplicates', async () => {
    const text = 'aaaa;\nbbbb;\n';
    const b = reportingRule<'m' | 'n'>('rule-b', { m: 'm', n: 'n' }, () => [
      { messageId: 'm', start: 6, end: 10 },
      { messageId: 'm', start: 0, end: 4 },
      { messageId: 'm', start: 0, end: 2 },
      { messageId: 'm', start: 0, end: 4 },
      { messageId: 'n', start: 0, end: 4 },
    ]);
    const a = reportingRule('rule-a', { m: 'm' }, () => [{ messageId: 'm', start: 0, end: 4 }]);
    const { findings } = await (await analyzerWith([b, a])).analyze({ path: 'a.ts', text });
    assert.deepEqual(
      findings.map((finding) => `${finding.start}-${finding.end} ${finding.ruleId} ${finding.messageId}`),
      ['0-2 rule-b m', '0-4 rule-a m', '0-4 rule-b m', '0-4 rule-b n', '6-10 rule-b m'],
    );
    assert.deepEqual(
      findings.map((finding) => finding.suppressionAnchor),
      [0, 0, 0, 0, 6],
    );
  });
});

void describe('Analyzer settings', () => {
  void it('applies severity customizations', async () => {
    const result = await analyze('server.ts', SERVER_TS, { ruleCustomizations: [{ rule: TLS, severity: 'error' }, { rule: UNICODE, severity: 'downgrade' }] });
    assert.deepEqual(
      result.findings.map((finding) => [finding.ruleId, finding.severity]),
      [
        [UNICODE, 'warning'],
        [TLS, 'error'],
      ],
    );
  });

  void it('does not run rules customized to off', async () => {
    assert.deepEqual(ruleIds(await analyze('server.ts', SERVER_TS, { ruleCustomizations: [{ rule: TLS, severity: 'off' }] })), [UNICODE]);
    assert.deepEqual(ruleIds(await analyze('server.ts', SERVER_TS, { ruleCustomizations: [{ rule: '*', severity: 'off' }] })), []);
    assert.deepEqual(
      ruleIds(await analyze('server.ts', SERVER_TS, { ruleCustomizations: [{ rule: '*', severity: 'off' }, { rule: UNICODE, severity: 'default' }] })),
      [UNICODE],
    );
    const configOff = await analyze('.vscode/mcp.json', CONFIG, { ruleCustomizations: [{ rule: 'no-plaintext-*', severity: 'off' }] });
    assert.deepEqual(configOff, { findings: [], notices: [] });
  });

  void it('does not run rules the ignore file switches off for this file', async () => {
    assert.deepEqual(ruleIds(await analyze('server.ts', SERVER_TS, { ruleCustomizations: [], ignoredRules: ['no-disabled-*'] })), [UNICODE]);
    assert.deepEqual(ruleIds(await analyze('server.ts', SERVER_TS, { ruleCustomizations: [], ignoredRules: [UNICODE, TLS] })), []);
    assert.deepEqual(ruleIds(await analyze('server.ts', SERVER_TS, { ruleCustomizations: [], ignoredRules: ['!no-disabled-*'] })), [TLS]);
    assert.deepEqual(ruleIds(await analyze('.vscode/mcp.json', CONFIG, { ruleCustomizations: [], ignoredRules: [SECRET] })), []);
    assert.deepEqual(ruleIds(await analyze('server.ts', SERVER_TS, { ruleCustomizations: [], ignoredRules: [] })), [UNICODE, TLS]);
  });

  void it('ignoredRules wins over a customization that turns the rule up', async () => {
    const settings: AnalyzerSettings = { ruleCustomizations: [{ rule: TLS, severity: 'error' }], ignoredRules: [TLS] };
    assert.deepEqual(ruleIds(await analyze('server.ts', SERVER_TS, settings)), [UNICODE]);
  });
});

void describe('Analyzer: the plaintext-secret fix', () => {
  void it(
    'moves the password of a connection URL, not the scheme, into an input',
    async () => {
      const text = `{\n  "servers": {\n    "db": {\n      "command": "npx",\n      "env": { "DATABASE_URL": "postgres://postgres:postgres@db:5432/app" }\n    }\n  }\n}\n`;
      const [finding] = (await analyze('.vscode/mcp.json', text)).findings;
      assert.ok(finding);
      assert.equal(text.slice(finding.start, finding.end), 'postgres');
      assert.equal(finding.start, text.indexOf(':postgres@') + 1);
      const fixed = applyEdits(text, finding.fixes[0]!.edits);
      assert.ok(fixed.includes('"postgres://postgres:${input:database-url}@db:5432/app"'), fixed);
    },
  );
});
