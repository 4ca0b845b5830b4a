import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { checkJwtScopes } from './security.js';

const server = new McpServer({ name: 'tickets', version: '1.0.0' });
const app = express();
// ok: require-http-auth
app.post('/mcp', checkJwtScopes('tickets'), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
// ok: require-http-auth
app.listen(8080);
