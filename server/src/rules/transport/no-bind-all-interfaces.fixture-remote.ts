import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { verifier } from './auth.js';

// A remote server that authenticates every request is meant to be reachable from the network.
const server = new McpServer({ name: 'remote', version: '1.0.0' });
const app = express();
app.post('/mcp', requireBearerAuth({ verifier, requiredScopes: ['mcp:tools'] }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
// ok: no-bind-all-interfaces
app.listen(8080, '0.0.0.0');
