import express from 'express';
import pino from 'pino';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { verifier } from './auth.js';
import { db } from './db.js';

const logger = pino();
const server = new McpServer({ name: 'tickets', version: '1.0.0' });

server.registerTool('close_ticket', { description: 'Close a ticket', inputSchema: { id: z.string().uuid() } }, async ({ id }, extra) => {
  // ok: require-audit-logging
  logger.info({ event: 'tool_call', tool: 'close_ticket', client: extra.authInfo?.clientId, at: new Date().toISOString() });
  await db.tickets.close(id);
  return { content: [{ type: 'text', text: `closed ${id}` }] };
});

const app = express();
app.use(express.json());
// ok: require-audit-logging
app.post('/mcp', requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(8080);
