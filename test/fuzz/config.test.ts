import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { sharedAnalyzer } from '../helpers/analyzer';
import { analyzeChecked, check, maybeBroken, mutated, realisticString, ruleFixtures } from './fuzz-support';

/**
 * MCP client configurations in every syntax and at every path a client reads them from: generated
 * (valid, then sometimes broken) and mutated rule fixtures.
 */

/** Where each client keeps its JSON(C) configuration, and the key holding its servers. */
const JSON_PATHS: ReadonlyArray<{ path: string; key: string }> = [
  { path: '.vscode/mcp.json', key: 'servers' },
  { path: 'Code/User/mcp.json', key: 'servers' },
  { path: 'mcp.json', key: 'servers' },
  { path: 'mcp.json', key: 'mcpServers' },
  { path: '.mcp.json', key: 'mcpServers' },
  { path: '.cursor/mcp.json', key: 'mcpServers' },
  { path: 'Claude/claude_desktop_config.json', key: 'mcpServers' },
  { path: '.codeium/windsurf/mcp_config.json', key: 'mcpServers' },
  { path: 'settings/cline_mcp_settings.json', key: 'mcpServers' },
  { path: '.gemini/settings.json', key: 'mcpServers' },
  { path: '.zed/settings.json', key: 'context_servers' },
  { path: '.continue/mcpServers/server.json', key: 'mcpServers' },
];

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: realisticString },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** One server entry: the fields clients know, with realistic and random values, and odd types. */
const serverEntry: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    type: fc.constantFrom('stdio', 'http', 'sse', 'streamable-http', 'ws', 'unknown'),
    command: fc.oneof(realisticString, scalar),
    args: fc.oneof({ weight: 4, arbitrary: fc.array(realisticString, { maxLength: 8 }) }, { weight: 1, arbitrary: scalar }),
    env: fc.oneof({ weight: 4, arbitrary: fc.dictionary(fc.constantFrom('GITHUB_TOKEN', 'API_KEY', 'PATH', 'NODE_TLS_REJECT_UNAUTHORIZED', 'HOME', 'x'), realisticString) }, { weight: 1, arbitrary: scalar }),
    url: fc.oneof(realisticString, fc.webUrl()),
    headers: fc.dictionary(fc.constantFrom('Authorization', 'X-Api-Key', 'Cookie'), realisticString),
    cwd: realisticString,
    envFile: realisticString,
    alwaysAllow: fc.oneof(fc.array(realisticString, { maxLength: 3 }), scalar),
    autoApprove: fc.oneof(fc.array(realisticString, { maxLength: 3 }), scalar),
    trust: fc.boolean(),
    disabled: fc.boolean(),
    settings: fc.dictionary(realisticString, scalar, { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

const servers = fc.dictionary(fc.oneof(fc.constantFrom('github', 'filesystem', 'fetch', ''), fc.string({ maxLength: 12 })), fc.oneof({ weight: 8, arbitrary: serverEntry }, { weight: 1, arbitrary: scalar }), { maxKeys: 4 });

/** JSON text with random indentation, sometimes with comments and trailing commas (JSONC). */
function jsonText(value: unknown, indent: number, decorate: boolean): string {
  const text = JSON.stringify(value, null, indent) ?? 'null';
  if (!decorate) return text;
  return text.replace(/\n/g, '\n// comment: mcp-warden-disable-next-line no-plaintext-secret-in-config\n').replace(/(["\d\]}el])(\n\s*[\]}])/g, '$1,$2');
}

const generatedJson = fc
  .tuple(fc.constantFrom(...JSON_PATHS), servers, fc.dictionary(fc.constantFrom('inputs', 'mcp', 'other'), scalar, { maxKeys: 2 }), fc.integer({ min: 0, max: 4 }), fc.boolean())
  .chain(([target, entries, extra, indent, decorate]) =>
    maybeBroken(fc.constant(jsonText({ ...extra, [target.key]: entries }, indent, decorate))).map((text) => ({ path: target.path, text })),
  );

function tomlString(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'boolean' || typeof value === 'number' ? String(value) : '""';
}

const generatedToml = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom('github', 'fs', 'a.b', 'quoted name'), fc.string({ maxLength: 8 })), serverEntry), { maxLength: 3 })
  .chain((entries) => {
    const text = entries
      .map(([name, entry]) => {
        const lines = [`[mcp_servers.${/^[\w-]+$/.test(name) ? name : JSON.stringify(name)}]`];
        for (const [key, value] of Object.entries(entry)) {
          if (Array.isArray(value)) lines.push(`${key} = [${value.map(tomlString).join(', ')}]`);
          else if (value && typeof value === 'object') lines.push(`${key} = { ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${tomlString(v)}`).join(', ')} }`);
          else lines.push(`${key} = ${tomlString(value)}`);
        }
        return lines.join('\n');
      })
      .join('\n\n');
    return maybeBroken(fc.constant(`# Codex configuration\nmodel = "o3"\n\n${text}\n`));
  })
  .map((text) => ({ path: '.codex/config.toml', text }));

function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : 'null';
}

const generatedYaml = fc
  .tuple(fc.array(fc.tuple(realisticString, serverEntry), { maxLength: 3 }), fc.constantFrom('.continue/config.yaml', '.continue/mcpServers/server.yaml', '.continue/mcpServers/x.yml'))
  .chain(([entries, path]) => {
    const items = entries.map(([name, entry]) => {
      const lines = [`  - name: ${JSON.stringify(name)}`];
      for (const [key, value] of Object.entries(entry)) {
        if (Array.isArray(value)) lines.push(`    ${key}:`, ...value.map((item) => `      - ${yamlScalar(item)}`));
        else if (value && typeof value === 'object') lines.push(`    ${key}:`, ...Object.entries(value).map(([k, v]) => `      ${JSON.stringify(k)}: ${yamlScalar(v)}`));
        else lines.push(`    ${key}: ${yamlScalar(value)}`);
      }
      return lines.join('\n');
    });
    return maybeBroken(fc.constant(`name: assistant\nversion: 1.0.0\nschema: v1\nmcpServers:\n${items.join('\n')}\n`)).map((text) => ({ path, text }));
  });

/** Fixture files with the path their header names, else a path of their syntax. */
function fixtureSeeds(): Array<{ path: string; text: string }> {
  return ruleFixtures(['.json', '.jsonc', '.toml', '.yaml', '.yml']).map((fixture) => {
    const fallback = fixture.name.endsWith('.toml') ? '.codex/config.toml' : /\.ya?ml$/.test(fixture.name) ? '.continue/config.yaml' : '.vscode/mcp.json';
    return { path: fixture.header ?? fallback, text: fixture.text };
  });
}

void describe('fuzz: MCP configurations', () => {
  void it('survives generated JSON and JSONC configurations at every client path', async () => {
    const analyzer = await sharedAnalyzer();
    await check('JSON configurations', generatedJson, async ({ path, text }) => void (await analyzeChecked(analyzer, path, text)), 200);
  });

  void it('survives generated Codex TOML and Continue YAML configurations', async () => {
    const analyzer = await sharedAnalyzer();
    await check('TOML configurations', generatedToml, async ({ path, text }) => void (await analyzeChecked(analyzer, path, text)), 150);
    await check('YAML configurations', generatedYaml, async ({ path, text }) => void (await analyzeChecked(analyzer, path, text)), 150);
  });

  void it('survives mutated configuration fixtures', async () => {
    const analyzer = await sharedAnalyzer();
    await check('mutated configuration fixtures', mutated(fixtureSeeds()), async ({ path, text }) => void (await analyzeChecked(analyzer, path, text)), 250);
  });
});
