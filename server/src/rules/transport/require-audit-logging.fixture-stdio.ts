import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { verifyToken } from './verify.js';

// A stdio server authenticates nobody over HTTP: not this rule's case.
const server = new McpServer({ name: 'local', version: '1.0.0' });
server.registerTool('whoami', { description: 'Who am I' }, async () => {
  // ok: require-audit-logging
  const user = await verifyToken(process.env.LOCAL_TOKEN ?? '');
  return { content: [{ type: 'text', text: user.name }] };
});
await server.connect(new StdioServerTransport());
