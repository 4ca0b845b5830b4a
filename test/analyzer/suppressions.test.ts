import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalysisResult } from '../../server/src/analyzer/finding';
import {
  fileDirectiveText,
  isSuppressed,
  nextLineDirectiveText,
  parseDirective,
  splitReason,
  type SuppressionDirective,
} from '../../server/src/analyzer/suppressions';
import { defineRule } from '../../server/src/analyzer/rule';
import { analyzerWith, sharedAnalyzer } from '../helpers/analyzer';
import { testRuleMeta } from './test-rules';

const TLS = 'no-disabled-tls-verification';
const UNICODE = 'no-hidden-unicode-in-description';
const SECRET = 'no-plaintext-secret-in-config';

async function analyze(path: string, text: string): Promise<AnalysisResult> {
  const result = await (await sharedAnalyzer()).analyze({ path, text });
  assert.deepEqual(result.notices, [], 'the inputs of these tests are well-formed');
  return result;
}

function ruleIds(result: AnalysisResult): string[] {
  return result.findings.map((finding) => finding.ruleId);
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length - 1;
}

void describe('parseDirective', () => {
  void it('parses a // next-line directive with one rule and a reason', () => {
    assert.deepEqual(parseDirective(`// mcp-warden-disable-next-line ${TLS} -- self-signed test server`, 7), {
      scope: 'next-line',
      rules: [TLS],
      reason: 'self-signed test server',
      line: 7,
    });
  });

  void it('parses a # file directive', () => {
    assert.deepEqual(parseDirective('# mcp-warden-disable-file no-hidden-unicode-in-description -- generated', 0), {
      scope: 'file',
      rules: ['no-hidden-unicode-in-description'],
      reason: 'generated',
      line: 0,
    });
  });

  void it('parses /* */ and /** */ block comments and strips the closing marker', () => {
    assert.deepEqual(parseDirective('/* mcp-warden-disable-next-line rule-a */', 3), { scope: 'next-line', rules: ['rule-a'], reason: undefined, line: 3 });
    assert.deepEqual(parseDirective('/** mcp-warden-disable-file rule-a -- why */', 1), { scope: 'file', rules: ['rule-a'], reason: 'why', line: 1 });
  });

  void it('tolerates whitespace around the comment marker and the directive', () => {
    assert.deepEqual(parseDirective('   //mcp-warden-disable-next-line   rule-a   ', 0)?.rules, ['rule-a']);
    assert.deepEqual(parseDirective('#    mcp-warden-disable-file rule-a', 0)?.rules, ['rule-a']);
  });

  void it('splits rule lists on commas, spaces or both', () => {
    assert.deepEqual(parseDirective('// mcp-warden-disable-next-line rule-a,rule-b', 0)?.rules, ['rule-a', 'rule-b']);
    assert.deepEqual(parseDirective('// mcp-warden-disable-next-line rule-a, rule-b ,rule-c', 0)?.rules, ['rule-a', 'rule-b', 'rule-c']);
    assert.deepEqual(parseDirective('// mcp-warden-disable-next-line rule-a rule-b', 0)?.rules, ['rule-a', 'rule-b']);
  });

  void it('keeps globs as written', () => {
    assert.deepEqual(parseDirective('// mcp-warden-disable-file no-*, !no-plaintext-* -- legacy', 0)?.rules, ['no-*', '!no-plaintext-*']);
  });

  void it('keeps a reason that itself contains " -- "', () => {
    const directive = parseDirective('// mcp-warden-disable-next-line rule-a -- tests only -- see issue 12', 0);
    assert.deepEqual(directive?.rules, ['rule-a']);
    assert.equal(directive?.reason, 'tests only -- see issue 12');
  });

  void it('does not treat a hyphenated rule id or "a--b" as the reason separator', () => {
    const directive = parseDirective('// mcp-warden-disable-next-line rule--a', 0);
    assert.deepEqual(directive?.rules, ['rule--a']);
    assert.equal(directive?.reason, undefined);
  });

  void it('gives an undefined reason for an empty one', () => {
    assert.equal(parseDirective('// mcp-warden-disable-next-line rule-a --', 0)?.reason, undefined);
    assert.equal(parseDirective('// mcp-warden-disable-next-line rule-a --   ', 0)?.reason, undefined);
  });

  void it('is not a directive without rules', () => {
    assert.equal(parseDirective('// mcp-warden-disable-next-line', 0), undefined);
    assert.equal(parseDirective('// mcp-warden-disable-next-line   ', 0), undefined);
    assert.equal(parseDirective('// mcp-warden-disable-file -- everything, please', 0), undefined);
    assert.equal(parseDirective('/* mcp-warden-disable-file */', 0), undefined);
  });

  void it('is not a directive when the keyword is misspelt, extended or not at the start', () => {
    assert.equal(parseDirective('// mcp-warden-disable-next-lines rule-a', 0), undefined);
    assert.equal(parseDirective('// mcp-warden-disable rule-a', 0), undefined);
    assert.equal(parseDirective('// mcp-warden-disable-line rule-a', 0), undefined);
    assert.equal(parseDirective('// note: mcp-warden-disable-next-line rule-a', 0), undefined);
    assert.equal(parseDirective('// eslint-disable-next-line rule-a', 0), undefined);
  });

  void it('round-trips the texts the quick fixes insert', () => {
    assert.deepEqual(parseDirective(nextLineDirectiveText('//', TLS), 4), { scope: 'next-line', rules: [TLS], reason: '<reason>', line: 4 });
    assert.deepEqual(parseDirective(fileDirectiveText('#', TLS), 0), { scope: 'file', rules: [TLS], reason: '<reason>', line: 0 });
    assert.equal(nextLineDirectiveText('#', 'rule-a'), '# mcp-warden-disable-next-line rule-a -- <reason>');
    assert.equal(fileDirectiveText('//', 'rule-a'), '// mcp-warden-disable-file rule-a -- <reason>');
  });
});

void describe('splitReason', () => {
  void it('splits at the first free-standing --', () => {
    assert.deepEqual(splitReason('a b -- c -- d'), { head: 'a b', reason: 'c -- d' });
    assert.deepEqual(splitReason('-- only a reason'), { head: '', reason: 'only a reason' });
    assert.deepEqual(splitReason('a--b c'), { head: 'a--b c', reason: undefined });
  });
});

void describe('isSuppressed', () => {
  const directive = (scope: SuppressionDirective['scope'], rules: string[], line: number): SuppressionDirective => ({ scope, rules, reason: undefined, line });

  void it('silences exactly the line after a next-line directive', () => {
    const directives = [directive('next-line', [TLS], 4)];
    assert.equal(isSuppressed(TLS, 5, directives), true);
    assert.equal(isSuppressed(TLS, 4, directives), false);
    assert.equal(isSuppressed(TLS, 6, directives), false);
    assert.equal(isSuppressed(TLS, 3, directives), false);
  });

  void it('silences every line for a file directive, wherever it is', () => {
    const directives = [directive('file', [TLS], 40)];
    for (const line of [0, 39, 40, 41, 1000]) assert.equal(isSuppressed(TLS, line, directives), true, `line ${line}`);
  });

  void it('only silences the rules it names', () => {
    const directives = [directive('file', [TLS], 0), directive('next-line', ['rule-a'], 2)];
    assert.equal(isSuppressed(UNICODE, 9, directives), false);
    assert.equal(isSuppressed(UNICODE, 3, directives), false);
    assert.equal(isSuppressed('rule-a', 3, directives), true);
  });

  void it('matches rule globs and negated globs', () => {
    assert.equal(isSuppressed(TLS, 1, [directive('next-line', ['no-disabled-*'], 0)]), true);
    assert.equal(isSuppressed(UNICODE, 1, [directive('next-line', ['no-disabled-*'], 0)]), false);
    assert.equal(isSuppressed(UNICODE, 1, [directive('next-line', ['!no-disabled-*'], 0)]), true);
    assert.equal(isSuppressed(TLS, 1, [directive('next-line', ['!no-disabled-*'], 0)]), false);
  });

  void it('suppresses nothing without directives', () => {
    assert.equal(isSuppressed(TLS, 0, []), false);
  });
});

void describe('suppression directives in analyzed files', () => {
  void it('a next-line comment above `rejectUnauthorized: false` silences it', async () => {
    const unsuppressed = 'const agent = new https.Agent({\n  rejectUnauthorized: false,\n});\n';
    assert.deepEqual(ruleIds(await analyze('agent.ts', unsuppressed)), [TLS], 'control: the line is reported without a directive');
    const text = `const agent = new https.Agent({\n  // mcp-warden-disable-next-line ${TLS} -- self-signed test server\n  rejectUnauthorized: false,\n});\n`;
    assert.deepEqual(ruleIds(await analyze('agent.ts', text)), []);
  });

  void it('a next-line directive only covers the line right below it', async () => {
    const text = `// mcp-warden-disable-next-line ${TLS} -- reason\n\nconst options = { rejectUnauthorized: false };\n`;
    assert.deepEqual(ruleIds(await analyze('options.ts', text)), [TLS]);
  });

  void it('a next-line directive for another rule does not silence the finding', async () => {
    const text = `// mcp-warden-disable-next-line ${UNICODE} -- reason\nconst options = { rejectUnauthorized: false };\n`;
    assert.deepEqual(ruleIds(await analyze('options.ts', text)), [TLS]);
  });

  void it('works in Python with # comments and in /* */ comments', async () => {
    const python = `import requests\n# mcp-warden-disable-next-line ${TLS} -- internal CA\nrequests.get(url, verify=False)\n`;
    assert.deepEqual(ruleIds(await analyze('client.py', python)), []);
    const block = `/* mcp-warden-disable-next-line ${TLS} */\nconst options = { rejectUnauthorized: false };\n`;
    assert.deepEqual(ruleIds(await analyze('options.js', block)), []);
  });

  void it('works in JSONC configs with // comments', async () => {
    const config = (directive: string) =>
      `{\n  "servers": {\n    "github": {\n      "command": "npx",\n      "env": {\n${directive}        "GITHUB_TOKEN": "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio"\n      }\n    }\n  }\n}\n`;
    assert.deepEqual(ruleIds(await analyze('.vscode/mcp.json', config(''))), [SECRET], 'control');
    assert.deepEqual(ruleIds(await analyze('.vscode/mcp.json', config(`        // mcp-warden-disable-next-line ${SECRET} -- revoked test token\n`))), []);
    assert.deepEqual(ruleIds(await analyze('.vscode/mcp.json', config(`        /* mcp-warden-disable-next-line ${SECRET} */\n`))), []);
  });

  void it(
    'works in JSONC when the comment directly follows a token without a space',
    async () => {
      const text = `{\n  "servers": {\n    "github": {\n      "command": "node",\n      "env": {// mcp-warden-disable-next-line ${SECRET} -- revoked\n        "GITHUB_TOKEN": "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio"\n      }\n    }\n  }\n}\n`;
      assert.deepEqual(ruleIds(await analyze('.vscode/mcp.json', text)), []);
    },
  );

  void it('the same directive text inside a string literal does not suppress', async () => {
    const text = `const note = '// mcp-warden-disable-next-line ${TLS} -- reason';\nconst options = { rejectUnauthorized: false };\n`;
    assert.deepEqual(ruleIds(await analyze('options.ts', text)), [TLS]);
    const fileScope = `const note = "mcp-warden-disable-file ${TLS}";\nconst options = { rejectUnauthorized: false };\n`;
    assert.deepEqual(ruleIds(await analyze('options.ts', fileScope)), [TLS]);
  });

  void it('the directive inside a multi-line template literal does not suppress the line after it', async () => {
    const text = `const prompt = \`\n// mcp-warden-disable-next-line ${TLS} -- reason\n\`;\nconst options = { rejectUnauthorized: false };\n`;
    assert.deepEqual(ruleIds(await analyze('options.ts', text)), [TLS]);
  });

  void it('the directive inside a Python docstring does not suppress (poisoned descriptions cannot switch the linter off)', async () => {
    const nextLine = `import requests\n\n\ndef fetch(url):\n    """Fetch a page.\n    # mcp-warden-disable-next-line ${TLS} -- reason\n    """\n    return requests.get(url, verify=False)\n`;
    assert.deepEqual(ruleIds(await analyze('fetch.py', nextLine)), [TLS]);
    const fileScope = `"""\n# mcp-warden-disable-file ${TLS}\n"""\nimport requests\nrequests.get(url, verify=False)\n`;
    assert.deepEqual(ruleIds(await analyze('fetch.py', fileScope)), [TLS]);
  });

  void it('a poisoned tool description cannot silence the hidden-Unicode finding about itself', async () => {
    const text = `server.tool('add', '/* mcp-warden-disable-file ${UNICODE} */ Adds\\u200b numbers', async () => ({ content: [] }));\n`;
    assert.deepEqual(ruleIds(await analyze('server.ts', text)), [UNICODE]);
    const python = `@mcp.tool()\ndef add(a: int, b: int) -> int:\n    """# mcp-warden-disable-file ${UNICODE}\n    Adds\\u200b numbers."""\n    return a + b\n`;
    assert.deepEqual(ruleIds(await analyze('server.py', python)), [UNICODE]);
  });

  void it('a file directive silences the rule everywhere but not other rules', async () => {
    const text = [
      'const a = { rejectUnauthorized: false };',
      `// mcp-warden-disable-file ${TLS} -- test helpers talk to a self-signed server`,
      "server.tool('add', 'Adds\\u200b numbers', async () => ({ content: [] }));",
      'const b = { strictSSL: false };',
      '',
    ].join('\n');
    assert.deepEqual(ruleIds(await analyze('server.ts', text)), [UNICODE]);
  });

  void it('a file directive in Python silences the rule everywhere', async () => {
    const text = `import requests\nrequests.get(a, verify=False)\n# mcp-warden-disable-file ${TLS}\nrequests.post(b, verify=False)\n`;
    assert.deepEqual(ruleIds(await analyze('client.py', text)), []);
  });

  void it('a directive with a glob silences every matching rule', async () => {
    const text = `// mcp-warden-disable-file no-*\nconst a = { rejectUnauthorized: false };\nserver.tool('add', 'Adds\\u200b numbers', async () => ({ content: [] }));\n`;
    assert.deepEqual(ruleIds(await analyze('server.ts', text)), []);
  });

  void it('a directive in a strict-JSON config (.mcp.json) is not a suppression (use the ignore file)', async () => {
    const text = `{\n  "mcpServers": {\n    "github": {\n      "command": "node",\n      "env": {\n        // mcp-warden-disable-next-line ${SECRET}\n        "GITHUB_TOKEN": "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio"\n      }\n    }\n  }\n}\n`;
    const result = await (await sharedAnalyzer()).analyze({ path: '.mcp.json', text });
    assert.deepEqual(ruleIds(result), [SECRET]);
  });

  void it('a custom rule reporting on a template_string anchors at the line the literal starts on', async () => {
    // The hidden-Unicode rule below relies on the same mechanism.
    const text = `// mcp-warden-disable-next-line ${UNICODE} -- reviewed\nconst s = \`first\nsecond \\u200b\`;\n`;
    const rule = defineRule<'m'>(
      { ...testRuleMeta('zero-width-in-template', { m: 'zero width space' }), id: UNICODE },
      {
        'js-ts': (context) => ({
          template_string(node) {
            const at = node.text.indexOf('\\u200b');
            if (at >= 0) context.report({ messageId: 'm', start: node.startIndex + at, end: node.startIndex + at + 6 });
          },
        }),
      },
    );
    const analyzer = await analyzerWith([rule]);
    const unsuppressed = await analyzer.analyze({ path: 'a.ts', text: text.slice(text.indexOf('\n') + 1) });
    assert.equal(unsuppressed.findings.length, 1, 'control');
    assert.equal(unsuppressed.findings[0]!.suppressionAnchor, 0, 'anchor is the start of the line the template starts on');
    assert.deepEqual((await analyzer.analyze({ path: 'a.ts', text })).findings, []);
  });

  const templateText = (directive: string) =>
    `${directive}server.tool(\n  'add',\n  \`Adds two numbers.\n  Returns their sum.\\u200b\`,\n  async () => ({ content: [] }),\n);\n`;

  void it(
    'the finding in a multi-line template literal is anchored to the line the literal starts on',
    async () => {
      const text = templateText('');
      const [finding, ...rest] = (await analyze('server.ts', text)).findings;
      assert.ok(finding);
      assert.equal(rest.length, 0);
      assert.equal(finding.ruleId, UNICODE);
      assert.equal(lineOf(text, finding.start), 3);
      assert.equal(finding.suppressionAnchor, text.indexOf('  `Adds'));
    },
  );

  void it(
    'a directive above a multi-line template literal silences a finding on a later line of the literal',
    async () => {
      const unsuppressed = await analyze('server.ts', templateText(''));
      assert.deepEqual(ruleIds(unsuppressed), [UNICODE], 'control');
      const text = templateText('').replace("  `Adds", `  // mcp-warden-disable-next-line ${UNICODE} -- reviewed\n  \`Adds`);
      assert.deepEqual(ruleIds(await analyze('server.ts', text)), []);
    },
  );

  void it(
    'a directive above a multi-line Python docstring silences a finding on a later line of it',
    async () => {
      const docstring = (directive: string) =>
        `@mcp.tool()\ndef add(a: int, b: int) -> int:\n${directive}    """Add two numbers.\n\n    Returns\u200b the sum.\n    """\n    return a + b\n`;
      const unsuppressed = await analyze('server.py', docstring(''));
      assert.deepEqual(ruleIds(unsuppressed), [UNICODE], 'control');
      assert.equal(unsuppressed.findings[0]!.suppressionAnchor, docstring('').indexOf('    """'));
      assert.deepEqual(ruleIds(await analyze('server.py', docstring(`    # mcp-warden-disable-next-line ${UNICODE} -- reviewed\n`))), []);
    },
  );
});
