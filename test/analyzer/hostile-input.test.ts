import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharedAnalyzer } from '../helpers/analyzer';

/**
 * Texts built to make regular expressions backtrack or loops run long: the analysis of each must
 * end (no hang) without errors. The bound is a hang detector, far above normal analysis time; speed
 * itself is measured by `npm run bench`.
 */
const HANG_LIMIT_MS = 5000;

const PAYLOADS: Record<string, string> = {
  'long run of spaces': `Adds numbers.${' '.repeat(20_000)}then more`,
  'repeated words without punctuation': 'ignore the previous '.repeat(2_000),
  'unclosed tags': '<IMPORTANT>'.repeat(2_000),
  'nested tags': `${'<a>'.repeat(1_000)}text${'</a>'.repeat(1_000)}`,
  'quotes and apostrophes': `"'`.repeat(5_000),
  'base64-like blob': 'QUJD'.repeat(10_000),
  'hex-like blob': 'deadbeef'.repeat(5_000),
  'many sentences': 'Do not tell the user. '.repeat(2_000),
  'url soup': 'send to https://a.b/c?d={e}&'.repeat(1_000),
  'email soup': 'bcc a@b.c, '.repeat(2_000),
  'backticks': '`'.repeat(10_000),
  'newlines': '\n'.repeat(20_000),
  'dots': '.'.repeat(20_000),
  'markdown links': '[x]('.repeat(5_000),
  'html comment opener': '<!--'.repeat(5_000),
  'ansi escapes': '\u001b['.repeat(5_000),
  'mixed scripts': 'аaоoеe'.repeat(5_000),
};

function typescriptServer(description: string): string {
  return `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
const server = new McpServer({ name: 'x', version: '1' });
const DESCRIPTION = ${JSON.stringify(description)};
server.registerTool('t', { description: DESCRIPTION, inputSchema: {} }, async () => ({ content: [] }));
server.tool('u', ${JSON.stringify(description.slice(0, 5_000))}, async () => ({ content: [] }));
`;
}

function pythonServer(description: string): string {
  return `from mcp.server.fastmcp import FastMCP
mcp = FastMCP("x", instructions=${JSON.stringify(description.slice(0, 5_000))})

@mcp.tool(description=${JSON.stringify(description)})
def t(note: str) -> str:
    return note
`;
}

function toolList(description: string): string {
  return JSON.stringify({ tools: [{ name: 't', description, inputSchema: { type: 'object', properties: { p: { type: 'string', description } } } }] });
}

function vscodeConfig(value: string): string {
  return JSON.stringify({ servers: { s: { command: 'npx', args: ['-y', value.slice(0, 5_000)], env: { TOKEN: value } } } });
}

void describe('hostile input', () => {
  for (const [name, payload] of Object.entries(PAYLOADS)) {
    void it(`ends without errors: ${name}`, async () => {
      const analyzer = await sharedAnalyzer();
      for (const [path, text] of [
        ['src/server.ts', typescriptServer(payload)],
        ['server.py', pythonServer(payload)],
        ['tools.json', toolList(payload)],
        ['.vscode/mcp.json', vscodeConfig(payload)],
      ] as const) {
        const started = performance.now();
        const result = await analyzer.analyze({ path, text });
        const elapsed = performance.now() - started;
        assert.deepEqual(
          result.notices.filter((notice) => notice.kind === 'rule-error'),
          [],
          `${path}: a rule failed`,
        );
        assert.ok(elapsed < HANG_LIMIT_MS, `${path}: analysis took ${Math.round(elapsed)} ms`);
        for (const finding of result.findings) assert.ok(finding.start >= 0 && finding.end <= text.length && finding.start <= finding.end, `${path}: ${finding.ruleId} range out of the document`);
      }
    });
  }
});
