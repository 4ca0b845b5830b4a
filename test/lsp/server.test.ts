import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol';
import { defineRule } from '../../server/src/analyzer/rule';
import { Commands, ListRulesRequest, type RuleSummary } from '../../server/src/protocol';
import { allRules } from '../../server/src/rules';
import { analyzerWith, sharedAnalyzer } from '../helpers/analyzer';
import { TestClient, pathToUri } from '../helpers/lsp-client';
import { RULES_DIRECTORY } from '../helpers/paths';

const MCP_JSON = `{
  "servers": {
    "github": {
      "command": "npx",
      "env": { "GITHUB_TOKEN": "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio" }
    }
  }
}
`;

const TS_SERVER = `import https from 'node:https';
export const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
`;

const PY_SERVER = `from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")


@mcp.tool()
def add(a: int, b: int) -> int:
    """Add two numbers.\u{E0053}\u{E0045}\u{E004E}\u{E0044}"""
    return a + b
`;

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function titles(actions: CodeAction[]): string[] {
  return actions.map((action) => action.title);
}

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1, `expected exactly one item, got ${items.length}`);
  return items[0]!;
}

void describe('language server (in-process)', () => {
  let workspace: string;
  let client: TestClient;
  const uriOf = (relative: string) => pathToUri(join(workspace, relative));

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'mcp-warden-lsp-'));
    mkdirSync(join(workspace, '.vscode'));
    client = await TestClient.inProcess(sharedAnalyzer(), { workspaceFolder: workspace }, RULES_DIRECTORY);
  });

  after(async () => {
    await client.dispose();
    rmSync(workspace, { recursive: true, force: true });
  });

  void it('publishes a plaintext secret in .vscode/mcp.json with rule id, docs link and exact range', async () => {
    const uri = uriOf('.vscode/mcp.json');
    await client.open(uri, 'jsonc', MCP_JSON);
    const diagnostic = only(await client.diagnostics(uri));
    assert.equal(diagnostic.code, 'no-plaintext-secret-in-config');
    assert.equal(diagnostic.source, 'MCP Warden');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostic.codeDescription?.href, 'https://github.com/mcp-warden/mcp-warden/blob/main/server/src/rules/config/no-plaintext-secret-in-config.md');
    const line = MCP_JSON.split('\n')[4]!;
    assert.deepEqual(diagnostic.range, {
      start: { line: 4, character: line.indexOf('ghp_') },
      end: { line: 4, character: line.indexOf('ghp_') + 40 },
    });
    assert.ok(!messageOf(diagnostic).includes('ghp_'), 'the message must not repeat the secret');
  });

  void it('offers fix, suppressions and docs for it; the fix moves the secret to an input', async () => {
    const uri = uriOf('.vscode/mcp.json');
    const diagnostics = await client.diagnostics(uri);
    const actions = await client.codeActions(uri, diagnostics);
    assert.deepEqual(titles(actions), [
      'Move the secret to a password input (${input:github-token})',
      'Suppress no-plaintext-secret-in-config for this line',
      'Suppress no-plaintext-secret-in-config for this file',
      'Show documentation for no-plaintext-secret-in-config',
    ]);
    assert.equal(actions[0]!.isPreferred, true);
    const fixed = client.applied(uri, actions[0]!.edit);
    assert.equal(
      fixed,
      `{
  "inputs": [
    {
      "type": "promptString",
      "id": "github-token",
      "description": "GITHUB_TOKEN for the 'github' MCP server",
      "password": true
    }
  ],
  "servers": {
    "github": {
      "command": "npx",
      "env": { "GITHUB_TOKEN": "\${input:github-token}" }
    }
  }
}
`,
    );
    await client.change(uri, fixed);
    assert.deepEqual(await client.diagnostics(uri), []);
  });

  void it('suppresses on the line with a comment the analyzer then honours', async () => {
    const uri = uriOf('.vscode/mcp.json');
    await client.change(uri, MCP_JSON);
    const diagnostics = await client.diagnostics(uri);
    const suppress = (await client.codeActions(uri, diagnostics)).find((action) => action.title.endsWith('for this line'))!;
    const suppressed = client.applied(uri, suppress.edit);
    assert.equal(suppressed.split('\n')[4], '      // mcp-warden-disable-next-line no-plaintext-secret-in-config -- <reason>');
    await client.change(uri, suppressed);
    assert.deepEqual(await client.diagnostics(uri), []);
  });

  void it('fixes TLS verification in TypeScript through the quick fix', async () => {
    const uri = uriOf('src/client.ts');
    await client.open(uri, 'typescript', TS_SERVER);
    const diagnostic = only(await client.diagnostics(uri));
    assert.equal(diagnostic.code, 'no-disabled-tls-verification');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostic.range, { start: { line: 1, character: 56 }, end: { line: 1, character: 81 } });
    const [fix] = await client.codeActions(uri, [diagnostic]);
    assert.equal(fix?.title, 'Remove `rejectUnauthorized: false` (verify certificates)');
    assert.equal(client.applied(uri, fix.edit), `import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true });\n`);
  });

  void it('reveals hidden text on hover and strips it with the quick fix and with fix-all', async () => {
    const uri = uriOf('server.py');
    await client.open(uri, 'python', PY_SERVER);
    const diagnostic = only(await client.diagnostics(uri));
    assert.equal(diagnostic.code, 'no-hidden-unicode-in-description');
    assert.match(messageOf(diagnostic), /Hidden text in the description of tool 'add': "SEND"/);
    const hover = await client.hover(uri, diagnostic.range.start);
    assert.match((hover?.contents as MarkupContent).value, /Add two numbers\.⟦tags: SEND⟧/);
    const expected = PY_SERVER.replace(/\u{E0053}\u{E0045}\u{E004E}\u{E0044}/u, '');
    const [fix] = await client.codeActions(uri, [diagnostic]);
    assert.equal(client.applied(uri, fix?.edit), expected);
    const fixAll = only(await client.codeActions(uri, [], ['source.fixAll']));
    assert.equal(fixAll.kind, 'source.fixAll.mcpWarden');
    assert.equal(client.applied(uri, fixAll.edit), expected);
  });

  void it('shows what the model reads on hover over any description: constants resolved, hidden characters visible, findings listed', async () => {
    const uri = uriOf('src/described.ts');
    const source = [
      "const INTRO = 'Reads a file from the workspace.';",
      "server.tool('read_file', INTRO + ' Max 1 MB.\\u200b', { path: z.string() }, async () => ({ content: [] }));",
      "server.tool('plain', 'Nothing hidden here.', async () => ({ content: [] }));",
      'const unrelated = "not a description";',
      '',
    ].join('\n');
    await client.open(uri, 'typescript', source);
    const [diagnostic] = (await client.diagnostics(uri)).filter((candidate) => candidate.code === 'no-hidden-unicode-in-description');
    assert.ok(diagnostic);
    const onConstant = await client.hover(uri, { line: 0, character: 20 });
    const shown = (onConstant?.contents as MarkupContent).value;
    assert.match(shown, /what the model reads in the description of tool 'read_file' \(1 hidden character made visible\)/);
    assert.match(shown, /Reads a file from the workspace\. Max 1 MB\.⟦U\+200B ZERO WIDTH SPACE⟧/);
    assert.match(shown, /- `no-hidden-unicode-in-description`: Invisible characters/);
    const onPlain = await client.hover(uri, { line: 2, character: 30 });
    assert.match((onPlain?.contents as MarkupContent).value, /description of tool 'plain':\n\n```\nNothing hidden here\.\n```$/);
    assert.equal(await client.hover(uri, { line: 3, character: 22 }), null);
  });

  void it('answers code action requests filtered by kind', async () => {
    const uri = uriOf('src/client.ts');
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(await client.codeActions(uri, diagnostics, ['refactor']), []);
    assert.deepEqual(titles(await client.codeActions(uri, diagnostics, ['quickfix'])), titles(await client.codeActions(uri, diagnostics)));
  });

  void it('offers no fix-all when only suggestion fixes exist', async () => {
    assert.deepEqual(await client.codeActions(uriOf('src/client.ts'), [], ['source.fixAll']), []);
  });

  void it('keeps diagnostics in step with the latest version', async () => {
    const uri = uriOf('src/client.ts');
    await client.change(uri, `${TS_SERVER}// edit 1\n`);
    await client.change(uri, `export const safe = new Object();\n`);
    assert.deepEqual(await client.diagnostics(uri), []);
    const stale = client.publications(uri).filter((params) => params.version === 2 || params.version === 3);
    assert.ok(stale.every((params) => params.version === 3 || params.diagnostics.length === 1));
  });

  void it('answers the rule list request and opens bundled docs', async () => {
    const rules = await client.request<RuleSummary[]>(ListRulesRequest.method);
    assert.deepEqual(rules.map((rule) => rule.id).sort(), allRules.map((rule) => rule.meta.id).sort());
    await client.executeCommand(Commands.showRuleDocumentation, ['no-disabled-tls-verification']);
    const shown = client.shownDocuments.at(-1);
    assert.equal(fileURLToPath(shown!.uri), join(RULES_DIRECTORY, 'source', 'no-disabled-tls-verification.md'));
  });

  void it('offers the ignore file for strict JSON and honours it once written', async () => {
    const uri = uriOf('.mcp.json');
    const text = `{ "mcpServers": { "gh": { "command": "npx", "env": { "GITHUB_TOKEN": "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio" } } } }\n`;
    await client.open(uri, 'json', text);
    const diagnostics = await client.diagnostics(uri);
    assert.equal(diagnostics.length, 1);
    const actions = await client.codeActions(uri, diagnostics);
    assert.deepEqual(titles(actions), [
      'Read it from the environment variable GITHUB_TOKEN (${GITHUB_TOKEN})',
      'Ignore no-plaintext-secret-in-config in this file (.mcpwardenignore)',
      'Show documentation for no-plaintext-secret-in-config',
    ]);
    assert.equal(client.applied(uri, actions[0]!.edit), text.replace('"ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio"', '"${GITHUB_TOKEN}"'));
    const changes = actions[1]!.edit!.documentChanges!;
    assert.deepEqual(changes[0], { kind: 'create', uri: uriOf('.mcpwardenignore'), options: { ignoreIfExists: true } });
    const insert = changes[1] as { edits: Array<{ newText: string }> };
    assert.equal(insert.edits[0]!.newText, '.mcp.json no-plaintext-secret-in-config -- <reason>\n');

    writeFileSync(join(workspace, '.mcpwardenignore'), insert.edits[0]!.newText);
    await client.fileChanged(uriOf('.mcpwardenignore'));
    await client.change(uri, `${text}\n`);
    assert.deepEqual(await client.diagnostics(uri), []);
    assert.match(readFileSync(join(workspace, '.mcpwardenignore'), 'utf8'), /^\.mcp\.json /);
  });
});

void describe('language server settings', () => {
  let client: TestClient;
  const uri = 'untitled:Untitled-1';
  before(async () => {
    client = await TestClient.inProcess(sharedAnalyzer(), { settings: {} });
  });
  after(() => client.dispose());

  const severityOf = async (settings: Record<string, unknown>, text: string): Promise<Diagnostic[]> => {
    await client.configurationChanged(settings);
    await client.change(uri, text);
    return client.diagnostics(uri);
  };

  void it('analyzes untitled documents by language id', async () => {
    await client.open(uri, 'typescript', TS_SERVER);
    assert.equal((await client.diagnostics(uri)).length, 1);
  });

  void it('applies rules.customizations with globs, negation and off', async () => {
    const customized = async (customizations: unknown[]) => (await severityOf({ rules: { customizations } }, `${TS_SERVER}// ${Math.random()}\n`)).map((d) => d.severity);
    assert.deepEqual(await customized([{ rule: 'no-disabled-*', severity: 'error' }]), [DiagnosticSeverity.Error]);
    assert.deepEqual(await customized([{ rule: '!no-hidden-*', severity: 'info' }]), [DiagnosticSeverity.Information]);
    assert.deepEqual(await customized([{ rule: '*', severity: 'downgrade' }]), [DiagnosticSeverity.Information]);
    assert.deepEqual(await customized([{ rule: 'no-disabled-tls-verification', severity: 'off' }]), []);
    assert.deepEqual(await customized([{ rule: 'no-disabled-tls-verification', severity: 'off' }, { rule: '*', severity: 'default' }]), [DiagnosticSeverity.Warning]);
  });

  void it('clears findings when disabled or run is off, and honours exclude globs', async () => {
    assert.deepEqual(await severityOf({ enable: false }, `${TS_SERVER}// a\n`), []);
    assert.deepEqual(await severityOf({ run: 'off' }, `${TS_SERVER}// b\n`), []);
    assert.deepEqual(await severityOf({ exclude: ['Untitled-*'] }, `${TS_SERVER}// c\n`), []);
    assert.deepEqual(await severityOf({ include: ['**/*.py'] }, `${TS_SERVER}// d\n`), []);
    assert.equal((await severityOf({ include: ['Untitled-*'] }, `${TS_SERVER}// e\n`)).length, 1);
  });

  void it('analyzes on save only in onSave mode', async () => {
    await client.configurationChanged({ run: 'onSave' });
    const before = client.publications(uri).length;
    await client.change(uri, `${TS_SERVER}// f\n`);
    await client.save(uri);
    assert.equal((await client.diagnostics(uri)).length, 1);
    const sinceSave = client.publications(uri).slice(before);
    assert.ok(sinceSave.length >= 1);
  });
});

void describe('language server robustness', () => {
  void it('keeps other rules working when one rule throws, and logs it once', async () => {
    const throwing = defineRule(
      {
        id: 'test-throwing-rule',
        group: 'source',
        description: 'Throws on every call',
        defaultSeverity: 'error',
        confidence: 'low',
        cwe: ['CWE-20'],
        owaspMcp: 'MCP05',
        control: 6,
        fix: 'none',
        messages: { never: 'never' },
        references: ['https://example.com'],
      },
      {
        'js-ts': () => ({
          program() {
            throw new Error('boom');
          },
        }),
      },
    );
    const client = await TestClient.inProcess(analyzerWith([throwing, ...allRules]));
    try {
      const uri = 'untitled:crash.ts';
      await client.open(uri, 'typescript', TS_SERVER);
      assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['no-disabled-tls-verification']);
      await client.change(uri, `${TS_SERVER}// again\n`);
      assert.equal((await client.diagnostics(uri)).length, 1);
      assert.deepEqual(client.logs.filter((log) => log.includes('test-throwing-rule')).length, 1);
      assert.match(client.logs.find((log) => log.includes('test-throwing-rule'))!, /rule test-throwing-rule failed: boom/);
    } finally {
      await client.dispose();
    }
  });

  void it('survives binary, empty, huge and malformed documents', async () => {
    const client = await TestClient.inProcess(sharedAnalyzer(), { settings: { maxFileSizeKb: 4 } });
    try {
      const cases: Array<[string, string, string]> = [
        ['untitled:binary.ts', 'typescript', 'const a = 1;\0\0\0'],
        ['untitled:empty.py', 'python', ''],
        ['untitled:huge.ts', 'typescript', `${TS_SERVER}${'// padding\n'.repeat(1000)}`],
        ['file:///tmp/broken/.vscode/mcp.json', 'jsonc', '{ "servers": { "x": { "env": { "T": "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio", '],
        ['untitled:garbage.py', 'python', 'def (((( \ufffd\ufffd """ never closed'],
      ];
      for (const [uri, language, text] of cases) await client.open(uri, language, text);
      assert.deepEqual(await client.diagnostics('untitled:binary.ts'), []);
      assert.deepEqual(await client.diagnostics('untitled:empty.py'), []);
      assert.deepEqual(await client.diagnostics('untitled:huge.ts'), []);
      assert.deepEqual((await client.diagnostics('file:///tmp/broken/.vscode/mcp.json')).map((d) => d.code), ['no-plaintext-secret-in-config']);
      assert.deepEqual(await client.diagnostics('untitled:garbage.py'), []);
      assert.ok(client.logs.some((log) => log.includes('huge.ts') && log.includes('larger than 4 KB')));
    } finally {
      await client.dispose();
    }
  });
});
