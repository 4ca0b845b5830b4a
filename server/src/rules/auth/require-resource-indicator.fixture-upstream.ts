// An MCP server that signs its users in with an upstream identity provider: that OAuth is not
// MCP's, and the upstream provider does not know about MCP resources.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

const server = new McpServer({ name: 'github-tools', version: '1.0.0' });

export async function githubCallback(code: string): Promise<unknown> {
  const response = await fetch('https://github.com/login/oauth/access_token', {
    method: 'POST',
    headers: { accept: 'application/json' },
    // ok: require-resource-indicator
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'gh-client', code_verifier: 'v' }),
  });
  return response.json();
}

export { server };
