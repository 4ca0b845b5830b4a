import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { jsonConfiguration, type ConfiguredServer } from '../../server/src/analyzer/config/config-model';
import { tomlConfiguration } from '../../server/src/analyzer/config/toml-configuration';
import { yamlConfiguration } from '../../server/src/analyzer/config/yaml-configuration';
import { detectFileKind } from '../../server/src/analyzer/file-kind';
import { allRules } from '../../server/src/rules';
import { analyzerWith } from '../helpers/analyzer';

/** A server as plain data, each value with the source text its range covers. */
function summary(source: string, server: ConfiguredServer) {
  const at = (range: { start: number; end: number }) => source.slice(range.start, range.end);
  return {
    name: server.name,
    nameText: at(server.nameRange),
    command: server.command?.value,
    args: server.args.map((argument) => argument.value),
    url: server.url?.value,
    env: server.env.map((entry) => [entry.key, entry.value?.value, entry.value ? at(entry.value) : undefined]),
    headers: server.headers.map((entry) => [entry.key, entry.value?.value]),
    keys: server.fields.map((field) => field.key),
  };
}

void describe('configuration model', () => {
  void it('reads Codex TOML: tables, env sub-tables and inline tables, with exact ranges', () => {
    const source = [
      '[mcp_servers.github]',
      'command = "npx"',
      "args = ['-y', \"@modelcontextprotocol/server-github@1.0.0\"]",
      '',
      '[mcp_servers.github.env]',
      'GITHUB_HOST = "github.com"',
      'GITHUB_TOKEN = "tok\\u0065n"',
      '',
      '[mcp_servers]',
      'remote = { url = "https://mcp.example.com/mcp", http_headers = { "X-Key" = "abc" }, enabled = true }',
      '',
    ].join('\n');
    const { configuration, comments } = tomlConfiguration(`# top comment\n${source}`);
    const text = `# top comment\n${source}`;
    assert.deepEqual(comments, [{ text: '# top comment', start: 0 }]);
    assert.deepEqual(
      configuration.servers.map((server) => summary(text, server)),
      [
        {
          name: 'github',
          nameText: 'github',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-github@1.0.0'],
          url: undefined,
          env: [
            ['GITHUB_HOST', 'github.com', '"github.com"'],
            ['GITHUB_TOKEN', 'token', '"tok\\u0065n"'],
          ],
          headers: [],
          keys: ['command', 'args', 'env'],
        },
        { name: 'remote', nameText: 'remote', command: undefined, args: [], url: 'https://mcp.example.com/mcp', env: [], headers: [['X-Key', 'abc']], keys: ['url', 'http_headers', 'enabled'] },
      ],
    );
    const token = configuration.servers[0]!.env[1]!.value!;
    const range = token.decoded.sourceRange(3, 4);
    assert.equal(text.slice(range.start, range.end), '\\u0065');
  });

  void it('throws on TOML syntax errors (the engine turns them into a notice)', () => {
    assert.throws(() => tomlConfiguration('[mcp_servers.x\ncommand = "npx"\n'));
  });

  void it('reads Continue YAML lists and keeps going after syntax errors', () => {
    const source = ['mcpServers:', '  - name: SQLite', '    command: npx', '    args: ["-y", "mcp-sqlite@1.0.0"]', '    env:', '      DB_PATH: ./data.db', ''].join('\n');
    const { configuration, errors } = yamlConfiguration(source);
    assert.deepEqual(errors, []);
    assert.deepEqual(summary(source, configuration.servers[0]!), {
      name: 'SQLite',
      nameText: 'SQLite',
      command: 'npx',
      args: ['-y', 'mcp-sqlite@1.0.0'],
      url: undefined,
      env: [['DB_PATH', './data.db', './data.db']],
      headers: [],
      keys: ['name', 'command', 'args', 'env'],
    });
    assert.ok(yamlConfiguration('mcpServers:\n  - name: [unclosed\n').errors.length > 0);
  });

  void it("reads Zed's nested command shape", () => {
    const source = '{ "context_servers": { "pg": { "command": { "path": "npx", "args": ["pg-mcp"], "env": { "PGPASSWORD": "x" } }, "settings": {} } } }';
    const configuration = jsonConfiguration(source, parseTree(source), 'context_servers');
    assert.equal(configuration.servers[0]?.command?.value, 'npx');
  });

  void it('recognises every client configuration by location', () => {
    const kinds = [
      ['repo/.codex/config.toml', ''],
      ['repo/.continue/mcpServers/db.yaml', ''],
      ['repo/.continue/config.yaml', ''],
      ['repo/.gemini/settings.json', '{ "mcpServers": {} }'],
      ['repo/.zed/settings.json', '{ "context_servers": {} }'],
      ['home/.cline/data/settings/cline_mcp_settings.json', '{}'],
    ].map(([path, text]) => {
      const kind = detectFileKind(path!, text!);
      return kind?.target === 'mcp-config' ? `${kind.client}/${kind.format}/${kind.syntax}` : String(kind?.target);
    });
    assert.deepEqual(kinds, ['codex/codex/toml', 'continue/continue/yaml', 'continue/continue/yaml', 'gemini/mcp-servers/json', 'zed/zed/json', 'cline/mcp-servers/json']);
    assert.equal(detectFileKind('repo/.gemini/settings.json', '{ "theme": "dark" }'), undefined);
    assert.equal(detectFileKind('repo/setup.toml', ''), undefined);
  });

  void it('reports a TOML syntax error once and analyzes nothing else in that file', async () => {
    const analyzer = await analyzerWith(allRules);
    const result = await analyzer.analyze({ path: 'repo/.codex/config.toml', text: '[mcp_servers.x\ncommand = "npx"\n' });
    assert.deepEqual(result.findings, []);
    assert.equal(result.notices.length, 1);
    assert.match(result.notices[0]!.message, /^TOML: /);
  });
});
