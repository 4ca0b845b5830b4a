import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IGNORE_FILE_NAME, ignoreDecision, isRuleIgnored, parseIgnoreFile } from '../../server/src/analyzer/ignore-file';

function decision(ignoreFile: string, path: string) {
  return ignoreDecision(parseIgnoreFile(ignoreFile), path);
}

function wholeFile(ignoreFile: string, path: string): boolean {
  return decision(ignoreFile, path).wholeFile;
}

void describe('parseIgnoreFile', () => {
  void it('is named .mcpwardenignore', () => {
    assert.equal(IGNORE_FILE_NAME, '.mcpwardenignore');
  });

  void it('parses patterns, rule lists and reasons, keeping zero-based line numbers', () => {
    const text = [
      '# Test fixtures hold revoked tokens',
      '',
      'fixtures/',
      'config/claude_desktop_config.json no-plaintext-secret-in-config -- sample config, token revoked',
      '   ',
      'src/legacy/*.ts no-disabled-tls-verification, no-hidden-*',
      'vendor/** -- third-party code',
    ].join('\n');
    assert.deepEqual(parseIgnoreFile(text), [
      { pattern: 'fixtures/', rules: [], reason: undefined, line: 2 },
      { pattern: 'config/claude_desktop_config.json', rules: ['no-plaintext-secret-in-config'], reason: 'sample config, token revoked', line: 3 },
      { pattern: 'src/legacy/*.ts', rules: ['no-disabled-tls-verification', 'no-hidden-*'], reason: undefined, line: 5 },
      { pattern: 'vendor/**', rules: [], reason: 'third-party code', line: 6 },
    ]);
  });

  void it('skips comment lines, also when indented', () => {
    assert.deepEqual(parseIgnoreFile('  # a comment\n#another\n'), []);
  });

  void it('splits rule lists on commas, spaces or both', () => {
    assert.deepEqual(parseIgnoreFile('a.json rule-a,rule-b rule-c , rule-d')[0]?.rules, ['rule-a', 'rule-b', 'rule-c', 'rule-d']);
  });

  void it('keeps `\\ ` escaped spaces inside the path pattern', () => {
    assert.deepEqual(parseIgnoreFile('My\\ Documents/mcp\\ config.json rule-a -- has spaces'), [
      { pattern: 'My Documents/mcp config.json', rules: ['rule-a'], reason: 'has spaces', line: 0 },
    ]);
    assert.deepEqual(parseIgnoreFile('My\\ Project/')[0], { pattern: 'My Project/', rules: [], reason: undefined, line: 0 });
  });

  void it('keeps a reason containing " -- "', () => {
    assert.equal(parseIgnoreFile('a.json -- generated -- do not edit')[0]?.reason, 'generated -- do not edit');
  });

  void it('handles CRLF line endings', () => {
    assert.deepEqual(parseIgnoreFile('# c\r\nfixtures/\r\nsecrets.json rule-a\r\n'), [
      { pattern: 'fixtures/', rules: [], reason: undefined, line: 1 },
      { pattern: 'secrets.json', rules: ['rule-a'], reason: undefined, line: 2 },
    ]);
  });
});

void describe('ignoreDecision path matching (gitignore-like)', () => {
  void it('a pattern without a slash matches the name at any depth', () => {
    assert.equal(wholeFile('secrets.json', 'secrets.json'), true);
    assert.equal(wholeFile('secrets.json', 'config/dev/secrets.json'), true);
    assert.equal(wholeFile('*.fixture.ts', 'src/rules/a.fixture.ts'), true);
    assert.equal(wholeFile('secrets.json', 'secrets.json.bak'), false);
    assert.equal(wholeFile('secrets.json', 'config/my-secrets.json'), false);
  });

  void it('a pattern without a slash naming a folder matches everything under it', () => {
    assert.equal(wholeFile('fixtures', 'test/fixtures/a/b.json'), true);
  });

  void it('a trailing slash means a folder: its contents match at any depth, a file of that name does not', () => {
    assert.equal(wholeFile('fixtures/', 'fixtures/a.json'), true);
    assert.equal(wholeFile('fixtures/', 'src/fixtures/deep/a.json'), true);
    assert.equal(wholeFile('fixtures/', 'fixtures'), false);
    assert.equal(wholeFile('fixtures/', 'src/fixtures.json'), false);
  });

  void it('a leading slash anchors the pattern to the ignore file folder', () => {
    assert.equal(wholeFile('/mcp.json', 'mcp.json'), true);
    assert.equal(wholeFile('/mcp.json', 'sub/mcp.json'), false);
    assert.equal(wholeFile('/build/', 'build/out.js'), true);
    assert.equal(wholeFile('/build/', 'src/build/out.js'), false);
  });

  void it('a pattern with an inner slash is anchored too', () => {
    assert.equal(wholeFile('src/*.ts', 'src/server.ts'), true);
    assert.equal(wholeFile('src/*.ts', 'packages/a/src/server.ts'), false);
    assert.equal(wholeFile('src/*.ts', 'src/deep/server.ts'), false);
    assert.equal(wholeFile('src/**/*.ts', 'src/deep/server.ts'), true);
  });

  void it('matches dot files and dot folders', () => {
    assert.equal(wholeFile('mcp.json', '.vscode/mcp.json'), true);
    assert.equal(wholeFile('.mcp.json', '.mcp.json'), true);
    assert.equal(wholeFile('*.json', '.cursor/mcp.json'), true);
  });

  void it('accepts Windows separators in the relative path', () => {
    assert.equal(wholeFile('fixtures/', 'test\\fixtures\\a.json'), true);
    assert.equal(wholeFile('/src/*.ts', 'src\\server.ts'), true);
  });

  void it('matches nothing without entries, or when no entry matches', () => {
    assert.deepEqual(decision('', 'a.ts'), { wholeFile: false, rules: [] });
    assert.deepEqual(decision('# only a comment\nother.ts', 'a.ts'), { wholeFile: false, rules: [] });
  });

  void it(
    'a line holding only a reason does not ignore every file',
    () => {
      assert.deepEqual(decision('-- temporarily silence the linter', 'src/server.ts'), { wholeFile: false, rules: [] });
    },
  );
});

void describe('ignoreDecision per-rule entries', () => {
  const ignoreFile = [
    'fixtures/ no-plaintext-secret-in-config -- revoked tokens',
    'fixtures/legacy/ no-disabled-tls-verification, no-hidden-*',
    'generated/',
  ].join('\n');

  void it('collects the rule globs of every matching entry without ignoring the whole file', () => {
    assert.deepEqual(decision(ignoreFile, 'fixtures/a.json'), { wholeFile: false, rules: ['no-plaintext-secret-in-config'] });
    assert.deepEqual(decision(ignoreFile, 'fixtures/legacy/a.ts'), {
      wholeFile: false,
      rules: ['no-plaintext-secret-in-config', 'no-disabled-tls-verification', 'no-hidden-*'],
    });
  });

  void it('an entry without rules ignores the whole file', () => {
    assert.deepEqual(decision(ignoreFile, 'generated/server.ts'), { wholeFile: true, rules: [] });
  });

  void it('isRuleIgnored applies the rule globs', () => {
    const legacy = decision(ignoreFile, 'fixtures/legacy/a.ts');
    assert.equal(isRuleIgnored('no-disabled-tls-verification', legacy), true);
    assert.equal(isRuleIgnored('no-hidden-unicode-in-description', legacy), true);
    assert.equal(isRuleIgnored('no-token-passthrough', legacy), false);
    const plain = decision(ignoreFile, 'fixtures/a.json');
    assert.equal(isRuleIgnored('no-plaintext-secret-in-config', plain), true);
    assert.equal(isRuleIgnored('no-disabled-tls-verification', plain), false);
  });

  void it('isRuleIgnored is true for every rule when the whole file is ignored', () => {
    const generated = decision(ignoreFile, 'generated/a.ts');
    assert.equal(isRuleIgnored('no-disabled-tls-verification', generated), true);
    assert.equal(isRuleIgnored('any-rule-at-all', generated), true);
    assert.equal(isRuleIgnored('no-disabled-tls-verification', decision(ignoreFile, 'src/a.ts')), false);
  });
});
