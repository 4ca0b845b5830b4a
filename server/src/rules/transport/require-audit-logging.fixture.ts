import express from 'express';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { verifier } from './auth.js';
import { db } from './db.js';

const server = new McpServer({ name: 'tickets', version: '1.0.0' });

server.registerTool('close_ticket', { description: 'Close a ticket', inputSchema: { id: z.string().uuid() } }, async ({ id }) => {
  await db.tickets.close(id);
  return { content: [{ type: 'text', text: `closed ${id}` }] };
});

server.registerTool('list_tickets', { description: 'List open tickets', inputSchema: {} }, async (_args, extra) => {
  // ok: require-audit-logging
  await server.server.sendLoggingMessage({ level: 'info', data: 'listing tickets' });
  return { content: [{ type: 'text', text: JSON.stringify(await db.tickets.open(extra.authInfo?.clientId)) }] };
});

const app = express();
app.use(express.json());
// ruleid: require-audit-logging
const bearer = requireBearerAuth({ verifier, requiredScopes: ['tickets:write'] });
app.post('/mcp', bearer, async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(8080, '127.0.0.1', () => {
  // ok: require-audit-logging
  console.log('tickets MCP server listening on http://127.0.0.1:8080/mcp');
});
